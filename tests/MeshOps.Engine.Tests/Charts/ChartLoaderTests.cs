using System.Formats.Tar;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using static MeshOps.Engine.Tests.Charts.ValueAssert;

namespace MeshOps.Engine.Tests.Charts;

public class ChartLoaderTests
{
    [Fact]
    public void Loads_a_directory_chart_with_all_parts()
    {
        using var c = new TempChart();
        c.Write("values.yaml", "replicas: 2\nimage:\n  tag: v1\n")
            .Write("values.schema.json", "{\"type\":\"object\"}")
            .Write("templates/deployment.yaml", "kind: Deployment\n")
            .Write("templates/_helpers.tpl", "{{ define \"x\" }}{{ end }}")
            .Write("templates/NOTES.txt", "hello")
            .Write("templates/.hidden", "ignored by Helm's default rule")
            .Write("crds/crd.yaml", "kind: CustomResourceDefinition\n")
            .Write("files/config.txt", "abc")
            .Write("README.md", "readme");
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal("demo", chart.Name);
        Assert.Equal("v2", chart.Metadata.ApiVersion);
        Assert.Equal("1.2", chart.Metadata.AppVersion);
        Equal(Map(("replicas", 2.0), ("image", Map(("tag", "v1")))), chart.Values);
        Assert.NotNull(chart.Schema);
        Assert.Equal(new[] { "templates/NOTES.txt", "templates/_helpers.tpl", "templates/deployment.yaml" }, chart.Templates.Select(t => t.Name));
        Assert.Equal(new[] { "README.md", "crds/crd.yaml", "files/config.txt" }, chart.Files.Select(f => f.Name));
    }

    [Fact]
    public void Helmignore_rules_are_honoured()
    {
        using var c = new TempChart();
        c.Write(".helmignore", "# comment\n*.bak\n/secret.txt\ndocs/\n")
            .Write("templates/a.yaml", "a: 1")
            .Write("templates/a.yaml.bak", "old")
            .Write("secret.txt", "x")
            .Write("sub/secret.txt", "kept: only the root one is ignored")
            .Write("docs/guide.md", "x");
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal(new[] { "templates/a.yaml" }, chart.Templates.Select(t => t.Name));
        Assert.Equal(new[] { ".helmignore", "sub/secret.txt" }, chart.Files.Select(f => f.Name));
    }

    [Fact]
    public void Helmignore_double_star_is_refused()
    {
        using var c = new TempChart();
        c.Write(".helmignore", "**/x\n");
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
        Assert.Contains("double-star (**) syntax is not supported", e.Message);
    }

    [Fact]
    public void Loads_subcharts_from_directories_and_archives()
    {
        using var c = new TempChart("parent");
        c.Write("charts/child/Chart.yaml", "apiVersion: v2\nname: child\nversion: 1.0.0\n")
            .Write("charts/child/templates/c.yaml", "c: 1");
        using var packed = new TempChart("packed");
        packed.Write("values.yaml", "p: true\n");
        File.WriteAllBytes(Path.Combine(c.Dir, "charts", "packed-0.1.0.tgz"), TempChart.Pack(packed.Dir));
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal(new[] { "child", "packed" }, chart.Dependencies.Select(d => d.Name).Order());
        Assert.All(chart.Dependencies, d => Assert.Same(chart, d.Parent));
        Equal(Map(("p", true)), chart.Dependencies.Single(d => d.Name == "packed").Values);
    }

    [Fact]
    public void Loads_an_archive()
    {
        using var c = new TempChart();
        c.Write("templates/a.yaml", "a: 1");
        var archive = Path.Combine(c.Root, "demo-0.1.0.tgz");
        File.WriteAllBytes(archive, TempChart.Pack(c.Dir));
        var chart = ChartLoader.Load(archive);
        Assert.Equal("demo", chart.Name);
        Assert.Equal("a: 1", Assert.Single(chart.Templates).Text);
    }

