using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class ApplyTests : ClusterTestBase
{
    private static ComponentManifest[] SmallInstall() =>
    [
        Component("Base", Crd("envoyfilters", "EnvoyFilter"), ServiceAccount("istio-reader-service-account"), ClusterRole("istio-reader-clusterrole-canary")),
        Component("Pilot", ConfigMap("istio-canary"), ServiceAccount("istiod-canary"), Deployment("istiod-canary"),
            Obj("""{"apiVersion":"networking.istio.io/v1alpha3","kind":"EnvoyFilter","metadata":{"name":"stats-filter-canary"},"spec":{"configPatches":[]}}""")),
        Component("IngressGateways", Deployment("istio-ingressgateway")),
        Component("Cni", DaemonSet("istio-cni-node")),
    ];

    [Fact]
    public async Task ApplyCreatesExactlyTheObjectsWithFieldManagerMeshopsAndOwnershipLabels()
    {
        var result = await ApplyAsync(Request(SmallInstall()));

        Assert.Equal(10, result.Created); // 9 objects + the namespace
        Assert.Equal(0, result.Updated + result.Unchanged + result.Pruned);
        Assert.NotNull(Get("v1", "Namespace", null, Ns));
        foreach (var o in result.Objects.Where(o => o.Kind != "Namespace"))
        {
            var live = Get(o.ApiVersion, o.Kind, o.Namespace, o.Name);
            Assert.NotNull(live);
            var labels = live!["metadata"]!["labels"]!.AsObject();
            // Base's objects are every revision's: a scope, no revision. The rest belong to the revision.
            var shared = o.Component == "Base";
            Assert.Equal(shared ? null : "canary", (string?)labels[OwnershipLabels.MeshOpsRevision]);
            Assert.Equal(shared ? "cluster" : null, (string?)labels[OwnershipLabels.MeshOpsScope]);
            Assert.Equal(o.Component, (string?)labels[OwnershipLabels.MeshOpsComponent]);
            var managers = live["metadata"]!["managedFields"]!.AsArray().Select(m => ((string?)m!["manager"], (string?)m["operation"])).ToList();
            Assert.Contains(("meshops", "Apply"), managers);
        }
        // Namespaced objects without a namespace land in the request's namespace; cluster-scoped ones have none.
        Assert.Equal(Ns, (string?)Get("v1", "ConfigMap", Ns, "istio-canary")!["metadata"]!["namespace"]);
        Assert.Null(result.Objects.Single(o => o.Kind == "ClusterRole").Namespace);
        // Exactly one real apply per object; nothing else was written.
        Assert.Equal(10, RealWrites());
        Assert.All(Server.RequestLog.Entries.Where(r => r.Verb == "patch" && !r.Query.Contains("dryRun")), r => Assert.Contains("fieldManager=meshops", r.Query));
    }

    [Fact]
    public async Task ReapplyingTheSameManifestWritesNothingAndKeepsEveryResourceVersion()
    {
        var first = await ApplyAsync(Request(SmallInstall()));
        var before = first.Objects.ToDictionary(o => o.DisplayName, o => Rv(Get(o.ApiVersion, o.Kind, o.Namespace, o.Name)!));
        var storeVersion = Server.Objects.ResourceVersion;
        Server.RequestLog.Clear();

        var second = await ApplyAsync(Request(SmallInstall()));

        Assert.Equal(first.Objects.Count, second.Objects.Count);
        Assert.All(second.Objects.Where(o => o.Kind != "Namespace"), o => Assert.Equal(ApplyAction.Unchanged, o.Action));
        Assert.Equal(0, RealWrites());
        foreach (var o in second.Objects)
            Assert.Equal(before[o.DisplayName], Rv(Get(o.ApiVersion, o.Kind, o.Namespace, o.Name)!));
        // Controllers may not have touched anything either: the server's resourceVersion did not move because of us.
        Assert.Equal(storeVersion, Server.Objects.ResourceVersion);
    }

    [Fact]
    public async Task ServerSideApplyOfIdenticalConfigIsANoOpOnTheServerToo()
    {
        // Independent of our dry-run shortcut: a forced real apply of the same body must not bump resourceVersion.
        await ApplyAsync(Request(Component("Pilot", ConfigMap("cm"))));
        var rv = Rv(Get("v1", "ConfigMap", Ns, "cm")!);
        using var c = Connect();
        var body = JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm","namespace":"istio-system","labels":{"meshops.io/revision":"canary","meshops.io/component":"Pilot"}},"data":{"key":"v1"}}""")!.AsObject();
        await c.ApplyAsync("/api/v1/namespaces/istio-system/configmaps/cm", body, "meshops", force: true, dryRun: false, CancellationToken.None);
        Assert.Equal(rv, Rv(Get("v1", "ConfigMap", Ns, "cm")!));
    }

    [Fact]
    public async Task AChangedObjectIsUpdatedWithItsChangedFieldPaths()
    {
        await ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "v1"), Deployment("istiod-canary", "istio/pilot:1.18.5"))));
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("cm", "v2"), Deployment("istiod-canary", "istio/pilot:1.18.6"))));

        var cm = result.Objects.Single(o => o.Kind == "ConfigMap");
        Assert.Equal(ApplyAction.Update, cm.Action);
        Assert.Equal(["data.key"], cm.ChangedFields);
        var deploy = result.Objects.Single(o => o.Kind == "Deployment");
        Assert.Equal(ApplyAction.Update, deploy.Action);
        Assert.Contains("spec.template.spec.containers[0].image", deploy.ChangedFields);
        Assert.Equal("v2", (string?)Get("v1", "ConfigMap", Ns, "cm")!["data"]!["key"]);
    }

    [Fact]
    public async Task ComponentsAreAppliedInIstioctlOrderAfterTheNamespace()
    {
        await ApplyAsync(Request(
            Component("Ztunnel", DaemonSet("ztunnel")),
            Component("IngressGateways", Deployment("istio-ingressgateway")),
            Component("Pilot", Deployment("istiod-canary")),
            Component("Base", Crd("envoyfilters", "EnvoyFilter"), ServiceAccount("base-sa"))));

        var writes = Server.RequestLog.Entries.Where(r => r.Verb == "patch" && !r.Query.Contains("dryRun")).Select(r => r.Resource + "/" + r.Name).ToList();
        Assert.Equal("namespaces/istio-system", writes[0]);
        int At(string w) => writes.IndexOf(w);
        Assert.True(At("customresourcedefinitions/envoyfilters.networking.istio.io") < At("serviceaccounts/base-sa"), "CRDs first within Base");
        Assert.True(At("serviceaccounts/base-sa") < At("deployments/istiod-canary"));
        Assert.True(At("deployments/istiod-canary") < At("deployments/istio-ingressgateway"));
        Assert.True(At("deployments/istio-ingressgateway") < At("daemonsets/ztunnel"));
    }

    [Fact]
    public async Task CustomResourcesOfACrdInTheSameInstallAreAppliedOnceItIsEstablished()
    {
        Server.Controllers.CrdEstablishDelay = TimeSpan.FromMilliseconds(300);
        var result = await ApplyAsync(Request(
            Component("Base", Crd("envoyfilters", "EnvoyFilter")),
            Component("Pilot", Obj("""{"apiVersion":"networking.istio.io/v1alpha3","kind":"EnvoyFilter","metadata":{"name":"f"},"spec":{}}"""))));
        Assert.Equal(ApplyAction.Create, result.Objects.Single(o => o.Kind == "EnvoyFilter").Action);
        Assert.NotNull(Get("networking.istio.io/v1alpha3", "EnvoyFilter", Ns, "f"));
    }

    [Fact]
    public async Task AnUnknownKindFailsWithResourceKindNotServed()
    {
        var e = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => ApplyAsync(Request(
            Component("Pilot", Obj("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"w"}}""")))));
        Assert.Equal("ResourceKindNotServed", e.ErrorId);
        Assert.Contains("Widget", e.Message);
    }

    [Fact]
    public async Task ExplicitNamespacesInTheManifestAreKept()
    {
        var result = await ApplyAsync(Request(Component("Pilot", ConfigMap("elsewhere", ns: "default"))));
        Assert.Equal("default", result.Objects.Single(o => o.Kind == "ConfigMap").Namespace);
        Assert.NotNull(Get("v1", "ConfigMap", "default", "elsewhere"));
    }

    [Fact]
    public async Task DuplicateObjectsAndMissingNamespaceAreRejectedBeforeAnyCall()
    {
        var dup = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => ApplyAsync(Request(Component("Base", ConfigMap("a")), Component("Pilot", ConfigMap("a")))));
        Assert.Equal("DuplicateObject", dup.ErrorId);
        var noNs = await Assert.ThrowsAsync<MeshOps.Engine.Hosting.MeshException>(() => ApplyAsync(Request(Component("Pilot", ConfigMap("a"))) with { Namespace = "" }));
        Assert.Equal("NamespaceRequired", noNs.ErrorId);
        Assert.Empty(Server.RequestLog.Entries);
    }
}
