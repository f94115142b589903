using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>Which revision injects a namespace or pod (FACTS.md section 4) and which pods need a restart.</summary>
public class InjectionRulesTests
{
    private static readonly InjectionTargets Targets = new(new[] { "canary", "istio-1-18-5" },
        new Dictionary<string, string> { ["default"] = "istio-1-18-5", ["stable"] = "canary" });

    private static Dictionary<string, string> L(params string[] kv) => kv.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);

    private static JsonObject Pod(string name, string? sidecarRevision, string? labels = null, string? phase = null, string? owner = null)
    {
        var pod = JsonNode.Parse("{\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"ns\",\"labels\":" + (labels ?? "{}") +
            "},\"status\":{\"phase\":\"" + (phase ?? "Running") + "\"}}")!.AsObject();
        if (sidecarRevision != null)
            pod["metadata"]!["annotations"] = new JsonObject { ["sidecar.istio.io/status"] = $$"""{"containers":["istio-proxy"],"revision":"{{sidecarRevision}}"}""" };
        if (owner != null)
            pod["metadata"]!["ownerReferences"] = JsonNode.Parse($$"""[{"kind":"Other","name":"x"},{"kind":"ReplicaSet","name":"{{owner}}","controller":true}]""");
        return pod;
    }

    [Theory]
    [InlineData("stable", "canary")]          // a tag resolves to its revision
    [InlineData("canary", "canary")]
    [InlineData("default", "istio-1-18-5")]    // the default tag
    [InlineData("missing", null)]
    public void RevisionLabelResolvesTagsToRevisions(string label, string? expected) =>
        Assert.Equal(expected, Targets.InjectorFor(L("istio.io/rev=" + label), null));

    [Fact]
    public void IstioInjectionWinsOverRevisionLabel()
    {
        Assert.Equal("istio-1-18-5", Targets.InjectorFor(L("istio-injection=enabled", "istio.io/rev=canary"), null));
        Assert.Null(Targets.InjectorFor(L("istio-injection=disabled", "istio.io/rev=canary"), null));
    }

    [Fact]
    public void EnabledWithoutDefaultTagOrRevisionInjectsNothing()
    {
        var noDefault = new InjectionTargets(new[] { "canary" }, new Dictionary<string, string>());
        Assert.Null(noDefault.InjectorFor(L("istio-injection=enabled"), null));
        var defaultRevision = new InjectionTargets(new[] { "default" }, new Dictionary<string, string>());
        Assert.Equal("default", defaultRevision.InjectorFor(L("istio-injection=enabled"), null));
    }

    [Fact]
    public void PodSelectorsCountOnlyWhenTheNamespaceHasNeitherLabel()
    {
        Assert.Equal("canary", Targets.InjectorFor(L(), L("istio.io/rev=stable")));
        Assert.Equal("istio-1-18-5", Targets.InjectorFor(L(), L("sidecar.istio.io/inject=true")));
        Assert.Null(Targets.InjectorFor(L("istio-injection=disabled"), L("istio.io/rev=canary")));
        Assert.Equal("istio-1-18-5", Targets.InjectorFor(L("istio.io/rev=default"), L("istio.io/rev=canary")));
        Assert.Null(Targets.InjectorFor(L(), L()));
    }

    [Fact]
    public void DescribeListsPodsWhoseSidecarDiffersFromTheInjector()
    {
        var ns = JsonNode.Parse("""{"metadata":{"name":"ns","labels":{"istio.io/rev":"stable"}}}""")!.AsObject();
        var pods = new[]
        {
            Pod("current", "canary"),
            Pod("old", "istio-1-18-5", owner: "web-abc"),
            Pod("bare", null),
            Pod("opted-out", null, """{"sidecar.istio.io/inject":"false"}"""),
            Pod("done", "istio-1-18-5", phase: "Succeeded"),
        };
        var info = NamespaceReader.Describe(ns, pods, Targets);
        Assert.Equal("stable", info.RevisionLabel);
        Assert.Equal("canary", info.InjectedBy);
        Assert.Equal(5, info.Pods);
        Assert.Equal(new[] { "bare", "old" }, info.PodsToRestart.Select(p => p.Name));
        var old = info.PodsToRestart.Single(p => p.Name == "old");
        Assert.Equal(("istio-1-18-5", "canary", "ReplicaSet", "web-abc"), (old.CurrentRevision, old.TargetRevision, old.OwnerKind, old.OwnerName));
        Assert.Null(info.PodsToRestart.Single(p => p.Name == "bare").CurrentRevision);
    }

    [Fact]
    public void PodsWithSidecarsNeedRestartWhenNothingInjects()
    {
        var ns = JsonNode.Parse("""{"metadata":{"name":"ns","labels":{"istio-injection":"disabled"}}}""")!.AsObject();
        var info = NamespaceReader.Describe(ns, new[] { Pod("a", "canary"), Pod("b", null) }, Targets);
        Assert.Null(info.InjectedBy);
        var pod = Assert.Single(info.PodsToRestart);
        Assert.Equal(("a", "canary", (string?)null), (pod.Name, pod.CurrentRevision, pod.TargetRevision));
    }

    [Fact]
    public void UnparsableStatusCountsAsDefaultRevision()
    {
        var pod = Pod("odd", null);
        pod["metadata"]!["annotations"] = new JsonObject { ["sidecar.istio.io/status"] = "not json" };
        var ns = JsonNode.Parse("""{"metadata":{"name":"ns","labels":{"istio.io/rev":"canary"}}}""")!.AsObject();
        Assert.Equal("default", Assert.Single(NamespaceReader.Describe(ns, new[] { pod }, Targets).PodsToRestart).CurrentRevision);
    }

    [Fact]
    public void NotFoundNamesRevisionsAndTags()
    {
        var error = Targets.NotFound("nope");
        Assert.Equal("RevisionNotFound", error.ErrorId);
        Assert.Contains("canary, istio-1-18-5", error.Message);
        Assert.Contains("default, stable", error.Message);
        Assert.Contains("-Force", error.Message);
    }
}
