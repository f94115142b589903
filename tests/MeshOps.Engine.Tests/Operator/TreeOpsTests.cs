using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

public class TreeOpsTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var m = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) m[k] = v;
        return m;
    }

    [Theory]
    [InlineData("a.b.c", "a|b|c")]
    [InlineData("values.gateways.istio-ingressgateway.enabled", "values|gateways|istio-ingressgateway|enabled")]
    [InlineData(@"a.container\.apparmor\.security\.beta\.kubernetes\.io/istio-proxy", "a|container.apparmor.security.beta.kubernetes.io/istio-proxy")]
    [InlineData("components.ingressGateways[name:istio-ingressgateway].enabled", "components|ingressGateways|[name:istio-ingressgateway]|enabled")]
    [InlineData("spec.containers.[name:discovery].env", "spec|containers|[name:discovery]|env")]
    [InlineData(".a.b.", "a|b")]
    [InlineData("priorityClassName.", "priorityClassName")]
    public void Parse_SplitsLikeIstioctl(string path, string expected)
    {
        Assert.Equal(expected, string.Join("|", TreePath.Parse(path)));
    }

    [Fact]
    public void WriteNode_CreatesMissingMaps()
    {
        var tree = Map();
        TreeOps.WriteNode(tree, TreePath.Parse("a.b.c"), "x");
        Assert.True(TreeOps.TryFind(tree, "a.b.c", out var v));
        Assert.Equal("x", v);
    }

    [Fact]
    public void WriteNode_OnExistingList_AppendsAsIstioctlDoes()
    {
        var tree = Map(("l", new List<object?> { "a" }));
        TreeOps.WriteNode(tree, TreePath.Parse("l"), "b");
        Assert.Equal(new List<object?> { "a", "b" }, tree["l"]);
    }

    [Fact]
    public void KeyValueSelector_SelectsListItem()
    {
        var tree = Map(("gws", new List<object?> { Map(("name", "a"), ("enabled", false)), Map(("name", "b"), ("enabled", false)) }));
        TreeOps.WriteNode(tree, TreePath.Parse("gws.[name:b].enabled"), true);
        var list = (List<object?>)tree["gws"]!;
        Assert.Equal(false, ((Dictionary<string, object?>)list[0]!)["enabled"]);
        Assert.Equal(true, ((Dictionary<string, object?>)list[1]!)["enabled"]);
    }

    [Fact]
    public void KeyValueSelector_NotFound_Throws()
    {
        var tree = Map(("gws", new List<object?> { Map(("name", "a")) }));
        var e = Assert.Throws<SelectorNoMatchException>(() => TreeOps.WriteNode(tree, TreePath.Parse("gws.[name:zzz].enabled"), true));
        Assert.Contains("the selector [name:zzz] matched none of the 1 entries of gws (their names: a)", e.Message);
    }

    [Fact]
    public void IndexSelector_AppendsBeyondEnd()
    {
        var tree = Map(("l", new List<object?> { Map(("a", 1.0)) }));
        TreeOps.WriteNode(tree, TreePath.Parse("l.[5].b"), "x");
        var list = (List<object?>)tree["l"]!;
        Assert.Equal(2, list.Count);
        Assert.Equal("x", ((Dictionary<string, object?>)list[1]!)["b"]);
    }

    [Fact]
    public void Find_IndexAsLastElement_IsNotFound_LikeGo()
    {
        var tree = Map(("l", new List<object?> { "a" }));
        Assert.False(TreeOps.TryFind(tree, new[] { "l", "0" }, out _));
    }

    [Theory]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(123456.0, "123456")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100.0, "100")]
    public void FormatFloat_MatchesGoPercentV(double value, string expected)
    {
        Assert.Equal(expected, GoText.FormatFloat(value));
    }

    [Fact]
    public void JsonMergePatch_NullDeletes_ListsReplace()
    {
        var target = Map(("a", 1.0), ("b", Map(("c", 2.0), ("d", 3.0))), ("l", new List<object?> { 1.0, 2.0 }));
        var patch = Map(("a", null), ("b", Map(("c", null), ("e", 4.0))), ("l", new List<object?> { 9.0 }));
        var result = (Dictionary<string, object?>)JsonMergePatch.Apply(target, patch)!;
        Assert.False(result.ContainsKey("a"));
        var b = (Dictionary<string, object?>)result["b"]!;
        Assert.Equal(new[] { "d", "e" }, b.Keys.OrderBy(k => k));
        Assert.Equal(new List<object?> { 9.0 }, result["l"]);
    }
}
