using System.Net;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class DeletionTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { WorkloadReadyDelay = TimeSpan.FromMilliseconds(10) };

    [Fact]
    public async Task DeleteReturnsSuccessStatusAndRemoves()
    {
        var ns = await NewNamespace();
        var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var status = await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns);
        Assert.Equal("Success", status.Status);
        Assert.Equal("a", status.Details.Name);
        Assert.Equal(cm.Metadata.Uid, status.Details.Uid);
        var (code, _) = await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task DeleteMissingIs404()
    {
        var ns = await NewNamespace();
        var (code, status) = await Failure(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("none", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("configmaps \"none\" not found", status["message"]!.ToString());
    }

    [Fact]
    public async Task FinalizersKeepObjectUntilRemoved()
    {
        var ns = await NewNamespace();
        var cm = ConfigMap("a");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns, gracePeriodSeconds: 0);
        var held = await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        Assert.NotNull(held.Metadata.DeletionTimestamp);
        Assert.Equal(0, held.Metadata.DeletionGracePeriodSeconds);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "a", ns);
        var (code, _) = await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task PreconditionUidMismatchConflicts()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (code, status) = await Failure(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = "not-it" } }));
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed: UID in precondition: not-it", status["message"]!.ToString());
    }

    [Fact]
    public async Task BackgroundDeletionCollectsOwnedObjects()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), ns);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 2, "pods created");
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Background");
        await Eventually(async () => (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count == 0, "replicasets collected");
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 0, "pods collected");
    }

    [Fact]
    public async Task ForegroundDeletionWaitsForDependents()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 1, "pod created");
        Server.Controllers.Enabled = false;
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Foreground");
        var pending = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.NotNull(pending.Metadata.DeletionTimestamp);
        Assert.Contains("foregroundDeletion", pending.Metadata.Finalizers);
        Server.Controllers.Enabled = true;
        await Eventually(async () => (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.Count == 0, "deployment gone after dependents");
        Assert.Empty((await Client.CoreV1.ListNamespacedPodAsync(ns)).Items);
        Assert.Empty((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items);
    }

    [Fact]
    public async Task OrphanDeletionKeepsDependentsWithoutOwnerReference()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        await Eventually(async () => (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items.Count == 1, "rs created");
        await Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Orphan");
        await Eventually(async () => (await Client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.Count == 0, "deployment removed");
        var rs = Assert.Single((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items);
        Assert.True(rs.Metadata.OwnerReferences == null || rs.Metadata.OwnerReferences.Count == 0);
    }

    [Fact]
    public async Task NamespaceDeletionTerminatesThenRemovesContents()
    {
        var ns = await NewNamespace();
        var cm = ConfigMap("held");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("plain"), ns);
        var deleted = await Client.CoreV1.DeleteNamespaceAsync(ns);
        var terminating = await Client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", terminating.Status.Phase);
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.All(c => c.Metadata.DeletionTimestamp != null), "contents marked");
        // The finalizer holds the namespace.
        Assert.Equal("Terminating", (await Client.CoreV1.ReadNamespaceAsync(ns)).Status.Phase);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"finalizers":[]}}""", V1Patch.PatchType.MergePatch), "held", ns);
        await Eventually(async () => (await Client.CoreV1.ListNamespaceAsync()).Items.All(n => n.Metadata.Name != ns), "namespace removed");
    }

    [Fact]
    public async Task CreatingInTerminatingNamespaceIsForbidden()
    {
        var ns = await NewNamespace();
        var cm = ConfigMap("held");
        cm.Metadata.Finalizers = ["example.com/hold"];
        await Client.CoreV1.CreateNamespacedConfigMapAsync(cm, ns);
        await Client.CoreV1.DeleteNamespaceAsync(ns);
        var (code, status) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("late"), ns));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal($"configmaps \"late\" is forbidden: unable to create new content in namespace {ns} because it is being terminated", status["message"]!.ToString());
        Assert.Equal("NamespaceTerminating", status["details"]!["causes"]![0]!["reason"]!.ToString());
    }

    [Fact]
    public async Task DeleteCollectionWithSelector()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a", labels: new Dictionary<string, string> { ["x"] = "1" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("b", labels: new Dictionary<string, string> { ["x"] = "1" }), ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("c"), ns);
        await Client.CoreV1.DeleteCollectionNamespacedConfigMapAsync(ns, labelSelector: "x=1");
        Assert.Equal(["c"], (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Select(i => i.Metadata.Name));
    }

    [Fact]
    public async Task InvalidPropagationPolicyIs422()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (code, _) = await Failure(() => Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns, propagationPolicy: "Sideways"));
        Assert.Equal((HttpStatusCode)422, code);
    }
}
