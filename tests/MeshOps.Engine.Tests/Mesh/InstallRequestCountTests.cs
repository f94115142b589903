using System.Text.Json.Nodes;
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

    /// <summary>
    /// What every install reads whatever it finds, together: discovery (/version to render for, /apis aggregated; the
    /// core group's kinds are known), the namespace and, when it exists, the install record in it, every
    /// MutatingWebhookConfiguration (the injectors, for the default tag and the webhook overlap check, and the live
    /// state of the manifest's own) and, when the manifest has one, every ValidatingWebhookConfiguration (the live state
    /// of the manifest's own, and the default tag's validators).
    /// </summary>
    internal static Dictionary<string, int> CommonReads(bool namespaceExisted, bool validating = true)
    {
        var reads = new Dictionary<string, int>
        {
            ["discovery"] = 2,
            ["get namespaces"] = 1,
            ["list mutatingwebhookconfigurations (probe)"] = 1,
        };
        if (validating) reads["list validatingwebhookconfigurations (probe)"] = 1;
        if (namespaceExisted) reads["get configmaps"] = 1; // the install record
        return reads;
    }

    /// <summary>
    /// What a first install reads (no install record, so no object carries the revision's labels): no prune list, and
    /// nothing in the control-plane namespace when it did not exist (nor the record there). Each cluster-scoped kind is
    /// listed whole (ours or not, so what it does not return is absent without a GET). CRDs: none when discovery serves
    /// none of their kinds (none exists); else by our label, then a metadata list of all.
    /// </summary>
    internal static Dictionary<string, int> FirstInstallReads(IEnumerable<ObjectOutcome> installed, bool namespaceExisted = false, bool crdsExisted = false)
    {
        var reads = CommonReads(namespaceExisted);
        foreach (var kind in installed.Where(o => o.Namespace == null && o.Kind is not "Namespace" and not "CustomResourceDefinition").Select(o => Plural(o.Kind)).Distinct())
            reads[$"list {kind} (probe)"] = 1;
        if (crdsExisted)
        {
            reads["list customresourcedefinitions (ours)"] = 1;
            reads["list customresourcedefinitions (probe)"] = 1;
        }
        return reads;
    }

    /// <summary>
    /// What a re-install reads when the install record holds an inventory that names nothing the manifest no longer
    /// renders: MeshOps' objects are listed only for the kinds the manifest holds (its live state).
    /// </summary>
    internal static Dictionary<string, int> ReinstallReads(IEnumerable<ObjectOutcome> installed)
    {
        var reads = CommonReads(namespaceExisted: true);
        foreach (var kind in installed.Where(o => o.Kind is not "Namespace" and not "MutatingWebhookConfiguration" and not "ValidatingWebhookConfiguration").Select(o => Plural(o.Kind)).Distinct())
            reads[$"list {kind} (ours)"] = 1;
        return reads;
    }

    /// <summary>The first install's writes: each object once, the install record (written ahead, not again) and installed-state.</summary>
    private static Dictionary<string, int> FirstInstall(IReadOnlyList<ObjectOutcome> objects)
    {
        var expected = FirstInstallReads(objects);
        foreach (var g in objects.GroupBy(o => Plural(o.Kind)))
            expected[$"patch {g.Key}"] = g.Count();
        expected["patch configmaps"] += 1; // the install record, before the first object with our labels
        expected["patch istiooperators"] = 1; // installed-state
        return expected;
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
        RequestTally.AssertCounts(Server.RequestLog, FirstInstall(objects), new()
        {
            ["poll customresourcedefinitions"] = (1, 8),
            ["poll deployments"] = (1, 30),
        });

        Server.RequestLog.Clear();
        var plan = await InstallAsync(dryRun: true);
        Assert.All(plan.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        // The install record's inventory names every object: no list of a kind the manifest does not hold.
        var reinstallReads = ReinstallReads(objects);
        RequestTally.AssertCounts(Server.RequestLog, reinstallReads);

        Server.RequestLog.Clear();
        var again = await InstallAsync();
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        var rerun = ReinstallReads(objects);
        rerun["patch istiooperators"] = 1; // installed-state is applied every time (the server finds nothing to change)
        RequestTally.AssertCounts(Server.RequestLog, rerun);
    }

    [SharedFact]
    public async Task AFirstInstallOverTheSameRevisionIstioctlInstalledTakesEveryObjectOverWithOneWholeListPerKindAndNamespace()
    {
        Server.Objects.Seed(WebhookOverlapCheckTests.RevisionInjector("istio-sidecar-injector-stable", "stable"));
        // As istioctl leaves the revision: the namespace and every object, without MeshOps' labels, by its field manager.
        Server.Objects.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } });
        var rendered = ManifestGenerator.Generate(new GenerateRequest
        {
            Version = SharedData.Release1185, Files = [SeedConfigTests.Example("my-config.yaml")], Namespace = Namespace, ManifestsPath = SharedData.ReleaseManifests,
        }, Host);
        foreach (var o in rendered.Components.Where(c => c.Enabled).SelectMany(c => c.Objects))
            Server.Objects.Seed(MeshOps.Engine.Kube.ManifestObject.FromGoValues(o.Value, o.Key).CloneBody(), "istio-operator");
        await UntilCrdsEstablishedAsync();
        Server.RequestLog.Clear();

        var first = await InstallAsync();
        var objects = first.Apply.Objects;
        Assert.DoesNotContain(objects, o => o.Action == ApplyAction.Create);
        Assert.Contains(objects, o => o.Action == ApplyAction.Update && o.Kind == "Deployment");
        foreach (var o in objects.Where(o => o.Kind != "Namespace"))
        {
            var live = Server.Objects.Get(o.ApiVersion, o.Kind, o.Namespace, o.Name)!;
            Assert.NotNull(live.Str("metadata", "labels", OwnershipLabels.MeshOpsComponent));
        }
        // The namespace existed, so its kinds are listed there, whole (istioctl's objects carry no label of ours);
        // the cluster-scoped kinds as on a new cluster: no GET of any one object. Every object is written once to take
        // it over (each after the dry run the take-over makes to learn what changes, not counted here).
        var reads = FirstInstallReads(objects, namespaceExisted: true, crdsExisted: true);
        foreach (var kind in objects.Where(o => o.Namespace != null).Select(o => Plural(o.Kind)).Distinct())
            reads[$"list {kind} (probe)"] = 1;
        var writes = objects.Where(o => o.Action != ApplyAction.Unchanged).GroupBy(o => $"patch {Plural(o.Kind)}").ToDictionary(g => g.Key, g => g.Count());
        writes["patch configmaps"] = writes.GetValueOrDefault("patch configmaps") + 1; // the install record
        writes["patch istiooperators"] = 1; // installed-state
        var actual = RequestTally.Counts(Server.RequestLog);
        Assert.Equal(reads.OrderBy(r => r.Key), actual.Where(a => a.Key == "discovery" || a.Key.StartsWith("get ", StringComparison.Ordinal) || a.Key.StartsWith("list ", StringComparison.Ordinal)).OrderBy(a => a.Key));
        Assert.Equal(writes.OrderBy(w => w.Key), actual.Where(a => a.Key.StartsWith("patch ", StringComparison.Ordinal)).OrderBy(a => a.Key));
    }

    [SharedFact]
    public async Task OnAClusterWithoutInjectorsTheDefaultTagStepReadsOnlyTheWebhooksItChanges()
    {
        // No injector yet: istioctl points the default tag at the new revision. The step reads only the revision's
        // injector as istiod may have patched it (istio.io/rev list) and writes two webhooks: the validators (old ones
        // and the default one) are those the install listed before its apply, which wrote none of them; no tag webhook
        // was there, so no tag Service either; the namespaces the install does not show. No revision listing
        // (Deployments, records, IstioOperators, every namespace and pod) as before.
        Server.RequestLog.Clear();
        var first = await InstallAsync();
        Assert.NotNull(first.DefaultTag);
        Assert.Empty(first.DefaultTag!.Namespaces);

        var expected = FirstInstall(first.Apply.Objects);
        // The default tag: its plan's read, then the tag's injector and the default validator written.
        expected["list mutatingwebhookconfigurations (selected)"] = 1;
        expected["patch mutatingwebhookconfigurations"] += 1;
        expected["patch validatingwebhookconfigurations"] += 1;
        RequestTally.AssertCounts(Server.RequestLog, expected, new()
        {
            ["poll customresourcedefinitions"] = (1, 8),
            ["poll deployments"] = (1, 30),
        });
    }
}
