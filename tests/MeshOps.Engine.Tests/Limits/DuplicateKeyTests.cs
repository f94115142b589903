using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// A key given twice in one mapping of an IstioOperator file, a profile or -MeshConfig YAML is refused (issue 13:
/// "profile: minimal" then "profile: demo" was accepted, the last winning). Helm's values files and rendered
/// templates keep the last value, as helm 4.1.4 does.
/// </summary>
public class DuplicateKeyTests
{
    private const string Iop = "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n  meshConfig:\n    accessLogFile: /dev/stdout\n  profile: demo\n";

    [Fact]
    public void IstioOperatorFileNamesTheFileBothLinesAndTheKeyPath()
    {
        var e = Assert.Throws<YamlParseException>(() => OperatorFileReader.ReadText(Iop, "my-config.yaml"));
        Assert.Equal("YamlDuplicateKey", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Equal("my-config.yaml:7:3: mapping key \"profile\" already defined at line 4 (key spec.profile appears on lines 4 and 7); keep only one of them", e.Message);
    }

    [Fact]
    public void NestedDuplicateNamesItsPath()
    {
        var text = "spec:\n  values:\n    global:\n      hub: a\n      hub: b\n";
        var e = Assert.Throws<YamlParseException>(() => OperatorFileReader.ReadText(text, "f.yaml"));
        Assert.Contains("key spec.values.global.hub appears on lines 4 and 5", e.Message);
    }

    [Fact]
    public void MeshConfigYamlIsRefused()
    {
        var e = Assert.Throws<YamlParseException>(() => MeshConfigSettings.ParseYaml("enablePrometheusMerge: false\nenablePrometheusMerge: true\n"));
        Assert.Equal("YamlDuplicateKey", e.ErrorId);
        Assert.StartsWith("-MeshConfig:2:1:", e.Message);
    }

    [Fact]
    public void ProfileFileIsRefused()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-profile-").FullName;
        try
        {
            var file = Path.Combine(dir, "mine.yaml");
            File.WriteAllText(file, "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  hub: a\n  hub: b\n");
            var e = Assert.Throws<YamlParseException>(() => ProfileLoader.Load(dir, file));
            Assert.Equal("YamlDuplicateKey", e.ErrorId);
            Assert.Contains("mine.yaml:5:3", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ChartValuesKeepTheLastValueAsHelmDoes()
    {
        // helm template with "a: 1\nb: 2\na: 3" in values.yaml renders a as 3 (helm 4.1.4): the chart author's file.
        var values = ChartValuesReader.ReadValuesFile("a: 1\nb: 2\na: 3\n", "values.yaml", isUserFile: false);
        Assert.Equal(3.0, values["a"]);
    }

    [Theory]
    [InlineData("k: 1\nother: 2\nk: 2\n", "v.yaml:3:1: mapping key \"k\" already defined at line 1 (key k appears on lines 1 and 3); keep only one of them")]
    [InlineData("l1:\n  l2:\n    k: 1\n    other: 2\n    k: 2\n", "v.yaml:5:5: mapping key \"k\" already defined at line 3 (key l1.l2.k appears on lines 3 and 5); keep only one of them")]
    [InlineData("a: 1\n---\nk: [1]\nk: [2]\n", "v.yaml:4:1: mapping key \"k\" already defined at line 3 (key k appears on lines 3 and 4); keep only one of them")]
    public void UserValuesFileWithADuplicateKeyIsRefused(string text, string message)
    {
        // Unlike helm 4.1.4, which takes the last: a -ValuesPath file is the user's, and a key given twice is a mistake (issue 13).
        var e = Assert.Throws<YamlParseException>(() => ChartValuesReader.ReadValuesFile(text, "v.yaml", isUserFile: true));
        Assert.Equal("YamlDuplicateKey", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ValuesPathFileWithADuplicateKeyIsRefusedButTheSameKeyInTwoFilesMerges()
    {
        var dir = Directory.CreateTempSubdirectory("meshops-values-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "one.yaml"), "a: 1\n");
            File.WriteAllText(Path.Combine(dir, "two.yaml"), "a: 2\n");
            File.WriteAllText(Path.Combine(dir, "dup.yaml"), "a: 1\na: 2\n");
            var merged = new HelmValueOptions { BaseDirectory = dir, ValueFiles = { "one.yaml", "two.yaml" } }.Merge();
            Assert.Equal(2.0, merged["a"]);
            var e = Assert.Throws<YamlParseException>(() => new HelmValueOptions { BaseDirectory = dir, ValueFiles = { "dup.yaml" } }.Merge());
            Assert.Equal("YamlDuplicateKey", e.ErrorId);
            Assert.StartsWith("dup.yaml:2:1:", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ChartOwnValuesYamlWithADuplicateKeyRendersTheLast()
    {
        using var chart = new Tests.Charts.TempChart().Write("values.yaml", "a: 1\na: 3\n").Write("templates/t.yaml", "a: {{ .Values.a }}\n");
        var result = HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions());
        Assert.Contains("a: 3", HelmTemplateWriter.Write(result, true, false));
    }
}
