using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Two revisions of Istio 1.18.5 in one namespace share the Base component's objects (15 CRDs, cluster roles and
/// bindings, service accounts, a role): neither owns them, neither install, re-install or uninstall touches them
/// while the other exists, and only the last revision's uninstall with -Purge removes them.
/// </summary>
public sealed class SharedObjectsTests : ClusterTestBase
{
    private const string Crd = "apiextensions.k8s.io/v1";
    private const string Rbac = "rbac.authorization.k8s.io/v1";

    private async Task<InstallResult> InstallAsync(MeshCluster cluster, string revision) =>
        await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest { Version = SharedData.Release1185, Profile = "minimal", Revision = revision, ManifestsPath = SharedData.ReleaseManifests },
            Timeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);

    private async Task<ApplyResult> UninstallAsync(MeshCluster cluster, string revision, bool purge) =>
        await new ControlPlaneUninstaller(cluster, Host).UninstallAsync(new UninstallRequest { Revision = revision, Purge = purge }, default);

    /// <summary>Every object in the cluster that MeshOps labelled for the Base component, by kind/namespace/name, with its labels and resourceVersion.</summary>
    private Dictionary<string, (JsonObject Labels, string? Version)> BaseObjects()
    {
        var result = new Dictionary<string, (JsonObject, string?)>(StringComparer.Ordinal);
        foreach (var (apiVersion, kind) in new[] { (Crd, "CustomResourceDefinition"), (Rbac, "ClusterRole"), (Rbac, "ClusterRoleBinding"), (Rbac, "Role"), (Rbac, "RoleBinding"), ("v1", "ServiceAccount") })
            foreach (var o in Server.Objects.List(apiVersion, kind))
                if (o["metadata"]?["labels"]?[OwnershipLabels.MeshOpsComponent] is { } c && (string?)c == "Base")
                    result[$"{kind} {o.Str("metadata", "namespace")}/{o.Str("metadata", "name")}"] = ((JsonObject)o["metadata"]!["labels"]!, o.Str("metadata", "resourceVersion"));
        return result;
    }

    private static void AssertShared(Dictionary<string, (JsonObject Labels, string? Version)> objects)
    {
        Assert.All(objects, o =>
        {
            Assert.Null(o.Value.Labels[OwnershipLabels.MeshOpsRevision]);
            Assert.Equal(OwnershipLabels.ClusterScope, (string?)o.Value.Labels[OwnershipLabels.MeshOpsScope]);
        });
    }

    [SharedFact]
    public async Task A_newer_revision_beside_an_older_one_shares_Base_and_only_the_last_purge_removes_it()
    {
        using var cluster = new MeshCluster(Connect());
        var first = await InstallAsync(cluster, "a");
        var shared = BaseObjects();
        Assert.Equal(first.Apply.Objects.Count(o => o.Component == "Base"), shared.Count);
        Assert.Equal(15, shared.Keys.Count(k => k.StartsWith("CustomResourceDefinition", StringComparison.Ordinal)));
        AssertShared(shared);

        // B renders the same Base: its install leaves every shared object as it was.
        var second = await InstallAsync(cluster, "b");
        Assert.All(second.Apply.Objects.Where(o => o.Component == "Base"), o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        Assert.Equal(shared.ToDictionary(p => p.Key, p => p.Value.Version), BaseObjects().ToDictionary(p => p.Key, p => p.Value.Version));

        // A re-installed after B changes nothing at all.
        var again = await InstallAsync(cluster, "a");
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));

        // Uninstalling B, with or without -Purge, leaves A's CRDs and shared objects, none naming B.
        await UninstallAsync(cluster, "b", purge: false);
        Assert.Equal(shared.ToDictionary(p => p.Key, p => p.Value.Version), BaseObjects().ToDictionary(p => p.Key, p => p.Value.Version));
        Assert.NotNull(Server.Objects.Get("apps/v1", "Deployment", Ns, "istiod-a"));
        Assert.Null(Server.Objects.Get("apps/v1", "Deployment", Ns, "istiod-b"));

        await InstallAsync(cluster, "b");
        Host.Warnings.Clear();
        var purgeB = await UninstallAsync(cluster, "b", purge: true);
        Assert.DoesNotContain(purgeB.Objects, o => o.Component == "Base");
        Assert.Contains(Host.Warnings, w => w.Contains("-Purge keeps the CRDs", StringComparison.Ordinal));
        var afterB = BaseObjects();
        Assert.Equal(shared.Keys.Order(), afterB.Keys.Order());
        AssertShared(afterB);
        Assert.DoesNotContain(Server.Objects.List("v1", "ConfigMap"), o => (string?)o["metadata"]?["labels"]?[OwnershipLabels.MeshOpsRevision] == "b");

        // The last revision's uninstall keeps them without -Purge and removes them with it.
        var keepA = await new ControlPlaneUninstaller(cluster, Host).UninstallAsync(new UninstallRequest { Revision = "a", Purge = true, DryRun = true }, default);
        Assert.Equal(shared.Count, keepA.Objects.Count(o => o.Component == "Base" && o.Action == ApplyAction.Prune));
        await UninstallAsync(cluster, "a", purge: true);
        Assert.Empty(BaseObjects());
        Assert.Null(Server.Objects.Get(Crd, "CustomResourceDefinition", null, "virtualservices.networking.istio.io"));
    }

    [SharedFact]
    public async Task An_install_prunes_a_shared_object_Base_no_longer_renders_only_when_no_other_revision_exists()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "a");
        await InstallAsync(cluster, "b");
        // What an earlier release's Base rendered and this one does not.
        Server.Objects.Seed("""{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"dropped","labels":{"meshops.io/scope":"cluster","meshops.io/component":"Base"}}}""");

        var beside = await InstallAsync(cluster, "a");
        Assert.DoesNotContain(beside.Apply.Objects, o => o.Action == ApplyAction.Prune);
        Assert.NotNull(Server.Objects.Get(Rbac, "ClusterRole", null, "dropped"));

        await UninstallAsync(cluster, "b", purge: false);
        var alone = await InstallAsync(cluster, "a");
        Assert.Equal("dropped", Assert.Single(alone.Apply.Objects, o => o.Action == ApplyAction.Prune).Name);
        Assert.Null(Server.Objects.Get(Rbac, "ClusterRole", null, "dropped"));
    }

    [SharedFact]
    public async Task Shared_objects_an_older_MeshOps_labelled_with_a_revision_are_adopted_and_never_deleted_with_that_revision()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "a");
        await InstallAsync(cluster, "b");
        // What MeshOps wrote before: every Base object labelled with the revision that installed last (b).
        foreach (var (apiVersion, kind) in new[] { (Crd, "CustomResourceDefinition"), (Rbac, "ClusterRole"), ("v1", "ServiceAccount") })
            foreach (var o in Server.Objects.List(apiVersion, kind).Where(o => o.Str("metadata", "labels", OwnershipLabels.MeshOpsComponent) == "Base"))
                await RelabelAsOldMeshOpsDid(cluster.Connection, o, "b");
        Assert.Contains(BaseObjects().Values, o => (string?)o.Labels[OwnershipLabels.MeshOpsRevision] == "b");

        // Uninstalling b -Purge while a exists removes none of them.
        var before = BaseObjects().Keys.Order().ToList();
        await UninstallAsync(cluster, "b", purge: true);
        Assert.Equal(before, BaseObjects().Keys.Order().ToList());

        // The next install of a relabels them: no revision, the cluster scope.
        var adopt = await InstallAsync(cluster, "a");
        Assert.Contains(adopt.Apply.Objects, o => o.Component == "Base" && o.Action == ApplyAction.Update);
        AssertShared(BaseObjects());
        var again = await InstallAsync(cluster, "a");
        Assert.All(again.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
    }

    /// <summary>Server-side applies the object as MeshOps applied it before shared objects had their own label: with meshops.io/revision.</summary>
    private static async Task RelabelAsOldMeshOpsDid(ClusterConnection connection, JsonObject live, string revision)
    {
        var body = (JsonObject)live.DeepClone();
        body.Remove("status");
        var meta = (JsonObject)body["metadata"]!;
        foreach (var key in meta.Select(p => p.Key).Where(k => k is not ("name" or "namespace" or "labels")).ToList()) meta.Remove(key);
        var labels = (JsonObject)meta["labels"]!;
        labels.Remove(OwnershipLabels.MeshOpsScope);
        labels[OwnershipLabels.MeshOpsRevision] = revision;
        var type = await connection.Discovery.ResolveAsync(live.Str("apiVersion")!, live.Str("kind")!, default);
        await connection.ApplyAsync(type.ObjectPath(live.Str("metadata", "namespace"), live.Str("metadata", "name")!), body, ServerSideApplier.FieldManager, force: true, dryRun: false, default);
    }
}
