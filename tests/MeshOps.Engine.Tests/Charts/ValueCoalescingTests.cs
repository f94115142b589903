using MeshOps.Engine.Charts;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// Coalescing, globals, conditions, tags, aliases and import-values. The expected JSON is what Helm 4.1.4 printed
/// for <c>{{ toJson .Values }}</c> in the same chart (see the comments).
/// </summary>
public class ValueCoalescingTests
{
    private static TempChart ParentChart()
    {
        var c = new TempChart("parent");
        c.Write("Chart.yaml", """
            apiVersion: v2
            name: parent
            version: 1.0.0
            dependencies:
            - name: sub
              version: ">=0.1.0"
              condition: sub.enabled
              import-values:
              - child: exported
                parent: fromsub
              - data
            - name: other
              version: "1.x"
              alias: renamed
              tags: [extra]
            """);
        c.Write("values.yaml", """
            global:
              region: eu
              nested: {a: 1, b: 2}
            top: 1
            dropme: x
            keepnull: null
            sub:
              fromparent: yes
              nested: {x: 1}
            tags:
              extra: true
            fromsub:
              own: parent
            """);
        c.Write("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.2.0\n");
        c.Write("charts/sub/values.yaml", """
            enabled: true
            global:
              region: us
              nested: {b: 3, c: 4}
              subonly: 1
            nested: {x: 0, z: 2}
            exported: {e1: 1, own: child}
            exports:
              data: {d1: true}
            """);
        c.Write("charts/other/Chart.yaml", "apiVersion: v2\nname: other\nversion: 1.2.0\n");
        c.Write("charts/other/values.yaml", "o: 1\n");
        return c;
    }

    private static string Render(Chart chart, string set, string? scope = null)
    {
        var user = set.Length == 0 ? new Dictionary<string, object?>(StringComparer.Ordinal) : SetValuesParser.Parse(set);
        var root = ChartDependencyProcessor.Process(chart, user);
        var values = ValueTables.CoalesceValues(root, user);
        return GoJson.Serialize(scope is null ? values : values[scope]);
    }

    [Fact]
    public void Coalesces_like_helm_with_globals_imports_and_aliases()
    {
        using var c = ParentChart();
        var chart = ChartLoader.Load(c.Dir);
        // helm template . --set dropme=null
        Assert.Equal(
            """{"d1":true,"fromsub":{"e1":1,"own":"parent"},"global":{"nested":{"a":1,"b":2},"region":"eu"},"keepnull":null,"renamed":{"global":{"nested":{"a":1,"b":2},"region":"eu"},"o":1},"sub":{"enabled":true,"exported":{"e1":1,"own":"child"},"exports":{"data":{"d1":true}},"fromparent":true,"global":{"nested":{"a":1,"b":2,"c":4},"region":"eu","subonly":1},"nested":{"x":1,"z":2}},"tags":{"extra":true},"top":1}""",
            Render(chart, "dropme=null"));
    }

    [Fact]
    public void Conditions_and_tags_remove_subcharts()
    {
        using var c = ParentChart();
        var chart = ChartLoader.Load(c.Dir);
        // helm template . --set tags.extra=false --set sub.enabled=false
        Assert.Equal(
            """{"dropme":"x","fromsub":{"own":"parent"},"global":{"nested":{"a":1,"b":2},"region":"eu"},"keepnull":null,"sub":{"enabled":false,"fromparent":true,"nested":{"x":1}},"tags":{"extra":false},"top":1}""",
            Render(chart, "tags.extra=false,sub.enabled=false"));
        var root = ChartDependencyProcessor.Process(chart, SetValuesParser.Parse("tags.extra=false,sub.enabled=false"));
        Assert.Empty(root.Dependencies);
    }

    [Fact]
    public void Aliased_subchart_gets_its_alias_path()
    {
        using var c = ParentChart();
        var chart = ChartLoader.Load(c.Dir);
        var root = ChartDependencyProcessor.Process(chart, new Dictionary<string, object?>(StringComparer.Ordinal));
        Assert.Equal(new[] { "parent/charts/renamed", "parent/charts/sub" }, root.Dependencies.Select(d => d.FullPath).Order());
        Assert.Equal("other", chart.Dependencies.Single(d => d.Source!.EndsWith("other")).Name); // the loaded chart is unchanged
    }

    [Fact]
    public void User_null_deletes_a_default_but_a_default_null_stays()
    {
        using var c = new TempChart();
        c.Write("values.yaml", "a: 1\nb: null\nm:\n  x: 1\n  z: 2\n");
        var chart = ChartLoader.Load(c.Dir);
        Assert.Equal("""{"a":1,"b":null,"m":{"z":2}}""", Render(chart, "m.x=null"));
        Assert.Equal("""{"b":null,"m":{"x":1,"z":2}}""", Render(chart, "a=null"));
    }

    [Fact]
    public void A_user_scalar_does_not_replace_a_default_table_silently_merged()
    {
        using var c = new TempChart();
        c.Write("values.yaml", "m:\n  x: 1\ns: text\n");
        var chart = ChartLoader.Load(c.Dir);
        // A scalar over a table wins; a table over a scalar wins (Helm only warns).
        Assert.Equal("""{"m":5,"s":{"k":"v"}}""", Render(chart, "m=5,s.k=v"));
    }
}
