using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>The session cache of charts (ChartSessionCache) and of their crds/ objects (ChartDocumentCache).</summary>
public class ChartSessionCacheTests
{
    private static readonly IstioctlRelease Release = IstioctlRelease.For(IstioVersion.Parse("1.18.5"));

    private static TempChart NewChart() => new TempChart("cached")
        .Write("templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  greeting: {{ .Values.greeting }}\n")
        .Write("values.yaml", "greeting: hello\n")
        .Write("crds/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\nspec:\n  group: example.com\n");

    // A new renderer per render, as every Generate call makes one: only the session cache carries charts across.
    private static List<ManifestObject> Render(string dir, RecordingHost host) =>
        new HelmChartRenderer(host: host).RenderObjects(Release, dir, new Dictionary<string, object?>(), "istio-system", "Base", default);

    private static string Yaml(List<ManifestObject> objects) => string.Join("---\n", objects.Select(o => o.Yaml));

    [Fact]
    public void A_second_render_of_an_unchanged_chart_is_served_from_the_cache()
    {
        using var chart = NewChart();
        var first = new RecordingHost();
        var before = Yaml(Render(chart.Dir, first));
        Assert.Contains(first.Verbose, m => m.Contains("chart cache: loading the chart in", StringComparison.Ordinal));

        var second = new RecordingHost();
        Assert.Equal(before, Yaml(Render(chart.Dir, second)));
        Assert.DoesNotContain(second.Verbose, m => m.StartsWith("chart cache:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_that_changes_length_reloads_the_chart_and_renders_the_new_text()
    {
        using var chart = NewChart();
        Render(chart.Dir, new RecordingHost());
        chart.Write("templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  greeting: {{ .Values.greeting | upper }}\n");

        var host = new RecordingHost();
        var yaml = Yaml(Render(chart.Dir, host));
        Assert.Contains("greeting: HELLO", yaml);
        Assert.Contains(host.Verbose, m => m.Contains("templates/cm.yaml changed length", StringComparison.Ordinal) && m.Contains("reloading", StringComparison.Ordinal));
    }

    [Fact]
    public void A_template_of_the_same_length_with_a_new_timestamp_reloads_the_chart()
    {
        using var chart = NewChart();
        Render(chart.Dir, new RecordingHost());
        var path = Path.Combine(chart.Dir, "templates/cm.yaml");
        var stamp = File.GetLastWriteTimeUtc(path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("greeting: {{", "greetinG: {{", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(path, stamp.AddSeconds(5));

        var host = new RecordingHost();
        var yaml = Yaml(Render(chart.Dir, host));
        Assert.Contains("greetinG: hello", yaml);
        Assert.Contains(host.Verbose, m => m.Contains("templates/cm.yaml changed timestamp", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_crd_file_and_an_added_template_are_rendered()
    {
        using var chart = NewChart();
        Render(chart.Dir, new RecordingHost());
        chart.Write("crds/crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: others.example.com\nspec:\n  group: example.com\n");
        var objects = Render(chart.Dir, new RecordingHost());
        Assert.Equal(new[] { "ConfigMap:cm", "CustomResourceDefinition:others.example.com" }, objects.Select(o => o.Kind + ":" + o.Name));

        chart.Write("templates/sa.yaml", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n");
        var host = new RecordingHost();
        objects = Render(chart.Dir, host);
        Assert.Contains("ServiceAccount:sa", objects.Select(o => o.Kind + ":" + o.Name));
        Assert.Contains(host.Verbose, m => m.Contains("templates/sa.yaml was added", StringComparison.Ordinal));
    }

    [Fact]
    public void Changing_a_rendered_crd_object_leaves_the_cached_one_alone()
    {
        using var chart = NewChart();
        var first = Render(chart.Dir, new RecordingHost());
        var crd = first.Single(o => o.Kind == "CustomResourceDefinition");
        var pristine = crd.Yaml;
        ((Dictionary<string, object?>)crd.Value["spec"]!)["group"] = "changed.example.com";
        Assert.Contains("group: changed.example.com", crd.Yaml);

        var again = Render(chart.Dir, new RecordingHost()).Single(o => o.Kind == "CustomResourceDefinition");
        Assert.Equal(pristine, again.Yaml);
        Assert.Equal("example.com", ((Dictionary<string, object?>)again.Value["spec"]!)["group"]);
    }

    [Fact]
    public void The_cached_path_yields_the_objects_of_the_joined_manifest()
    {
        using var chart = NewChart();
        var renderer = new HelmChartRenderer();
        var joined = ManifestGenerator.ParseObjects(renderer.Render(Release, chart.Dir, new Dictionary<string, object?>(), "istio-system", default), "Base", chart.Dir);
        var cached = Render(chart.Dir, new RecordingHost());
        Assert.Equal(Yaml(joined), Yaml(cached));
    }
}
