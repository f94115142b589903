using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Revisions of two releases on one cluster, as a canary upgrade has them (1.18.5 and 1.28.10 in one namespace, so
/// their Base objects share names): the shared objects become the newer release's and an install of the older one
/// never takes them back; each revision's own objects are untouched by the other's install; uninstalling the newer
/// revision, even with -Purge, leaves the CRDs the older one uses.
/// </summary>
public sealed class CrossReleaseInstallTests : ClusterTestBase
{
    private const string Crd = "apiextensions.k8s.io/v1";
    private const string VirtualServices = "virtualservices.networking.istio.io";

    private async Task<InstallResult> InstallAsync(MeshCluster cluster, string version, string revision) =>
        await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest
            {
                Version = IstioVersion.Parse(version), Profile = "minimal", Revision = revision,
                ManifestsPath = Path.Combine(SharedData.Require(), "istio", version, "release", "manifests"),
            },
            Timeout = TimeSpan.FromSeconds(30),
            PollInterval = TimeSpan.FromMilliseconds(20),
        }, default);

    private async Task<ApplyResult> UninstallAsync(MeshCluster cluster, string revision, bool purge) =>
        await new ControlPlaneUninstaller(cluster, Host).UninstallAsync(new UninstallRequest { Revision = revision, Purge = purge }, default);

    /// <summary>Every CRD by name: (meshops.io/release, resourceVersion, served versions).</summary>
    private Dictionary<string, (string? Release, string? ResourceVersion, string Versions)> Crds() =>
        Server.Objects.List(Crd, "CustomResourceDefinition").ToDictionary(
            c => c.Str("metadata", "name")!,
            c => (c.Str("metadata", "labels", SharedObjectRelease.Label), c.Str("metadata", "resourceVersion"),
                string.Join(",", (c["spec"]?["versions"] as JsonArray ?? []).Select(v => v.Str("name")).Order(StringComparer.Ordinal))),
            StringComparer.Ordinal);

    /// <summary>resourceVersion of every object MeshOps labelled for <paramref name="revision"/>, by kind/namespace/name.</summary>
    private Dictionary<string, string?> RevisionObjects(string revision)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (apiVersion, kind) in new[]
                 {
                     ("apps/v1", "Deployment"), ("v1", "ConfigMap"), ("v1", "Service"), ("v1", "ServiceAccount"),
                     ("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration"), ("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
                     ("rbac.authorization.k8s.io/v1", "ClusterRole"), ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
                     ("rbac.authorization.k8s.io/v1", "Role"), ("rbac.authorization.k8s.io/v1", "RoleBinding"),
                 })
            foreach (var o in Server.Objects.List(apiVersion, kind))
                if (o.Str("metadata", "labels", OwnershipLabels.MeshOpsRevision) == revision)
                    result[$"{kind} {o.Str("metadata", "namespace")}/{o.Str("metadata", "name")}"] = o.Str("metadata", "resourceVersion");
        return result;
    }

    [SharedFact]
    public async Task The_newer_release_owns_the_CRDs_and_an_older_install_never_downgrades_them()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        var old = Crds();
        Assert.Equal(15, old.Count);
        Assert.All(old.Values, c => Assert.Equal("1.18.5", c.Release));
        Assert.Equal("v1alpha3,v1beta1", old[VirtualServices].Versions);
        var oldRevision = RevisionObjects("istio-1-18-5");
        Assert.Contains("Deployment istio-system/istiod-istio-1-18-5", oldRevision.Keys);

        // 1.28.10 beside it: its 14 CRDs become 1.28.10's (VirtualService gains v1); the one it no longer renders
        // (IstioOperator, used by 1.18.5's installed-state) stays; the old revision's own objects are not written.
        var newer = await InstallAsync(cluster, "1.28.10", "1-28-10");
        var upgraded = Crds();
        Assert.Equal(15, upgraded.Count);
        Assert.Equal("v1,v1alpha3,v1beta1", upgraded[VirtualServices].Versions);
        Assert.Equal(14, upgraded.Values.Count(c => c.Release == "1.28.10"));
        Assert.Equal("1.18.5", upgraded["istiooperators.install.istio.io"].Release);
        Assert.Equal(oldRevision, RevisionObjects("istio-1-18-5"));
        Assert.Contains("Deployment istio-system/istiod-1-28-10", RevisionObjects("1-28-10").Keys);
        Assert.DoesNotContain(newer.Apply.Objects, o => o.Action == ApplyAction.Prune);

        // Re-installing 1.18.5 leaves every object 1.28.10 wrote as it is, says so, and still converges its own revision.
        Host.Warnings.Clear();
        Host.Verbose.Clear();
        var again = await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        Assert.Equal(upgraded, Crds());
        Assert.All(again.Apply.Objects.Where(o => o.Kind == "CustomResourceDefinition"), o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        Assert.Contains(Host.Warnings, w => w.Contains("stay at Istio 1.28.10, newer than the 1.18.5 being installed", StringComparison.Ordinal));
        Assert.Contains(Host.Verbose, v => v.Contains($"CustomResourceDefinition {VirtualServices}: kept as Istio 1.28.10 wrote it", StringComparison.Ordinal));
        Assert.Equal(oldRevision, RevisionObjects("istio-1-18-5"));

        // And 1.28.10 re-installed changes nothing.
        var same = await InstallAsync(cluster, "1.28.10", "1-28-10");
        Assert.All(same.Apply.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
    }

    [SharedFact]
    public async Task Uninstalling_the_newer_revision_keeps_the_CRDs_the_older_one_uses()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        await InstallAsync(cluster, "1.28.10", "1-28-10");
        var crds = Crds();
        var oldRevision = RevisionObjects("istio-1-18-5");

        Host.Warnings.Clear();
        var removed = await UninstallAsync(cluster, "1-28-10", purge: true);
        Assert.DoesNotContain(removed.Objects, o => o.Kind == "CustomResourceDefinition");
        Assert.Contains(Host.Warnings, w => w.Contains("-Purge keeps the CRDs", StringComparison.Ordinal));
        Assert.Equal(crds, Crds());
        Assert.Equal(oldRevision, RevisionObjects("istio-1-18-5"));
        Assert.Empty(RevisionObjects("1-28-10"));

        // The CRDs stay 1.28.10's for the revision left, and its re-install keeps them so.
        await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        Assert.Equal(crds, Crds());

        // The last revision's -Purge removes them.
        await UninstallAsync(cluster, "istio-1-18-5", purge: true);
        Assert.Empty(Crds());
    }

    [SharedFact]
    public async Task A_first_install_of_an_older_release_beside_a_newer_revision_keeps_its_CRDs()
    {
        // The older revision has no install record, so its first install reads the cluster as a first install does
        // (CRDs by our label, no prune list): the newer revision's shared CRDs are still found and kept.
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "1.28.10", "1-28-10");
        var crds = Crds();
        var newerRevision = RevisionObjects("1-28-10");
        Assert.Equal(14, crds.Count);
        Assert.All(crds.Values, c => Assert.Equal("1.28.10", c.Release));

        Host.Warnings.Clear();
        var older = await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        // The CRDs 1.28.10 wrote stay as they are; the one it does not render (IstioOperator) is added.
        Assert.Equal(15, Crds().Count);
        Assert.All(crds, c => Assert.Equal(c.Value, Crds()[c.Key]));
        Assert.Equal("1.18.5", Crds()["istiooperators.install.istio.io"].Release);
        Assert.Contains(Host.Warnings, w => w.Contains("stay at Istio 1.28.10, newer than the 1.18.5 being installed", StringComparison.Ordinal));
        Assert.Equal(newerRevision, RevisionObjects("1-28-10"));
        Assert.DoesNotContain(older.Apply.Objects, o => o.Action == ApplyAction.Prune);
        Assert.Contains("Deployment istio-system/istiod-istio-1-18-5", RevisionObjects("istio-1-18-5").Keys);
    }

    [SharedFact]
    public async Task CRDs_another_installer_wrote_for_a_newer_release_are_not_downgraded_either()
    {
        // As istioctl or Helm leave 1.28.10's CRDs (a release archive's charts label them with the release), and a
        // development copy's (chart version 1.0.0), which names no release to keep.
        JsonObject HelmCrd(string file, string name, string version)
        {
            var text = File.ReadAllText(Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests", "charts", "base", "files", file));
            var doc = MeshOps.Engine.Yaml.GoYaml.ParseDocuments(text).Select(d => (JsonObject)JsonNode.Parse(MeshOps.Engine.Yaml.GoJson.Serialize(d.Value))!).Single(d => d.Str("metadata", "name") == name);
            doc["metadata"]!["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = "istio", ["app.kubernetes.io/version"] = version, ["app.kubernetes.io/managed-by"] = "Helm" };
            return doc;
        }
        Server.Objects.Seed(HelmCrd("crd-all.gen.yaml", VirtualServices, "1.28.10"), "helm");
        Server.Objects.Seed(HelmCrd("crd-all.gen.yaml", "gateways.networking.istio.io", "1.0.0"), "helm");
        // Established, as another installer's CRDs are by the time MeshOps runs: the install reads which CRDs exist
        // from discovery (a CRD serves its kinds once Established).
        await UntilCrdsEstablishedAsync();
        var before = Crds();

        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "1.18.5", "istio-1-18-5");
        var after = Crds();
        // Not written: no field of ours, no label.
        var vs = Server.Objects.Get(Crd, "CustomResourceDefinition", null, VirtualServices)!;
        Assert.DoesNotContain((vs["metadata"]!["managedFields"] as JsonArray ?? []).Select(e => e.Str("manager")), m => m == ServerSideApplier.FieldManager);
        Assert.Null(vs.Str("metadata", "labels", OwnershipLabels.MeshOpsComponent));
        Assert.Equal("1.28.10", vs.Str("metadata", "labels", "app.kubernetes.io/version"));
        Assert.Equal("v1,v1alpha3,v1beta1", after[VirtualServices].Versions);
        Assert.Contains(Host.Warnings, w => w.Contains("1 object(s) shared by every revision (1 CRD(s) among them) stay at Istio 1.28.10", StringComparison.Ordinal));
        // The development copy's CRD names no release: the install takes it over as before.
        Assert.Equal("1.18.5", after["gateways.networking.istio.io"].Release);
        Assert.NotEqual(before["gateways.networking.istio.io"].ResourceVersion, after["gateways.networking.istio.io"].ResourceVersion);
    }

    [SharedFact]
    public async Task A_CRD_created_but_not_yet_Established_when_a_first_install_reads_the_cluster_is_applied_with_a_warning()
    {
        // Another installer wrote it a moment ago: discovery does not serve it yet, so the install takes it for absent.
        Server.Controllers.CrdEstablishDelay = TimeSpan.FromSeconds(2);
        var text = File.ReadAllText(Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests", "charts", "base", "files", "crd-all.gen.yaml"));
        var crd = MeshOps.Engine.Yaml.GoYaml.ParseDocuments(text).Select(d => (JsonObject)JsonNode.Parse(MeshOps.Engine.Yaml.GoJson.Serialize(d.Value))!).Single(d => d.Str("metadata", "name") == VirtualServices);
        Server.Objects.Seed(crd, "helm");

        using var cluster = new MeshCluster(Connect());
        var result = await InstallAsync(cluster, "1.18.5", "istio-1-18-5");

        var applied = Assert.Single(result.Apply.Objects, o => o.Kind == "CustomResourceDefinition" && o.Name == VirtualServices);
        Assert.Equal(ApplyAction.Update, applied.Action);
        Assert.Contains(Host.Warnings, w => w.StartsWith($"CustomResourceDefinition {VirtualServices} already existed (written by 'helm'", StringComparison.Ordinal));
        Assert.All(result.Apply.Objects.Where(o => o.Kind == "CustomResourceDefinition" && o.Name != VirtualServices), o => Assert.Equal(ApplyAction.Create, o.Action));
    }

    [Fact]
    public void Only_a_newer_release_recorded_on_a_shared_object_keeps_it()
    {
        static JsonObject Labelled(string component, string? release, string? istioRev = null)
        {
            var labels = new JsonObject { [OwnershipLabels.MeshOpsComponent] = component };
            if (release != null) labels[SharedObjectRelease.Label] = release;
            if (istioRev != null) labels[OwnershipLabels.IstioRevision] = istioRev;
            return new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels } };
        }
        var v1185 = IstioVersion.Parse("1.18.5");
        var body = Labelled("Base", null);

        Assert.Equal("1.28.10", SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.28.10"), v1185)?.ToString());
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.18.5"), v1185));
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.18.4"), v1185));
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", null), v1185)); // written before the label existed
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", "latest"), v1185)); // not a version: nothing to compare
        Assert.Null(SharedObjectRelease.NewerOwner(body, null, v1185));
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.28.10"), null));
        // A pre-release sorts before its release: 1.29.0 replaces 1.29.0-rc.1's objects, not the other way round.
        Assert.Equal("1.29.0", SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.29.0"), IstioVersion.Parse("1.29.0-rc.1"))?.ToString());
        Assert.Null(SharedObjectRelease.NewerOwner(body, Labelled("Base", "1.29.0-rc.1"), IstioVersion.Parse("1.29.0")));
        // Another installer's object: the release Istio's 1.24+ charts label it with; MeshOps' own label wins on ours.
        static JsonObject Foreign(string? partOf, string version) => new()
        {
            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app.kubernetes.io/part-of"] = partOf, ["app.kubernetes.io/version"] = version } },
        };
        Assert.Equal("1.28.10", SharedObjectRelease.NewerOwner(body, Foreign("istio", "1.28.10"), v1185)?.ToString());
        Assert.Null(SharedObjectRelease.NewerOwner(body, Foreign("other", "1.28.10"), v1185));
        Assert.Null(SharedObjectRelease.NewerOwner(body, Foreign("istio", "1.0.0"), v1185));
        var ours = Labelled("Base", "1.18.5");
        ((JsonObject)ours["metadata"]!["labels"]!)["app.kubernetes.io/part-of"] = "istio";
        ((JsonObject)ours["metadata"]!["labels"]!)["app.kubernetes.io/version"] = "1.30.0";
        Assert.Null(SharedObjectRelease.NewerOwner(body, ours, v1185));
        // Revision-owned objects are each revision's own: the rule is only for shared ones.
        Assert.Null(SharedObjectRelease.NewerOwner(Labelled("Pilot", null), Labelled("Pilot", "1.28.10"), v1185));
        Assert.Null(SharedObjectRelease.NewerOwner(Labelled("Base", null, istioRev: "a"), Labelled("Base", "1.28.10", istioRev: "a"), v1185));

        var labels = (JsonObject)Labelled("Base", null)["metadata"]!["labels"]!;
        SharedObjectRelease.Stamp(labels, v1185);
        Assert.Equal("1.18.5", (string?)labels[SharedObjectRelease.Label]);
        var pilot = (JsonObject)Labelled("Pilot", "1.18.5")["metadata"]!["labels"]!;
        SharedObjectRelease.Stamp(pilot, v1185);
        Assert.Null(pilot[SharedObjectRelease.Label]);
    }
}
