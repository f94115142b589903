using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class PlanTests : ClusterTestBase
{
    [Fact]
    public async Task DryRunOnAnEmptyClusterPlansCreatesAndWritesNothing()
    {
        var result = await ApplyAsync(Request(
            Component("Base", Crd("envoyfilters", "EnvoyFilter")),
            Component("Pilot", ConfigMap("istio-canary"), Deployment("istiod-canary"),
                Obj("""{"apiVersion":"networking.istio.io/v1alpha3","kind":"EnvoyFilter","metadata":{"name":"f"},"spec":{}}"""))) with { DryRun = true });

        Assert.True(result.DryRun);
        Assert.Equal(5, result.Created); // namespace, CRD, ConfigMap, Deployment, EnvoyFilter (its CRD is in the plan)
        Assert.Equal(0, RealWrites());
        Assert.Null(Get("v1", "Namespace", null, Ns));
        Assert.Null(Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "envoyfilters.networking.istio.io"));
    }

    [Fact]
    public async Task DryRunReportsUpdateWithPathsUnchangedAndPruneWithoutWriting()
    {
        await ApplyAsync(Request(Component("Pilot", ConfigMap("same"), ConfigMap("changed", "v1"), ConfigMap("stale"), Deployment("istiod-canary"))));
        var versions = new[] { "same", "changed", "stale" }.ToDictionary(n => n, n => Rv(Get("v1", "ConfigMap", Ns, n)!));
        Server.RequestLog.Clear();

        var plan = await ApplyAsync(Request(Component("Pilot", ConfigMap("same"), ConfigMap("changed", "v2"), ConfigMap("new"), Deployment("istiod-canary", replicas: 3))) with { DryRun = true });

        ObjectOutcome Find(string kind, string name) => plan.Objects.Single(o => o.Kind == kind && o.Name == name);
        Assert.Equal(ApplyAction.Unchanged, Find("ConfigMap", "same").Action);
        Assert.Equal(ApplyAction.Update, Find("ConfigMap", "changed").Action);
        Assert.Equal(["data.key"], Find("ConfigMap", "changed").ChangedFields);
        Assert.Equal(ApplyAction.Create, Find("ConfigMap", "new").Action);
        Assert.Equal(ApplyAction.Prune, Find("ConfigMap", "stale").Action);
        Assert.Equal(["spec.replicas"], Find("Deployment", "istiod-canary").ChangedFields);
        Assert.Equal(ApplyAction.Unchanged, Find("Namespace", Ns).Action);

        Assert.Equal(0, RealWrites());
        Assert.Null(Get("v1", "ConfigMap", Ns, "new"));
        foreach (var (name, rv) in versions) Assert.Equal(rv, Rv(Get("v1", "ConfigMap", Ns, name)!));
        Assert.Contains(Server.RequestLog.Entries, r => r.Verb == "patch" && r.Query.Contains("dryRun=All"));
    }

    [Fact]
    public async Task PlanThenApplyAgreeAndTheNextPlanIsAllUnchanged()
    {
        var components = new[] { Component("Pilot", ConfigMap("a", "1"), ServiceAccount("sa")) };
        await ApplyAsync(Request(Component("Pilot", ConfigMap("a", "0"))));
        var plan = await ApplyAsync(Request(components) with { DryRun = true });
        var applied = await ApplyAsync(Request(components));
        Assert.Equal(plan.Objects.Select(o => (o.DisplayName, o.Action)), applied.Objects.Select(o => (o.DisplayName, o.Action)));
        var again = await ApplyAsync(Request(components) with { DryRun = true });
        Assert.All(again.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
    }
}
