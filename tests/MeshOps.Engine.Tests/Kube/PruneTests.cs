using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class PruneTests : ClusterTestBase
{
    private static ManifestObject Hpa(string name) => Obj($$$$$"""
        {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"{{{{{name}}}}}"},
         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"{{{{{name}}}}}"},"minReplicas":1,"maxReplicas":5}}
        """);

    private static ManifestObject Pdb(string name) => Obj($$$$$"""
        {"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"{{{{{name}}}}}"},"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"{{{{{name}}}}}"}}}}
        """);

    private static ManifestObject NetworkPolicy(string name) => Obj($$$$$"""
        {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"{{{{{name}}}}}"},"spec":{"podSelector":{}}}
        """);

    private static ManifestObject Webhook(string name) => Obj($$$$$"""
        {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingWebhookConfiguration","metadata":{"name":"{{{{{name}}}}}"},"webhooks":[]}
        """);

    private static ManifestObject RoleBinding(string name) => Obj($$$$$"""
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"{{{{{name}}}}}"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"{{{{{name}}}}}"},"subjects":[{"kind":"ServiceAccount","name":"x","namespace":"istio-system"}]}
        """);

    private void SeedWithLabels(string name, string revision, string component, string ns = Ns) =>
        Server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = name, ["namespace"] = ns,
                ["labels"] = new JsonObject { [OwnershipLabels.MeshOpsRevision] = revision, [OwnershipLabels.MeshOpsComponent] = component },
            },
        });

    [Fact]
    public async Task ObjectsDroppedFromTheManifestArePrunedForEveryKindTheChartsProduce()
    {
        ManifestObject[] all = [ConfigMap("keep"), Deployment("istiod-canary"), Hpa("istiod-canary"), Pdb("istiod-canary"), NetworkPolicy("np"),
            Webhook("istio-validator-canary"), RoleBinding("rb"), ClusterRole("cr-canary"), ServiceAccount("sa"),
            Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"istiod-canary"},"spec":{"ports":[{"port":15012}]}}""")];
        await ApplyAsync(Request(Component("Pilot", all)));

        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("keep"))));

        var pruned = result.Objects.Where(o => o.Action == ApplyAction.Prune).Select(o => o.Kind).OrderBy(k => k).ToList();
        Assert.Equal(new[] { "ClusterRole", "Deployment", "HorizontalPodAutoscaler", "NetworkPolicy", "PodDisruptionBudget", "RoleBinding", "Service", "ServiceAccount", "ValidatingWebhookConfiguration" }, pruned);
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "keep"));
        Assert.Null(Get("policy/v1", "PodDisruptionBudget", Ns, "istiod-canary"));
        Assert.Null(Get("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", null, "istio-validator-canary"));
        Assert.Null(Get("rbac.authorization.k8s.io/v1", "ClusterRole", null, "cr-canary"));
    }

    [Fact]
    public async Task PruneNeverTouchesOtherRevisionsOtherComponentsOrUnlabelledObjects()
    {
        await ApplyAsync(Request(Component("Pilot", ConfigMap("ours-stale"), ConfigMap("ours-kept"))));
        SeedWithLabels("other-revision", "stable", "Pilot");
        SeedWithLabels("other-component", "canary", "IngressGateways");
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"unlabelled","namespace":"istio-system","labels":{"istio.io/rev":"canary","operator.istio.io/component":"Pilot"}}}""");
        SeedWithLabels("elsewhere-stale", "canary", "Pilot", ns: "default");

        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("ours-kept"))));

        Assert.Equal(["ConfigMap istio-system/ours-stale", "ConfigMap default/elsewhere-stale"],
            result.Objects.Where(o => o.Action == ApplyAction.Prune).Select(o => o.DisplayName).OrderByDescending(n => n.Contains(Ns)).ToList());
        Assert.Null(Get("v1", "ConfigMap", Ns, "ours-stale"));
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "ours-kept"));
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "other-revision"));
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "other-component"));
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "unlabelled"));
    }

    [Fact]
    public async Task AnIstioRevisionLabelOfAnotherRevisionProtectsAnObjectEvenWithOurLabels()
    {
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mislabelled","namespace":"istio-system","labels":{"meshops.io/revision":"canary","meshops.io/component":"Pilot","istio.io/rev":"stable"}}}""");
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("x"))));
        Assert.DoesNotContain(result.Objects, o => o.Action == ApplyAction.Prune);
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "mislabelled"));
    }

    [Fact]
    public async Task AComponentWithNoObjectsIsRemovedEntirely()
    {
        await ApplyAsync(Request(Component("Pilot", ConfigMap("p")), Component("IngressGateways", Deployment("gw"), ServiceAccount("gw"))));
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("p")), Component("IngressGateways")));
        Assert.Equal(2, result.Pruned);
        Assert.Null(Get("apps/v1", "Deployment", Ns, "gw"));
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "p"));
    }

    [Fact]
    public async Task CrdsArePrunedOnlyWhenAsked()
    {
        await ApplyAsync(Request(Component("Base", Crd("envoyfilters", "EnvoyFilter"), ServiceAccount("sa"))));
        var kept = await ApplyAsync(Request(Component("Base", ServiceAccount("sa"))));
        Assert.DoesNotContain(kept.Objects, o => o.Action == ApplyAction.Prune);
        Assert.NotNull(Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "envoyfilters.networking.istio.io"));

        // Base's CRDs are shared by every revision: only a caller that found no other revision may prune them.
        var shared = await ApplyAsync(Request(Component("Base", ServiceAccount("sa"))) with { PruneCustomResourceDefinitions = true });
        Assert.DoesNotContain(shared.Objects, o => o.Action == ApplyAction.Prune);

        var pruned = await ApplyAsync(Request(Component("Base", ServiceAccount("sa"))) with { PruneCustomResourceDefinitions = true, PruneSharedObjects = true });
        Assert.Equal("CustomResourceDefinition", pruned.Objects.Single(o => o.Action == ApplyAction.Prune).Kind);
    }

    [Fact]
    public async Task SharedObjectsStayWhileAnyObjectNamesAnotherRevisionWhateverTheCallerSays()
    {
        await ApplyAsync(Request(Component("Base", ClusterRole("istiod-istio-system"), ServiceAccount("sa"))));
        // An older MeshOps labelled a shared object with the revision that installed last; another revision's object is there too.
        Server.Objects.Seed("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"legacy","labels":{"meshops.io/revision":"stable","meshops.io/component":"Base"}}}""");
        SeedWithLabels("istio-stable", "stable", "Pilot");

        var kept = await ApplyAsync(Request(Component("Base", ServiceAccount("sa"))) with { PruneSharedObjects = true });
        Assert.Equal(0, kept.Pruned);
        Assert.Contains("revision(s) stable still have objects", Host.AllText);
        Assert.NotNull(Get("rbac.authorization.k8s.io/v1", "ClusterRole", null, "legacy"));

        Server.Objects.Delete("v1", "ConfigMap", Ns, "istio-stable");
        var pruned = await ApplyAsync(Request(Component("Base", ServiceAccount("sa"))) with { PruneSharedObjects = true });
        Assert.Equal(["istiod-istio-system", "legacy"], pruned.Objects.Where(o => o.Action == ApplyAction.Prune).Select(o => o.Name).Order().ToList());
    }

    [Fact]
    public async Task ThePruneSelectorNarrowsWhatIsPruned()
    {
        var owned = ConfigMap("owned", labels: new() { [OwnershipLabels.OwningResource] = "installed-state-canary" });
        await ApplyAsync(Request(Component("Pilot", owned, ConfigMap("plain"), ConfigMap("keep"))));
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("keep"))) with { PruneSelector = $"{OwnershipLabels.OwningResource}=installed-state-canary" });
        Assert.Equal("owned", result.Objects.Single(o => o.Action == ApplyAction.Prune).Name);
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "plain"));
    }

    [Fact]
    public async Task PruneCanBeTurnedOff()
    {
        await ApplyAsync(Request(Component("Pilot", ConfigMap("a"), ConfigMap("b"))));
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("a"))) with { Prune = false });
        Assert.Equal(0, result.Pruned);
        Assert.NotNull(Get("v1", "ConfigMap", Ns, "b"));
    }

    [Fact]
    public async Task AnObjectMovedToAnotherComponentIsKeptInThePlanAndTheApply()
    {
        await ApplyAsync(Request(Component("Base", ServiceAccount("sa")), Component("Pilot", ConfigMap("moving"), ConfigMap("p"))));
        ComponentManifest[] moved = [Component("Base", ServiceAccount("sa"), ConfigMap("moving")), Component("Pilot", ConfigMap("p"))];

        var plan = await ApplyAsync(Request(moved) with { DryRun = true });
        Assert.Equal(ApplyAction.Update, plan.Objects.Single(o => o.Name == "moving").Action);
        Assert.Equal(0, plan.Pruned);
        var result = await ApplyAsync(Request(moved));

        Assert.Equal(ApplyAction.Update, Assert.Single(result.Objects, o => o.Name == "moving").Action);
        Assert.Equal(0, result.Pruned);
        Assert.Equal("Base", (string?)Get("v1", "ConfigMap", Ns, "moving")!["metadata"]!["labels"]![OwnershipLabels.MeshOpsComponent]);
    }
}
