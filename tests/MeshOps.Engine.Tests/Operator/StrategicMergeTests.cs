using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

public class StrategicMergeTests
{
    private static Dictionary<string, object?> Env(string name, string value) =>
        new(StringComparer.Ordinal) { ["name"] = name, ["value"] = value };

    private static Dictionary<string, object?> Container(List<object?> env) =>
        new(StringComparer.Ordinal) { ["name"] = "discovery", ["env"] = env };

    private static Dictionary<string, object?> Pod(List<object?> env) =>
        new(StringComparer.Ordinal) { ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["containers"] = new List<object?> { Container(env) } } };

    [Fact]
    public void KeyedList_NewItemsGoBeforeLaterOriginalItems_AsApimachineryOrdersThem()
    {
        // pilot_k8s_settings: POD_NAME overridden, GODEBUG and NEW_VAR added; they land right after POD_NAME.
        var original = Pod(new List<object?> { Env("REVISION", "default"), Env("JWT_POLICY", "x"), Env("POD_NAME", "old"), Env("POD_NAMESPACE", "y"), Env("LAST", "z") });
        var patch = Pod(new List<object?> { Env("POD_NAME", "new"), Env("GODEBUG", "g"), Env("NEW_VAR", "n") });
        var merged = StrategicMerge.Merge(original, patch, new KubeMergeSchema("Deployment"));
        var env = (List<object?>)((Dictionary<string, object?>)((List<object?>)((Dictionary<string, object?>)merged["spec"]!)["containers"]!)[0]!)["env"]!;
        var names = env.Cast<Dictionary<string, object?>>().Select(e => (string)e["name"]!).ToList();
        Assert.Equal(new[] { "REVISION", "JWT_POLICY", "POD_NAME", "GODEBUG", "NEW_VAR", "POD_NAMESPACE", "LAST" }, names);
        Assert.Equal("new", ((Dictionary<string, object?>)env[2]!)["value"]);
    }

    [Fact]
    public void UnkeyedList_IsReplaced()
    {
        var original = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tolerations"] = new List<object?> { "a" } };
        var patch = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tolerations"] = new List<object?> { "b" } };
        var merged = StrategicMerge.Merge(original, patch, new KubeMergeSchema("Deployment"));
        Assert.Equal(new List<object?> { "b" }, merged["tolerations"]);
    }

    [Fact]
    public void IopGateways_MergeByName_AndNullDeletes()
    {
        var gw = (string name, bool enabled) => (object?)new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = name, ["enabled"] = enabled };
        var original = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["components"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ingressGateways"] = new List<object?> { gw("istio-ingressgateway", true) } },
                ["values"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["x"] = 1.0, ["y"] = 2.0 },
            },
        };
        var patch = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["components"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["ingressGateways"] = new List<object?> { gw("istio-ingressgateway", false), gw("second", true) } },
                ["values"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["x"] = null },
            },
        };
        var merged = StrategicMerge.Merge(original, patch, IopMergeSchema.Instance);
        Assert.True(TreeOps.TryFind(merged, "spec.components", out var comps));
        var list = (List<object?>)((Dictionary<string, object?>)comps!)["ingressGateways"]!;
        Assert.Equal(2, list.Count);
        Assert.Equal(false, ((Dictionary<string, object?>)list[0]!)["enabled"]);
        Assert.False(TreeOps.FindMap(merged, "spec.values")!.ContainsKey("x"));
    }

    [Fact]
    public void MeshConfigPrimitiveList_MergesAsSet()
    {
        var mk = (List<object?> l) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["meshConfig"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["trustDomainAliases"] = l } },
        };
        var merged = StrategicMerge.Merge(mk(new List<object?> { "a", "b" }), mk(new List<object?> { "b", "c" }), IopMergeSchema.Instance);
        Assert.True(TreeOps.TryFind(merged, "spec.meshConfig.trustDomainAliases", out var v));
        Assert.Equal(new List<object?> { "a", "b", "c" }, v);
    }

    [Fact]
    public void TracingIsReplacedWhole()
    {
        var mk = (Dictionary<string, object?> tracing) => new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["spec"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["meshConfig"] = new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["defaultConfig"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["tracing"] = tracing },
                },
            },
        };
        var merged = StrategicMerge.Merge(
            mk(new Dictionary<string, object?>(StringComparer.Ordinal) { ["zipkin"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["address"] = "z" } }),
            mk(new Dictionary<string, object?>(StringComparer.Ordinal) { ["sampling"] = 10.0 }),
            IopMergeSchema.Instance);
        var tracing = TreeOps.FindMap(merged, "spec.meshConfig.defaultConfig.tracing")!;
        Assert.Equal(new[] { "sampling" }, tracing.Keys);
    }
}
