using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Engine.Tests.Operator;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// The requests of installing the seed's my-config.yaml (Istio 1.18.5 charts: 15 CRDs, RBAC, istiod, webhooks),
/// what bench/Install.Bench.ps1 times. Exact but for the waits' polls. Another revision's injector is there first,
/// so the install does not also set the default revision tag (which has requests of its own, counted elsewhere).
/// </summary>
public class InstallRequestCountTests : ClusterTestBase
{
    private const string Namespace = "istio-1-18-5";

    // The kinds prune looks at that the test server serves, plus CRDs (the manifest holds them): one list each.
    private static readonly string[] OwnedLists =
    [
        "mutatingwebhookconfigurations", "validatingwebhookconfigurations", "horizontalpodautoscalers", "poddisruptionbudgets",
        "deployments", "daemonsets", "statefulsets", "services", "networkpolicies", "configmaps", "secrets", "rolebindings", "roles",
        "clusterrolebindings", "clusterroles", "serviceaccounts", "customresourcedefinitions",
    ];

    private async Task<InstallResult> InstallAsync(bool dryRun = false)
    {
        using var cluster = new MeshCluster(Connect());
        return await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest { Version = SharedData.Release1185, Files = [SeedConfigTests.Example("my-config.yaml")], Namespace = Namespace, ManifestsPath = SharedData.ReleaseManifests },
            DryRun = dryRun,
            Timeout = TimeSpan.FromSeconds(60),
            PollInterval = TimeSpan.FromMilliseconds(200),
        }, CancellationToken.None);
    }

    /// <summary>What every install reads whatever it finds: discovery, the install record, the namespace, the webhook check, one list per kind.</summary>
    internal static Dictionary<string, int> Reads(bool envoyFilterServed)
    {
        var reads = OwnedLists.ToDictionary(k => $"list {k} (ours)", _ => 1);
        if (envoyFilterServed) reads["list envoyfilters (ours)"] = 1;
        // /version (to render for it), /api and /apis aggregated; on a new cluster also networking.istio.io/v1alpha3.
        reads["discovery"] = envoyFilterServed ? 3 : 4;
        reads["get configmaps"] = 1; // the install record
        reads["get namespaces"] = 1;
        reads["list mutatingwebhookconfigurations (selected)"] = 1; // the injectors, for the default tag and the webhook overlap check
        return reads;
    }

    /// <summary>
    /// What a re-install reads when the install record holds an inventory that names nothing the manifest no longer
    /// renders: as <see cref="Reads"/>, but MeshOps' objects are listed only for the kinds the manifest holds (its live state).
    /// </summary>
    internal static Dictionary<string, int> ReinstallReads(IEnumerable<ObjectOutcome> installed)
    {
        var reads = Reads(envoyFilterServed: true).Where(r => !r.Key.EndsWith(" (ours)", StringComparison.Ordinal)).ToDictionary(r => r.Key, r => r.Value);
        foreach (var kind in installed.Where(o => o.Kind != "Namespace").Select(o => Plural(o.Kind)).Distinct())
            reads[$"list {kind} (ours)"] = 1;
        return reads;
    }

    private static string Plural(string kind) => kind.ToLowerInvariant() + "s";

    [SharedFact]
    public async Task AFirstInstallWritesEachObjectOnceAndARerunWritesNothing()
    {
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-stable", "stable"));
        Server.RequestLog.Clear();
        var first = await InstallAsync();

        var objects = first.Apply.Objects;
        Assert.True(objects.Count > 30);
        Assert.All(objects, o => Assert.Equal(ApplyAction.Create, o.Action));
        var expected = Reads(envoyFilterServed: false);
        foreach (var g in objects.GroupBy(o => Plural(o.Kind)))
            expected[$"patch {g.Key}"] = g.Count();
        expected["patch configmaps"] += 1; // the install record
        expected["patch istiooperators"] = 1; // installed-state
        // Objects not ours yet in a namespace that existed (here: cluster-scoped ones) are looked for:
        // two or more of a kind with one metadata list, a single one with a GET.
        foreach (var g in objects.Where(o => o.Namespace == null && o.Kind != "Namespace").GroupBy(o => Plural(o.Kind)))
            expected[g.Count() > 1 ? $"list {g.Key} (probe)" : $"get {g.Key}"] = 1;
        RequestTally.AssertCounts(Server.RequestLog, expected, new()
        {
            ["poll customresourcedefinitions"] = (1, 8),
            ["poll deployments"] = (1, 30),
        });

        Server.RequestLog.Clear();
        var plan = await InstallAsync(dryRun: true);
        Assert.All(plan.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        // The install record's inventory names every object: no list of a kind the manifest does not hold.
        var reinstallReads = ReinstallReads(objects);
        Assert.True(reinstallReads.Count(r => r.Key.EndsWith(" (ours)", StringComparison.Ordinal)) < OwnedLists.Length);
        RequestTally.AssertCounts(Server.RequestLog, reinstallReads);

        Server.RequestLog.Clear();
        var again = await InstallAsync();
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        var rerun = ReinstallReads(objects);
        rerun["patch istiooperators"] = 1; // installed-state is applied every time (the server finds nothing to change)
        RequestTally.AssertCounts(Server.RequestLog, rerun);
    }

    [SharedFact]
    public async Task OnAClusterWithoutInjectorsTheDefaultTagStepReadsOnlyTheWebhooksItChanges()
    {
        // No injector yet: istioctl points the default tag at the new revision. The step reads the revision's injector
        // (istio.io/rev list), old validators, the default validator, the namespaces (for the plan) and the tag's Services, and writes two
        // webhooks: no revision listing (Deployments, records, IstioOperators, every namespace and pod) as before.
        Server.RequestLog.Clear();
        var first = await InstallAsync();
        Assert.NotNull(first.DefaultTag);

        var objects = first.Apply.Objects;
        var expected = Reads(envoyFilterServed: false);
        foreach (var g in objects.GroupBy(o => Plural(o.Kind)))
            expected[$"patch {g.Key}"] = g.Count();
        expected["patch configmaps"] += 1; // the install record
        expected["patch istiooperators"] = 1; // installed-state
        foreach (var g in objects.Where(o => o.Namespace == null && o.Kind != "Namespace").GroupBy(o => Plural(o.Kind)))
            expected[g.Count() > 1 ? $"list {g.Key} (probe)" : $"get {g.Key}"] = 1;
        // The default tag: its plan's reads, then the tag's injector and the default validator written.
        expected["list mutatingwebhookconfigurations (selected)"] += 1;
        expected["list validatingwebhookconfigurations (selected)"] = 1;
        expected["get validatingwebhookconfigurations"] += 1;
        expected["list namespaces (probe)"] = 1;
        // Services labelled with the tag: a 1.28+ tag has one, and a tag moved to an older release's revision drops it.
        expected["list services (selected)"] = 1;
        expected["patch mutatingwebhookconfigurations"] += 1;
        expected["patch validatingwebhookconfigurations"] += 1;
        RequestTally.AssertCounts(Server.RequestLog, expected, new()
        {
            ["poll customresourcedefinitions"] = (1, 8),
            ["poll deployments"] = (1, 30),
        });
    }
}