    [Theory]
    [InlineData("demo/../../etc/passwd", "chart illegally references parent directory")]
    [InlineData("demo//etc/passwd", "chart illegally contains absolute paths")]
    [InlineData("Chart.yaml", "chart illegally contains content outside the base directory")]
    public void Hostile_archive_paths_are_refused(string entryName, string message)
    {
        using var c = new TempChart();
        var archive = Path.Combine(c.Root, "bad.tgz");
        File.WriteAllBytes(archive, TempChart.RawArchive(TempChart.FileEntry(entryName, "x")));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(archive));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Oversize_archive_files_are_refused()
    {
        using var c = new TempChart();
        var archive = Path.Combine(c.Root, "big.tgz");
        var big = new PaxTarEntry(TarEntryType.RegularFile, "demo/big.bin") { DataStream = new MemoryStream(new byte[ChartLoader.MaxFileSize + 1]) };
        File.WriteAllBytes(archive, TempChart.RawArchive(big));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(archive));
        Assert.Equal(ChartErrors.ChartTooLarge, e.ErrorId);
    }

    [Fact]
    public void A_file_that_is_not_gzip_is_refused()
    {
        using var c = new TempChart();
        var path = Path.Combine(c.Root, "values.yaml");
        File.WriteAllText(path, "a: 1\n");
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
        Assert.Equal(ChartErrors.ChartArchiveInvalid, e.ErrorId);
        Assert.Equal($"file '{path}' seems to be a YAML file, but expected a gzipped archive", e.Message);
    }

    [Fact]
    public void Symlinks_leaving_the_chart_are_refused()
    {
        using var c = new TempChart();
        File.CreateSymbolicLink(Path.Combine(c.Dir, "passwd"), "/etc/passwd");
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
    }

    [Fact]
    public void Symlinks_inside_the_chart_are_followed_but_loops_are_refused()
    {
        using var c = new TempChart();
        c.Write("shared/a.yaml", "a: 1");
        Directory.CreateSymbolicLink(Path.Combine(c.Dir, "templates"), Path.Combine(c.Dir, "shared"));
        Assert.Equal(new[] { "templates/a.yaml" }, ChartLoader.Load(c.Dir).Templates.Select(t => t.Name));

        Directory.CreateSymbolicLink(Path.Combine(c.Dir, "shared", "loop"), c.Dir);
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
    }

    [Fact]
    public void Missing_path_is_chart_not_found()
    {
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load("/nonexistent/chart/path"));
        Assert.Equal(ChartErrors.ChartNotFound, e.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, e.Kind);
    }

    [Theory]
    [InlineData("apiVersion: v2\nname: demo\nversion: [1]\n", "json: cannot unmarshal array into Go struct field Metadata.version of type string")]
    [InlineData("apiVersion: v2\nname: demo\n", "validation: chart.metadata.version is required")]
    [InlineData("apiVersion: v2\nversion: 1.0.0\n", "validation: chart.metadata.name is required")]
    [InlineData("apiVersion: v2\nname: demo\nversion: one\n", "validation: chart.metadata.version \"one\" is invalid")]
    [InlineData("apiVersion: v2\nname: demo\nversion: 1.0.0\ntype: plugin\n", "validation: chart.metadata.type must be application or library")]
    [InlineData("apiVersion: v2\nname: a/b\nversion: 1.0.0\n", "validation: chart.metadata.name \"a/b\" is invalid")]
    [InlineData("name: [\n", "cannot load Chart.yaml")]
    [InlineData("apiVersion: v3\nname: demo\nversion: 1.0.0\n", "invalid chart apiVersion")]
    [InlineData("apiVersion: v9\nname: demo\nversion: 1.0.0\n", "unsupported chart version")]
    public void Broken_chart_yaml_is_chart_invalid(string chartYaml, string message)
    {
        using var c = new TempChart();
        c.Write("Chart.yaml", chartYaml);
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("version: 1.0\nappVersion: 1.10", "1", "1.1")]
    [InlineData("version: 2\nappVersion: 20240101", "2", "20240101")]
    [InlineData("version: 1.2.3\nappVersion: true", "1.2.3", "true")]
    [InlineData("version: 1.2.3\nappVersion: 1e3", "1.2.3", "1000")]
    [InlineData("version: 1.2.3\nappVersion: 3.14159265", "1.2.3", "3.1415927")]
    public void Numbers_and_bools_in_string_fields_become_text_as_sigs_yaml_makes_them(string fields, string version, string appVersion)
    {
        using var c = new TempChart();
        c.Write("Chart.yaml", $"apiVersion: v2\nname: demo\n{fields}\nannotations:\n  count: 7\nkeywords: [1, yes]\n");
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal((version, appVersion), (chart.Metadata.Version, chart.Metadata.AppVersion));
        Assert.Equal("7", chart.Metadata.Annotations["count"]);
        // go-yaml v2 reads yes as a YAML 1.1 bool, so Helm's keyword is "true".
        Assert.Equal(new[] { "1", "true" }, chart.Metadata.Keywords);
    }

    [Fact]
    public void Missing_api_version_means_v1_and_requirements_yaml_adds_dependencies()
    {
        using var c = new TempChart();
        c.Write("Chart.yaml", "name: old\nversion: 1.0.0\n")
            .Write("requirements.yaml", "dependencies:\n- name: sub\n  version: '>=1.0.0'\n  repository: file://x\n  condition: sub.enabled\n  alias: other\n");
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal("v1", chart.Metadata.ApiVersion);
        var dep = Assert.Single(chart.Metadata.Dependencies);
        Assert.Equal(("sub", ">=1.0.0", "sub.enabled", "other"), (dep.Name, dep.Version, dep.Condition, dep.Alias));
        Assert.Contains(chart.Files, f => f.Name == "requirements.yaml");
    }

    [Fact]
    public void Bad_values_yaml_is_chart_invalid()
    {
        using var c = new TempChart();
        c.Write("values.yaml", "a: [1\n");
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
        Assert.StartsWith("cannot load values.yaml:", e.Message);
    }

    [Fact]
    public void Byte_order_marks_are_removed()
    {
        using var c = new TempChart();
        File.WriteAllBytes(Path.Combine(c.Dir, "values.yaml"), new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'x' });
        Equal(Map(("a", "x")), ChartLoader.Load(c.Dir).Values);
    }

    [SharedFact]
    public void Loads_every_istio_chart()
    {
        var charts = Path.Combine(SharedData.ReleaseManifests, "charts");
        foreach (var rel in IstioCharts.All)
        {
            var chart = ChartLoader.Load(Path.Combine(charts, rel));
            Assert.NotEmpty(chart.Templates);
            Assert.Equal("1.0.0", chart.Metadata.Version);
        }
    }
}
