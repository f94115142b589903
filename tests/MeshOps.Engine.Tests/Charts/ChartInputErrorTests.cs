using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>Expand-MeshChart's inputs that Helm reports in its own way or not at all (issue 13's bad-input corpus).</summary>
public class ChartInputErrorTests
{
    [Fact]
    public void ChartYamlThatIsAFolderIsPathIsDirectory()
    {
        // Helm walks into the folder and then says "Chart.yaml file is missing".
        using var c = new TempChart();
        File.Delete(Path.Combine(c.Dir, "Chart.yaml"));
        Directory.CreateDirectory(Path.Combine(c.Dir, "Chart.yaml"));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(Path.Combine(c.Dir, "Chart.yaml"), e.Message);
    }

    [Fact]
    public void SubchartChartYamlThatIsAFolderIsPathIsDirectoryButOtherFoldersOfThatNameAreFiles()
    {
        using var c = new TempChart();
        Directory.CreateDirectory(Path.Combine(c.Dir, "files", "Chart.yaml")); // not where a chart's Chart.yaml belongs
        c.Write("files/Chart.yaml/x.txt", "x");
        Assert.Contains(ChartLoader.Load(c.Dir).Files, f => f.Name == "files/Chart.yaml/x.txt");
        c.Write("charts/sub/values.yaml", "a: 1\n");
        Directory.CreateDirectory(Path.Combine(c.Dir, "charts", "sub", "Chart.yaml"));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal("PathIsDirectory", e.ErrorId);
        Assert.Contains(Path.Combine("charts", "sub", "Chart.yaml"), e.Message);
    }

    [Fact]
    public void SetFileThatIsAFolderIsPathIsDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-setfile-").FullName;
        try
        {
            // Helm: "failed parsing --set-file data: read DIR: is a directory".
            var options = new HelmValueOptions { BaseDirectory = dir, FileValues = { "x=." } };
            var e = Assert.Throws<MeshException>(() => options.Merge());
            Assert.Equal("PathIsDirectory", e.ErrorId);
            Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
            Assert.Contains("-SetFile", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("release-name")]
    [InlineData("a")]
    [InlineData("my.release-1")]
    [InlineData("0")]
    [InlineData("rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr")] // 53, Helm's maximum
    public void ReleaseNamesHelmAcceptsPass(string name) => HelmReleaseName.Validate(name);

    [Theory]
    [InlineData("Bad_Release!")]
    [InlineData("UPPER")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a..b")]
    [InlineData("a\n")] // Go's $ is the end of the text, not before a final newline
    [InlineData("rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr")] // 54
    public void ReleaseNamesHelmRefusesFailWithHelmsMessage(string name)
    {
        var e = Assert.Throws<MeshException>(() => HelmReleaseName.Validate(name));
        Assert.Equal("ReleaseNameInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        // helm template 'Bad_Release!' CHART (4.1.4) prints exactly this, then MeshOps says what to do.
        Assert.StartsWith("release name check failed: release name " + MeshOps.Engine.Templating.GoQuote.Quote(name) +
            @": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53", e.Message);
    }
}
