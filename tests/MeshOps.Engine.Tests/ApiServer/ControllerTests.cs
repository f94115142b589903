using k8s;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class ControllerTests : ApiServerTestBase
{
    protected override TestApiServerOptions Options()
    {
        var o = new TestApiServerOptions { WorkloadReadyDelay = TimeSpan.FromMilliseconds(50) };
        o.NeverReady.Add("stuck-*");
        return o;
    }

    async Task<V1Deployment> WaitDeploymentReady(string ns, string name)
    {
        V1Deployment d = null!;
        await Eventually(async () =>
        {
            d = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
            return d.Status?.ObservedGeneration == d.Metadata.Generation && d.Status.ReadyReplicas == d.Spec.Replicas;
        }, $"deployment {name} ready");
        return d;
    }

    [Fact]
    public async Task DeploymentBecomesReadyWithRealStatusShape()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), ns);
        var d = await WaitDeploymentReady(ns, "web");
        Assert.Equal(2, d.Status.Replicas);
        Assert.Equal(2, d.Status.UpdatedReplicas);
        Assert.Equal(2, d.Status.AvailableReplicas);
        Assert.Contains(d.Status.Conditions, c => c.Type == "Available" && c.Status == "True" && c.Reason == "MinimumReplicasAvailable");
        Assert.Contains(d.Status.Conditions, c => c.Type == "Progressing" && c.Status == "True" && c.Reason == "NewReplicaSetAvailable");
        Assert.Contains(d.Metadata.ManagedFields, m => m.Manager == "kube-controller-manager" && m.Subresource == "status");
    }

    [Fact]
    public async Task DeploymentGetsReplicaSetAndPodsWithLabelsAndOwners()
    {
        var ns = await NewNamespace();
        var created = await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 2), ns);
        await WaitDeploymentReady(ns, "web");
        var rs = Assert.Single((await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items);
        Assert.StartsWith("web-", rs.Metadata.Name);
        Assert.Equal(created.Metadata.Uid, rs.Metadata.OwnerReferences.Single().Uid);
        Assert.True(rs.Metadata.OwnerReferences.Single().Controller);
        var pods = (await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items;
        Assert.Equal(2, pods.Count);
        foreach (var pod in pods)
        {
            Assert.Equal(rs.Metadata.Uid, pod.Metadata.OwnerReferences.Single().Uid);
            Assert.Equal("ReplicaSet", pod.Metadata.OwnerReferences.Single().Kind);
            Assert.Equal(rs.Metadata.Labels["pod-template-hash"], pod.Metadata.Labels["pod-template-hash"]);
            await Eventually(async () => (await Client.CoreV1.ReadNamespacedPodAsync(pod.Metadata.Name, ns)).Status.Phase == "Running", "pod running");
        }
        var running = await Client.CoreV1.ReadNamespacedPodAsync(pods[0].Metadata.Name, ns);
        Assert.True(running.Status.ContainerStatuses.Single().Ready);
        Assert.NotNull(running.Status.ContainerStatuses.Single().State.Running);
        Assert.Contains(running.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
    }

    [Fact]
    public async Task NeverReadyDeploymentHasWaitingPods()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("stuck-web"), ns);
        await Eventually(async () => (await Client.AppsV1.ReadNamespacedDeploymentAsync("stuck-web", ns)).Status?.ObservedGeneration == 1, "status observed");
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Any(p => p.Status?.ContainerStatuses?.Count > 0), "pod status");
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("stuck-web", ns);
        Assert.Null(d.Status.ReadyReplicas);
        Assert.Equal(1, d.Status.UnavailableReplicas);
        Assert.Contains(d.Status.Conditions, c => c.Type == "Available" && c.Status == "False");
        var pod = Assert.Single((await Client.CoreV1.ListNamespacedPodAsync(ns)).Items);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal("ImagePullBackOff", pod.Status.ContainerStatuses.Single().State.Waiting.Reason);
    }

    [Fact]
    public async Task NeverReadyPatternCanBeChangedAtRunTime()
    {
        var ns = await NewNamespace();
        Server.Controllers.AddNeverReady($"{ns}/late");
        Server.Controllers.NeverReadyReason = "CrashLoopBackOff";
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("late"), ns);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Any(p => p.Status?.ContainerStatuses?.FirstOrDefault()?.State?.Waiting?.Reason == "CrashLoopBackOff"), "waiting pod");
        Server.Controllers.ClearNeverReady();
        await WaitDeploymentReady(ns, "late");
    }

    [Fact]
    public async Task SpecChangeRollsANewReplicaSetAndBumpsObservedGeneration()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        await WaitDeploymentReady(ns, "web");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", ns);
        var d = await WaitDeploymentReady(ns, "web");
        Assert.Equal(2, d.Status.ObservedGeneration);
        var sets = (await Client.AppsV1.ListNamespacedReplicaSetAsync(ns)).Items;
        Assert.Equal(2, sets.Count);
        Assert.Single(sets, s => s.Spec.Replicas == 1);
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 1, "old pods gone");
        Assert.Equal("nginx:2", (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Single().Spec.Containers[0].Image);
    }

    [Fact]
    public async Task DaemonSetReportsScheduledAndReady()
    {
        var ns = await NewNamespace();
        var labels = new Dictionary<string, string> { ["app"] = "agent" };
        await Client.AppsV1.CreateNamespacedDaemonSetAsync(new V1DaemonSet
        {
            Metadata = new V1ObjectMeta { Name = "agent" },
            Spec = new V1DaemonSetSpec
            {
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "a", Image = "agent" }] } },
            },
        }, ns);
        await Eventually(async () => (await Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns)).Status?.NumberReady == 1, "daemonset ready");
        var ds = await Client.AppsV1.ReadNamespacedDaemonSetAsync("agent", ns);
        Assert.Equal(1, ds.Status.DesiredNumberScheduled);
        Assert.Equal(1, ds.Status.UpdatedNumberScheduled);
        Assert.Equal(1, ds.Status.ObservedGeneration);
        Assert.Single((await Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=agent")).Items);
    }

    [Fact]
    public async Task StatefulSetGetsOrdinalPods()
    {
        var ns = await NewNamespace();
        var labels = new Dictionary<string, string> { ["app"] = "db" };
        await Client.AppsV1.CreateNamespacedStatefulSetAsync(new V1StatefulSet
        {
            Metadata = new V1ObjectMeta { Name = "db" },
            Spec = new V1StatefulSetSpec
            {
                Replicas = 2, ServiceName = "db",
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "db", Image = "db" }] } },
            },
        }, ns);
        await Eventually(async () => (await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns)).Status?.ReadyReplicas == 2, "statefulset ready");
        Assert.Equal(["db-0", "db-1"], (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Select(p => p.Metadata.Name).Order());
        var sts = await Client.AppsV1.ReadNamespacedStatefulSetAsync("db", ns);
        Assert.Equal(sts.Status.CurrentRevision, sts.Status.UpdateRevision);
    }

    [Fact]
    public async Task DisabledControllersActOnlyWhenSteppedByHand()
    {
        Server.Controllers.Enabled = false;
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web"), ns);
        Assert.Null((await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Status);
        Assert.Empty((await Client.CoreV1.ListNamespacedPodAsync(ns)).Items);
        Server.Objects.RunControllersOnce();
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        Assert.Equal(1, d.Status.ObservedGeneration);
        Assert.Single((await Client.CoreV1.ListNamespacedPodAsync(ns)).Items);
    }

    [Fact]
    public async Task ScalingDownRemovesPods()
    {
        var ns = await NewNamespace();
        await Client.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", replicas: 3), ns);
        await WaitDeploymentReady(ns, "web");
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await WaitDeploymentReady(ns, "web");
        await Eventually(async () => (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 1, "scaled down");
    }
}
