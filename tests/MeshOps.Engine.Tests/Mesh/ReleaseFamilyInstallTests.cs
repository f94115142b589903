using MeshOps.Engine.Mesh;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>What an install writes beside the manifests follows the release: istioctl 1.24+ saves no installed-state.</summary>
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
}
