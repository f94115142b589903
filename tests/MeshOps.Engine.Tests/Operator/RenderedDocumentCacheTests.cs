using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>The session cache of parsed template output (RenderedDocumentCache).</summary>
public class RenderedDocumentCacheTests
{
    private static readonly IstioctlRelease Release = IstioctlRelease.For(IstioVersion.Parse("1.18.5"));

    private static string ConfigMap(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  k: v\n---\n";

    private sealed class CountingParser
    {
        public int Calls;

        public List<ManifestObject> Parse(string text)
        {
            Calls++;
            return ManifestGenerator.ParseObjects(text, "Pilot", "test");
        }
    }

    [Fact]
    public void Identical_text_is_parsed_once_and_each_caller_gets_its_own_objects()
    {
        var cache = new RenderedDocumentCache(1 << 20);
        var parser = new CountingParser();
        var text = ConfigMap("a") + ConfigMap("b");
        var first = cache.Objects(text, "Pilot", parser.Parse);
        var second = cache.Objects(text, "IngressGateways", parser.Parse);

        Assert.Equal(1, parser.Calls);
        Assert.Equal(new[] { "ConfigMap::a", "ConfigMap::b" }, second.Select(o => o.Key));
        Assert.All(second, o => Assert.Equal("IngressGateways", o.Component));
        Assert.Equal(first.Select(o => o.Yaml), second.Select(o => o.Yaml));
        Assert.NotSame(first[0], second[0]);
        // A different text is parsed on its own.
        cache.Objects(ConfigMap("c"), "Pilot", parser.Parse);
        Assert.Equal(2, parser.Calls);
    }

    [Fact]
    public void A_changed_object_does_not_leak_into_the_next_use_of_the_same_text()
    {
        var cache = new RenderedDocumentCache(1 << 20);
        var parser = new CountingParser();
        var text = ConfigMap("a");
        var first = cache.Objects(text, "Pilot", parser.Parse).Single();
        var pristine = first.Yaml;
        ((Dictionary<string, object?>)first.Value["data"]!)["k"] = "changed";
        Assert.Contains("k: changed", first.Yaml);

        var again = cache.Objects(text, "Pilot", parser.Parse).Single();
        Assert.Equal(1, parser.Calls);
        Assert.Equal(pristine, again.Yaml);
        Assert.Equal("v", ((Dictionary<string, object?>)again.Value["data"]!)["k"]);
    }

    [Fact]
    public void The_bound_evicts_the_least_recently_used_text()
    {
        var a = ConfigMap("a");
        var b = ConfigMap("b");
        var c = ConfigMap("c");
        var cache = new RenderedDocumentCache(a.Length * 2 + 1);
        var parser = new CountingParser();
        cache.Objects(a, "Pilot", parser.Parse);
        cache.Objects(b, "Pilot", parser.Parse);
        cache.Objects(a, "Pilot", parser.Parse); // a is now the most recently used
        Assert.Equal(2, parser.Calls);

        cache.Objects(c, "Pilot", parser.Parse); // evicts b
        Assert.Equal(2, cache.Count);
        Assert.True(cache.CachedChars <= cache.CapacityChars);
        cache.Objects(a, "Pilot", parser.Parse);
        Assert.Equal(3, parser.Calls);
        cache.Objects(b, "Pilot", parser.Parse);
        Assert.Equal(4, parser.Calls);
    }

    [Fact]
    public void A_text_larger_than_the_bound_and_a_text_that_fails_to_parse_are_not_cached()
    {
        var cache = new RenderedDocumentCache(10);
        var parser = new CountingParser();
        cache.Objects(ConfigMap("a"), "Pilot", parser.Parse);
        Assert.Equal(0, cache.Count);

        var roomy = new RenderedDocumentCache(1 << 20);
        Assert.Throws<MeshOps.Engine.Hosting.MeshException>(() => roomy.Objects("data: {}\n", "Pilot", parser.Parse));
        Assert.Equal(0, roomy.Count);
    }

    [Fact]
    public void A_chart_rendered_again_yields_the_same_yaml_after_a_caller_changed_its_objects()
    {
        using var chart = new TempChart("rendered-cache")
            .Write("templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{{ .Values.n }}\ndata:\n  k: v\n")
            .Write("values.yaml", "n: default\n");
        List<ManifestObject> Render() =>
            new HelmChartRenderer(host: new RecordingHost()).RenderObjects(Release, chart.Dir, new Dictionary<string, object?> { ["n"] = "rendered-document-cache" }, "istio-system", "Pilot", default);
        var first = Render().Single();
        var pristine = first.Yaml;
        ((Dictionary<string, object?>)first.Value["metadata"]!)["name"] = "renamed";

        var again = Render().Single();
        Assert.Equal(pristine, again.Yaml);
        Assert.Equal("cm-rendered-document-cache", again.Name);
    }
}

/// <summary>The joined manifest's files, appended without intermediate strings, read exactly as Document builds them.</summary>
public class HelmChartRendererAppendDocumentTests
{
    [Theory]
    [InlineData("")]
    [InlineData("  \n\t")]
    [InlineData("---")]
    [InlineData("a: 1")]
    [InlineData("\n a: 1\n\n")]
    [InlineData("a: 1\n---")]
    [InlineData("a: 1\n---\n\n")]
    [InlineData("a: 1\n----")]
    [InlineData("a: 1\n ---")]
    public void AppendDocument_appends_what_Document_returns(string content)
    {
        var sb = new System.Text.StringBuilder("x");
        HelmChartRenderer.AppendDocument(sb, content);
        Assert.Equal("x" + HelmChartRenderer.Document(content), sb.ToString());
    }
}
