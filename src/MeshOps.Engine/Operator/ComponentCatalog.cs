namespace MeshOps.Engine.Operator;

/// <summary>
/// One Istio component as istioctl's translator knows it (operator/pkg/translate/translate.go ComponentMaps):
/// its chart, its root in the Helm values, and the main resource that <c>k8s:</c> settings patch.
/// </summary>
internal sealed record ComponentInfo(
    string Name,
    string SpecKey,
    string HelmSubdir,
    string ValuesRoot,
    string? ResourceType,
    string? ResourceName,
    string? ContainerName,
    bool FlattenValues = false,
    bool IsGateway = false);

/// <summary>The components of istioctl 1.18.5, in its rendering order.</summary>
internal static class ComponentCatalog
{
    public static readonly ComponentInfo Base = new("Base", "base", "base", "global", null, null, null);
    public static readonly ComponentInfo Pilot = new("Pilot", "pilot", "istio-control/istio-discovery", "pilot", "Deployment", "istiod", "discovery");
    public static readonly ComponentInfo Cni = new("Cni", "cni", "istio-cni", "cni", "DaemonSet", "istio-cni-node", "install-cni");
    public static readonly ComponentInfo IstiodRemote = new("IstiodRemote", "istiodRemote", "istiod-remote", "global", null, null, null);
    public static readonly ComponentInfo Ztunnel = new("Ztunnel", "ztunnel", "ztunnel", "ztunnel", "DaemonSet", "ztunnel", "istio-proxy", FlattenValues: true);
    public static readonly ComponentInfo Ingress = new("IngressGateways", "ingressGateways", "gateways/istio-ingress", "gateways.istio-ingressgateway", "Deployment", "istio-ingressgateway", "istio-proxy", IsGateway: true);
    public static readonly ComponentInfo Egress = new("EgressGateways", "egressGateways", "gateways/istio-egress", "gateways.istio-egressgateway", "Deployment", "istio-egressgateway", "istio-proxy", IsGateway: true);

    /// <summary>name.AllCoreComponentNames order.</summary>
    public static readonly IReadOnlyList<ComponentInfo> Core = new[] { Base, Pilot, Cni, IstiodRemote, Ztunnel };

    /// <summary>Every component name a user may pick (name.AllComponentNames minus the operator's own).</summary>
    public static readonly IReadOnlyList<ComponentInfo> All = new[] { Base, Pilot, Cni, IstiodRemote, Ztunnel, Ingress, Egress };

    public static ComponentInfo? ByName(string name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>The folder hierarchy of <c>istioctl manifest generate -o</c> (helmreconciler InstallTree).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> InstallTreeChildren = new Dictionary<string, string[]>
    {
        ["Base"] = new[] { "Pilot" },
        ["Pilot"] = new[] { "Cni", "IngressGateways", "EgressGateways" },
    };
}
