using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// How many requests an apply costs, from the test server's request log: exact for everything but the waits'
/// polls, whose number depends on timing and is bounded. A regression to per-object reads, per-component prune
/// lists or dry runs of unchanged objects fails here.
/// </summary>
public class RequestCountTests : ClusterTestBase
{
    // The kinds the test server serves that prune looks at, plus the CRD kind (the manifest holds CRDs): one list each.
    private static readonly string[] OwnedLists =
    [
        "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "horizontalpodautoscalers", "poddisruptionbudgets",
        "deployments", "daemonsets", "statefulsets", "services", "networkpolicies", "configmaps", "secrets", "rolebindings", "roles",
        "clusterrolebindings", "clusterroles", "serviceaccounts", "customresourcedefinitions",
    ];

    private const int Objects = 14;

    private static ComponentManifest[] Install(string meshValue = "v1", string image = "istio/pilot:1.18.5") =>
    [
        Component("Base", Crd("envoyfilters", "EnvoyFilter"), Crd("sidecars", "Sidecar"), ServiceAccount("istio-reader-service-account"),
            ClusterRole("istio-reader-canary"), ClusterRole("istiod-canary")),
        Component("Pilot", ConfigMap("istio-canary", meshValue), ConfigMap("istio-sidecar-injector-canary"), ServiceAccount("istiod-canary"),
            Deployment("istiod-canary", image),
            Obj("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"istiod-canary"},"spec":{"ports":[{"name":"grpc-xds","port":15010}],"selector":{"app":"istiod"}}}"""),
            ManifestObject.FromNode(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-canary", "canary"), "injector")),
        Component("IngressGateways", Deployment("istio-ingressgateway"), Deployment("istio-ingressgateway-internal"), ServiceAccount("istio-ingressgateway")),
    ];

    // Polls 100, 200, 200 ms ... apart, so their number stays small however slow the machine.
    private static new ApplyRequest Request(params ComponentManifest[] components) =>
        ClusterTestBase.Request(components) with { PollInterval = TimeSpan.FromMilliseconds(200) };

    private void AssertCounts(Dictionary<string, int> expected, Dictionary<string, (int Min, int Max)>? polls = null) =>
        RequestTally.AssertCounts(Server.RequestLog, expected, polls);

    private static Dictionary<string, int> Reads(bool envoyFilterServed)
    {
        var reads = OwnedLists.ToDictionary(k => $"list {k} (ours)", _ => 1);
        if (envoyFilterServed) reads["list envoyfilters (ours)"] = 1;
        reads["discovery"] = 1; // /apis, aggregated (the core group's kinds are known)
        reads["get namespaces"] = 1;
        reads["list mutatingwebhookconfigurations (selected)"] = 1; // the webhook overlap check
        return reads;
    }

    [Fact]
    public async Task AFirstInstallReadsInBulkAndWritesEachObjectOnce()
    {
        var result = await ApplyAsync(Request(Install()));
        Assert.Equal(Objects + 1, result.Created);

        var expected = Reads(envoyFilterServed: false);
        expected["discovery"] = 2; // and networking.istio.io/v1alpha3 for EnvoyFilter, not served before its CRD
        expected["list customresourcedefinitions (probe)"] = 1; // two CRDs, two ClusterRoles: does any exist already?
        expected["list clusterroles (probe)"] = 1;
        expected["get mutatingwebhookconfigurations"] = 1; // the only one of its kind: a GET
        expected["patch namespaces"] = 1;
        foreach (var g in new[] { ("customresourcedefinitions", 2), ("serviceaccounts", 3), ("clusterroles", 2), ("configmaps", 2), ("deployments", 3), ("services", 1), ("mutatingwebhookconfigurations", 1) })
            expected[$"patch {g.Item1}"] = g.Item2;
        AssertCounts(expected, new()
        {
            ["poll customresourcedefinitions"] = (1, 8),
            ["poll deployments"] = (2, 20), // a GET for istiod alone, one list for the two gateways
        });
        // The two gateways are polled together: one list (a last straggler may then be read alone).
        var gatewayPatched = Server.RequestLog.Entries.ToList().FindLastIndex(r => r.Verb == "patch" && r.Resource == "deployments");
        var firstPoll = Server.RequestLog.Entries.Skip(gatewayPatched + 1).First(r => r.Resource == "deployments");
        Assert.Equal(("list", "istio-system"), (firstPoll.Verb, firstPoll.Namespace));
    }

    [Fact]
    public async Task ARerunWithoutChangesOnlyReads()
    {
        await ApplyAsync(Request(Install()));
        Server.RequestLog.Clear();

        var result = await ApplyAsync(Request(Install()));

        Assert.All(result.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        // No dry run, no GET per object, no wait: the lists show every object unchanged and every workload ready.
        AssertCounts(Reads(envoyFilterServed: true));
    }

    [Fact]
    public async Task ARerunWithOneChangedObjectWritesOnlyIt()
    {
        await ApplyAsync(Request(Install()));
        Server.RequestLog.Clear();

        var result = await ApplyAsync(Request(Install(meshValue: "v2")));

        var changed = Assert.Single(result.Objects, o => o.Action != ApplyAction.Unchanged);
        Assert.Equal((ApplyAction.Update, "istio-canary"), (changed.Action, changed.Name));
        Assert.Equal(["data.key"], changed.ChangedFields);
        var expected = Reads(envoyFilterServed: true);
        expected["patch configmaps"] = 1; // straight to the write: the value surely changes
        AssertCounts(expected);
    }

    [Fact]
    public async Task ARerunWithANewImageWaitsOnlyForThatWorkload()
    {
        await ApplyAsync(Request(Install()));
        Server.RequestLog.Clear();

        var result = await ApplyAsync(Request(Install(image: "istio/pilot:1.18.6")));

        Assert.Equal("istiod-canary", Assert.Single(result.Objects, o => o.Action == ApplyAction.Update).Name);
        var expected = Reads(envoyFilterServed: true);
        expected["patch deployments"] = 1;
        AssertCounts(expected, new() { ["poll deployments"] = (1, 20) });
        Assert.All(Server.RequestLog.Entries.Where(r => r.Resource == "deployments" && r.Verb == "get"), r => Assert.Equal("istiod-canary", r.Name));
    }

    [Fact]
    public async Task APlanOfAChangeDryRunsOnlyTheChangedObject()
    {
        await ApplyAsync(Request(Install()));
        Server.RequestLog.Clear();

        var plan = await ApplyAsync(Request(Install(meshValue: "v2")) with { DryRun = true });

        Assert.Equal(["data.key"], Assert.Single(plan.Objects, o => o.Action == ApplyAction.Update).ChangedFields);
        var expected = Reads(envoyFilterServed: true);
        expected["dry-run configmaps"] = 1;
        AssertCounts(expected);
    }

    [Fact]
    public async Task PruneUsesTheSameListsForEveryComponent()
    {
        await ApplyAsync(Request(Install()));
        Server.RequestLog.Clear();

        var components = Install();
        components[2] = Component("IngressGateways"); // the gateways are removed
        var result = await ApplyAsync(Request(components));

        Assert.Equal(3, result.Pruned);
        var expected = Reads(envoyFilterServed: true);
        expected["delete deployments"] = 2;
        expected["delete serviceaccounts"] = 1;
        AssertCounts(expected);
    }

    [Fact]
    public async Task ObjectsToTakeOverAreReadOneByOneAndOnlyThey()
    {
        // istioctl installed two of the ConfigMaps in the existing namespace; the rest of the namespace is new to us.
        Server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        using (var c = Connect())
        {
            foreach (var name in new[] { "istio-canary", "istio-sidecar-injector-canary" })
            {
                var body = JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"{{{name}}}","namespace":"istio-system"},"data":{"key":"istioctl"}}""")!.AsObject();
                await c.ApplyAsync($"/api/v1/namespaces/istio-system/configmaps/{name}", body, "istio-operator", force: false, dryRun: false, CancellationToken.None);
            }
        }
        Server.RequestLog.Clear();

        var result = await ApplyAsync(Request(Install()) with { SkipWait = true });

        Assert.All(result.Objects.Where(o => o.Kind == "ConfigMap"), o => Assert.Equal((ApplyAction.Update, "istio-operator"), (o.Action, o.TakenOverFrom.Single())));
        var expected = Reads(envoyFilterServed: false);
        expected["discovery"] = 2;
        foreach (var kind in new[] { "customresourcedefinitions", "clusterroles", "serviceaccounts", "configmaps", "deployments" })
            expected[$"list {kind} (probe)"] = 1; // two or more of each kind (and namespace) not ours yet
        expected["get services"] = 1;
        expected["get mutatingwebhookconfigurations"] = 1;
        expected["get configmaps"] = 2; // the probe found these two: read for the diff
        expected["dry-run configmaps"] = 4; // each conflicts with istio-operator once, then is taken over with force
        foreach (var g in new[] { ("customresourcedefinitions", 2), ("serviceaccounts", 3), ("clusterroles", 2), ("configmaps", 2), ("deployments", 3), ("services", 1), ("mutatingwebhookconfigurations", 1) })
            expected[$"patch {g.Item1}"] = g.Item2;
        AssertCounts(expected, new() { ["poll customresourcedefinitions"] = (1, 8) });
    }
}
