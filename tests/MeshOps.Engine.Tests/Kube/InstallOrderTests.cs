using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class InstallOrderTests
{
    [Fact]
    public void PhasesFollowIstioctl()
    {
        var comps = new[] { "Ztunnel", "Cni", "IngressGateways", "Pilot", "Base", "EgressGateways", "Custom" }
            .Select(n => new ComponentManifest(n, [])).ToList();
        var phases = InstallOrder.Phased(comps).Select(p => string.Join(",", p.Select(c => c.ComponentName))).ToList();
        Assert.Equal(["Base", "Pilot", "Cni,IngressGateways,EgressGateways", "Ztunnel", "Custom"], phases);
    }
}
