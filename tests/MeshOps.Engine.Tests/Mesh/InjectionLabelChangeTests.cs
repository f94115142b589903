using MeshOps.Engine.Mesh;

namespace MeshOps.Engine.Tests.Mesh;

public class InjectionLabelChangeTests
{
    private static Dictionary<string, string> L(params string[] kv) => kv.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void EnableSetsRevisionAndRemovesAnyIstioInjectionInOnePatch()
    {
        var change = InjectionLabelChange.Enable("ns", L("istio-injection=disabled", "team=a"), "canary");
        Assert.Equal("istio.io/rev=canary istio-injection-", change.Describe());
        Assert.Equal("""{"metadata":{"labels":{"istio.io/rev":"canary","istio-injection":null}}}""", change.ToMergePatch().ToJsonString());
    }

    [Fact]
    public void EnableOnANamespaceAlreadyLabelledIsEmpty()
    {
        Assert.True(InjectionLabelChange.Enable("ns", L("istio.io/rev=canary"), "canary").IsEmpty);
        Assert.False(InjectionLabelChange.Enable("ns", L("istio.io/rev=stable"), "canary").IsEmpty);
    }

    [Fact]
    public void DisableRemovesRevisionAndEnabledButKeepsDisabled()
    {
        Assert.Equal("istio.io/rev- istio-injection-", InjectionLabelChange.Disable("ns", L("istio.io/rev=a", "istio-injection=enabled"), false).Describe());
        Assert.True(InjectionLabelChange.Disable("ns", L("istio-injection=disabled"), false).IsEmpty);
        Assert.True(InjectionLabelChange.Disable("ns", L("team=a"), false).IsEmpty);
    }

    [Fact]
    public void DisableExplicitSetsDisabled()
    {
        var change = InjectionLabelChange.Disable("ns", L("istio.io/rev=a", "istio-injection=enabled"), true);
        Assert.Equal("istio-injection=disabled istio.io/rev-", change.Describe());
        Assert.True(InjectionLabelChange.Disable("ns", L("istio-injection=disabled"), true).IsEmpty);
    }

    [Fact]
    public void ApplyToChangesACopyOnly()
    {
        var ns = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"name":"ns","labels":{"istio-injection":"enabled"}}}""")!.AsObject();
        var after = InjectionLabelChange.Enable("ns", L("istio-injection=enabled"), "canary").ApplyTo(ns);
        Assert.Equal("""{"istio.io/rev":"canary"}""", after["metadata"]!["labels"]!.ToJsonString());
        Assert.Equal("""{"istio-injection":"enabled"}""", ns["metadata"]!["labels"]!.ToJsonString());
    }
}
