using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Tests.Kube;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Install renders with the cluster's /version, as istioctl install does (manifest generate uses 1.24.0): on a 1.22
/// GKE cluster istiod's HPA is autoscaling/v2beta2 and CNI uses GKE's bin folder.
/// </summary>
public sealed class ControlPlaneInstallerVersionTests : ClusterTestBase
{
    protected override TestApiServerOptions Options => new()
    {
        WorkloadReadyDelay = TimeSpan.FromMilliseconds(20), CrdEstablishDelay = TimeSpan.FromMilliseconds(20),
        KubernetesVersion = new KubernetesVersionInfo("v1.22.17-gke.1900", "1", "22+"),
    };

    [SharedFact]
    public async Task Install_RendersForTheServersVersion()
    {
        var generate = new GenerateRequest { Version = SharedData.Release1185, ManifestsPath = SharedData.ReleaseManifests, Profile = "minimal", SetValues = new[] { "components.cni.enabled=true" } };
        using var cluster = new MeshCluster(Connect());
        var result = await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = generate, SkipWait = true, PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30),
        }, default);

        // /version is read before anything is written (discovery and the webhook list go with it, while the manifest renders).
        var beforeWrites = Server.RequestLog.Entries.TakeWhile(e => e.Method == "GET").Select(e => (e.Method, e.Path)).ToList();
        Assert.Contains(("GET", "/version"), beforeWrites);
        Assert.Equal("autoscaling/v2beta2", result.Manifest.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler").ApiVersion);
        var stored = Server.Objects.Get("autoscaling/v2beta2", "HorizontalPodAutoscaler", "istio-system", "istiod");
        Assert.NotNull(stored);
        var cni = Server.Objects.Get("v1", "ConfigMap", "istio-system", "istio-cni-config")!;
        Assert.Contains("\"cni_bin_dir\": \"/home/kubernetes/bin\"", cni["data"]!["cni_network_config"]!.GetValue<string>());

        // The same input without a cluster renders as istioctl manifest generate: Kubernetes 1.24.
        var offline = ManifestGenerator.Generate(generate, Host);
        Assert.Equal("autoscaling/v2", offline.Objects.Single(o => o.Kind == "HorizontalPodAutoscaler").ApiVersion);
    }
}
