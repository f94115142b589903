namespace MeshOps.Engine.Tests.Charts;

/// <summary>The Istio 1.18.5 charts under release/manifests/charts.</summary>
internal static class IstioCharts
{
    public static readonly string[] All =
    {
        "base", "istio-control/istio-discovery", "gateways/istio-ingress", "gateways/istio-egress", "istio-cni",
        "ztunnel", "gateway", "istiod-remote", "default", "istio-operator",
    };
}
