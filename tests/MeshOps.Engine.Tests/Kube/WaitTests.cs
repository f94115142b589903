using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class WaitTests : ClusterTestBase
{
    [Fact]
    public async Task DeploymentsDaemonSetsAndStatefulSetsAreWaitedFor()
    {
        Server.Controllers.WorkloadReadyDelay = TimeSpan.FromMilliseconds(400);
        var sts = Obj("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db"},
             "spec":{"replicas":1,"serviceName":"db","selector":{"matchLabels":{"app":"db"}},"template":{"metadata":{"labels":{"app":"db"}},"spec":{"containers":[{"name":"db","image":"db:1"}]}}}}
            """);
        await ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary", replicas: 2), DaemonSet("istio-cni-node"), sts)));
        // Returned only after they are ready.
        Assert.Null(RolloutStatus.NotReadyReason("Deployment", Get("apps/v1", "Deployment", Ns, "istiod-canary")!));
        Assert.Null(RolloutStatus.NotReadyReason("DaemonSet", Get("apps/v1", "DaemonSet", Ns, "istio-cni-node")!));
        Assert.Null(RolloutStatus.NotReadyReason("StatefulSet", Get("apps/v1", "StatefulSet", Ns, "db")!));
    }

    [Fact]
    public async Task ANeverReadyDeploymentTimesOutNamingItAndItsPodsReason()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        Server.Controllers.NeverReadyReason = "ImagePullBackOff";
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(
            Component("Pilot", Deployment("istiod-canary", "istio/pilot:does-not-exist"), Deployment("fine"))) with { Timeout = TimeSpan.FromSeconds(1) }));
        Assert.Equal("RolloutTimeout", e.ErrorId);
        Assert.Equal(MeshErrorKind.OperationTimeout, e.Kind);
        Assert.Contains("Deployment istio-system/istiod-canary", e.Message);
        Assert.Contains("ImagePullBackOff", e.Message);
        Assert.DoesNotContain("istio-system/fine", e.Message);
    }

    [Fact]
    public async Task ANeverReadyDaemonSetTimesOutNamingItItsCountsAndItsPodsReason()
    {
        // ztunnel and istio-cni-node of the ambient profile: a DaemonSet whose pods never get ready holds the install.
        Server.Controllers.Nodes = 2;
        Server.Controllers.AddNeverReady("ztunnel");
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(
            Component("Cni", DaemonSet("istio-cni-node")), Component("Ztunnel", DaemonSet("ztunnel"))) with { Timeout = TimeSpan.FromSeconds(1) }));
        Assert.Equal("RolloutTimeout", e.ErrorId);
        Assert.Equal(MeshErrorKind.OperationTimeout, e.Kind);
        Assert.Contains("DaemonSet istio-system/ztunnel: 0 of 2 updated pods are available", e.Message);
        Assert.Contains("ImagePullBackOff", e.Message);
        Assert.DoesNotContain("istio-cni-node", e.Message);
        var ds = Get("apps/v1", "DaemonSet", Ns, "ztunnel")!;
        Assert.Equal(2, RolloutStatus.Long(ds["status"]?["desiredNumberScheduled"]));
        Assert.Equal(0, RolloutStatus.Long(ds["status"]?["numberReady"]));
    }

    [Fact]
    public async Task SkipWaitReturnsWithoutWaiting()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        var result = await ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))) with { SkipWait = true, Timeout = TimeSpan.FromSeconds(1) });
        Assert.Equal(ApplyAction.Create, result.Objects.Single(o => o.Kind == "Deployment").Action);
    }

    [Fact]
    public async Task LaterPhasesStartOnlyAfterEarlierWorkloadsAreReady()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(
            Component("Pilot", Deployment("istiod-canary")),
            Component("IngressGateways", Deployment("istio-ingressgateway"))) with { Timeout = TimeSpan.FromMilliseconds(500) }));
        Assert.Null(Get("apps/v1", "Deployment", Ns, "istio-ingressgateway"));
    }

    [Fact]
    public async Task CrdsThatNeverEstablishTimeOut()
    {
        Server.Controllers.CrdEstablishDelay = TimeSpan.FromHours(1);
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Base", Crd("envoyfilters", "EnvoyFilter"))) with { Timeout = TimeSpan.FromMilliseconds(500) }));
        Assert.Equal("CrdNotEstablished", e.ErrorId);
        Assert.Contains("envoyfilters.networking.istio.io", e.Message);
    }

    [Fact]
    public async Task AnUnchangedWorkloadThatIsNotReadyIsStillWaitedFor()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        await ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))) with { SkipWait = true });
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))) with { Timeout = TimeSpan.FromMilliseconds(500) }));
        Assert.Equal("RolloutTimeout", e.ErrorId);
        Assert.Contains("Deployment istio-system/istiod-canary", e.Message);
    }
}
