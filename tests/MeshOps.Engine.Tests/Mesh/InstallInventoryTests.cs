using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// The install record's inventory: a re-install lists for prune only the kinds of recorded objects it no longer
/// renders (the manifest's own kinds are listed anyway); a record without one (older MeshOps) means every kind.
/// </summary>
public sealed class InstallInventoryTests : ClusterTestBase
{
    private const string Revision = "a";

    private async Task<InstallResult> InstallAsync(MeshCluster cluster, string profile = "minimal", bool dryRun = false) =>
        await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest { Version = SharedData.Release1185, Profile = profile, Revision = Revision, ManifestsPath = SharedData.ReleaseManifests },
            DryRun = dryRun,
            Timeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);

    // A kind the minimal profile does not render, labelled as this revision's Pilot object.
    private const string StalePolicy = """{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"stale","namespace":"istio-system","labels":{"meshops.io/revision":"a","meshops.io/component":"Pilot"}},"spec":{"podSelector":{}}}""";

    private JsonObject Record() => Server.Objects.Get("v1", "ConfigMap", Ns, MeshLabels.InstallRecordName(Revision))!;

    private int OwnedListsOf(string resource) =>
        Server.RequestLog.Entries.Count(r => r.Verb == "list" && r.Resource == resource && r.Query.Contains("labelSelector=meshops.io", StringComparison.Ordinal));

    /// <summary>Rewrites the record's data as <paramref name="edit"/> says, as if an earlier install had written it so.</summary>
    private void EditRecord(Action<JsonObject> edit)
    {
        var record = (JsonObject)Record().DeepClone();
        ((JsonObject)record["metadata"]!).Remove("managedFields");
        edit((JsonObject)record["data"]!);
        Server.Objects.Seed(record);
    }

    [SharedFact]
    public async Task The_record_names_every_object_applied_and_a_reinstall_lists_no_other_kind()
    {
        using var cluster = new MeshCluster(Connect());
        var first = await InstallAsync(cluster);
        var inventory = InventoryEntry.ParseLines(Record().Str("data", "inventory")!);
        Assert.Equal(first.Apply.Objects.Where(o => o.Kind != "Namespace").Select(o => $"{o.Kind} {o.Namespace}/{o.Name}").Order(),
            inventory.Select(e => $"{e.Kind} {e.Namespace}/{e.Name}").Order());

        // An object of a kind the manifest lacks that the record does not name is not looked for.
        Server.Objects.Seed(StalePolicy);
        Server.RequestLog.Clear();
        var again = await InstallAsync(cluster);
        Assert.DoesNotContain(again.Apply.Objects, o => o.Action == ApplyAction.Prune);
        Assert.Equal(0, OwnedListsOf("networkpolicies"));
        Assert.Equal(0, Server.RequestLog.Count("patch", "configmaps")); // nothing changed, the record neither
    }

    [SharedFact]
    public async Task A_recorded_object_no_longer_rendered_is_planned_and_pruned_with_one_list_of_its_kind()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster);
        Server.Objects.Seed(StalePolicy);
        EditRecord(d => d["inventory"] = (string)d["inventory"]! + "\nnetworking.k8s.io/v1 NetworkPolicy istio-system/stale");

        Server.RequestLog.Clear();
        var plan = await InstallAsync(cluster, dryRun: true);
        Assert.Equal("stale", Assert.Single(plan.Apply.Objects, o => o.Action == ApplyAction.Prune).Name);
        Assert.Equal(1, OwnedListsOf("networkpolicies"));
        Assert.Equal(0, OwnedListsOf("envoyfilters") + OwnedListsOf("daemonsets") + OwnedListsOf("statefulsets"));

        var pruned = await InstallAsync(cluster);
        Assert.Equal("stale", Assert.Single(pruned.Apply.Objects, o => o.Action == ApplyAction.Prune).Name);
        Assert.Null(Server.Objects.Get("networking.k8s.io/v1", "NetworkPolicy", Ns, "stale"));
        Assert.DoesNotContain("NetworkPolicy", Record().Str("data", "inventory")!, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task A_record_without_inventory_means_every_kind_is_listed_once_and_the_record_gains_one()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster);
        Server.Objects.Seed(StalePolicy);
        EditRecord(d => d.Remove("inventory"));

        Server.RequestLog.Clear();
        var upgraded = await InstallAsync(cluster);
        Assert.Equal("stale", Assert.Single(upgraded.Apply.Objects, o => o.Action == ApplyAction.Prune).Name);
        Assert.Equal(1, OwnedListsOf("networkpolicies"));
        Assert.NotNull(Record().Str("data", "inventory"));
    }

    [SharedFact]
    public async Task Objects_new_to_the_inventory_are_recorded_before_they_are_written()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster);
        Server.RequestLog.Clear();
        // The default profile adds the ingress gateway: the record names it before the first of its objects is written.
        await InstallAsync(cluster, profile: "default");
        var writes = Server.RequestLog.Entries.Where(r => r.Verb == "patch").ToList();
        var recordWrite = writes.FindIndex(r => r.Resource == "configmaps" && r.Name == MeshLabels.InstallRecordName(Revision));
        var gatewayWrite = writes.FindIndex(r => r.Resource == "deployments" && r.Name == "istio-ingressgateway");
        Assert.InRange(recordWrite, 0, gatewayWrite - 1);
        Assert.Contains("Deployment istio-system/istio-ingressgateway", Record().Str("data", "inventory")!, StringComparison.Ordinal);
    }

    [SharedFact]
    public async Task A_first_install_writes_its_record_before_the_first_object_labelled_for_the_revision()
    {
        using var cluster = new MeshCluster(Connect());
        Server.RequestLog.Clear();
        await InstallAsync(cluster);
        var writes = Server.RequestLog.Entries.Where(r => r.Verb == "patch").ToList();
        var recordWrite = writes.FindIndex(r => r.Resource == "configmaps" && r.Name == MeshLabels.InstallRecordName(Revision));
        Assert.True(recordWrite > 0, "the record is written once the namespace exists");
        // Before it only what carries no revision label: the namespace and Base's shared CRDs (applied meanwhile).
        Assert.All(writes.Take(recordWrite), w => Assert.Contains(w.Resource, new[] { "namespaces", "customresourcedefinitions" }));
        Assert.Contains(writes.Skip(recordWrite + 1), w => w.Resource == "deployments");
    }

    [SharedFact]
    public async Task Reinstalling_the_default_and_demo_profiles_makes_no_dry_run_and_writes_nothing()
    {
        using var cluster = new MeshCluster(Connect());
        foreach (var profile in new[] { "demo", "default" })
        {
            await InstallAsync(cluster, profile);
            Server.RequestLog.Clear();
            var again = await InstallAsync(cluster, profile);
            Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
            var dryRuns = Server.RequestLog.Entries.Where(r => r.Verb == "patch" && r.Query.Contains("dryRun", StringComparison.Ordinal)).Select(r => $"{r.Resource} {r.Name}").ToList();
            Assert.True(dryRuns.Count == 0, $"{profile}: dry runs of {string.Join(", ", dryRuns)}");
        }
    }
}
