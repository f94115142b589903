using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// What an install writes beside the manifests follows the release: istioctl 1.18-1.20 save installed-state, 1.21-1.23
/// delete the one an older istioctl saved, 1.24+ neither.
/// </summary>
public sealed class ReleaseFamilyInstallTests : ClusterTestBase
{
    [SharedFact]
    public async Task Install_1_28_SavesNoInstalledState_ButKeepsTheInstallRecord()
    {
        var generate = new GenerateRequest
        {
            Version = IstioVersion.Parse("1.28.10"),
            ManifestsPath = Path.Combine(SharedData.Require(), "istio", "1.28.10", "release", "manifests"),
            Profile = "minimal",
            Revision = "1-28-10",
        };
        using var cluster = new MeshCluster(Connect());
        var result = await new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = generate, SkipWait = true, PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30),
        }, default);

        Assert.Equal("1.28.10", result.Manifest.IstioVersion.ToString());
        Assert.False(result.Manifest.WritesInstalledState);
        Assert.DoesNotContain(Server.RequestLog.Entries, e => e.Path.Contains("istiooperators", StringComparison.Ordinal) && e.Method != "GET");
        Assert.NotNull(result.Record);
        Assert.Equal("1.28.10", result.Record!.IstioVersion);
        Assert.Contains(result.Manifest.Objects, o => o.Kind == "Deployment" && o.Name == "istiod-1-28-10");
    }

    [SharedFact]
    public async Task Install_1_22_OverA_1_20_Install_DeletesItsInstalledState_AsIstioctl122Does()
    {
        using var cluster = new MeshCluster(Connect());
        await InstallAsync(cluster, "1.20.8");
        var path = "/apis/install.istio.io/v1alpha1/namespaces/istio-system/istiooperators/installed-state-canary";
        Assert.NotNull(Get("install.istio.io/v1alpha1", "IstioOperator", Ns, "installed-state-canary"));

        Server.RequestLog.Clear();
        var result = await InstallAsync(cluster, "1.22.8");
        Assert.False(result.Manifest.WritesInstalledState);
        Assert.True(result.Manifest.DeletesInstalledState);
        Assert.Null(Get("install.istio.io/v1alpha1", "IstioOperator", Ns, "installed-state-canary"));
        Assert.Single(Server.RequestLog.Entries, e => e.Path == path && e.Verb == "delete");
        Assert.Equal("1.22.8", result.Record!.IstioVersion);

        // Run again: nothing left to delete, and nothing else is written for it.
        Server.RequestLog.Clear();
        await InstallAsync(cluster, "1.22.8");
        Assert.DoesNotContain(Server.RequestLog.Entries, e => e.Path.Contains("istiooperators", StringComparison.Ordinal) && e.Verb is not ("get" or "list" or "delete"));
    }

    private Task<InstallResult> InstallAsync(MeshCluster cluster, string version) =>
        new ControlPlaneInstaller(cluster, Host).InstallAsync(new InstallRequest
        {
            Manifest = new GenerateRequest
            {
                Version = IstioVersion.Parse(version),
                ManifestsPath = Path.Combine(SharedData.Require(), "istio", version, "release", "manifests"),
                Profile = "minimal",
                Revision = "canary",
            },
            SkipWait = true, PollInterval = TimeSpan.FromMilliseconds(20), Timeout = TimeSpan.FromSeconds(30),
        }, default);
}
