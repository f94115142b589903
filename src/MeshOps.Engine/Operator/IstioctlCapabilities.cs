using MeshOps.Engine.Kube;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Operator;

/// <summary>
/// The .Capabilities istioctl 1.18.5 renders charts with (operator/pkg/helm/helm.go renderChart): a copy of Helm
/// v3.11.2's chartutil.DefaultCapabilities whose KubeVersion is "1." + k8sversion.MinK8SVersion (24) + ".0" without a
/// cluster (manifest generate), or the cluster's /version as given when there is one (install). The API versions are
/// never discovered: they stay Helm's DefaultVersionSet.
/// </summary>
internal static class IstioctlCapabilities
{
    /// <summary>chartutil.ParseKubeVersion("1.24.0"): Version "v1.24.0", Major "1", Minor "24".</summary>
    public const string DefaultKubeVersion = "v1.24.0";

    /// <summary>
    /// chartutil.DefaultVersionSet (allKnownVersions): the group versions of client-go v0.27.0's kubernetes/scheme
    /// (the client-go istio 1.18.5's go.mod selects) plus apiextensions.k8s.io v1beta1 and v1.
    /// </summary>
    public static readonly IReadOnlyList<string> ApiVersions = new[]
    {
        "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1", "apps/v1beta2", "authentication.k8s.io/v1",
        "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1", "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1",
        "certificates.k8s.io/v1", "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1beta1",
        "coordination.k8s.io/v1", "v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1", "events.k8s.io/v1", "events.k8s.io/v1beta1",
        "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1alpha1", "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1",
        "networking.k8s.io/v1alpha1", "networking.k8s.io/v1beta1", "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
        "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1",
        "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1alpha2", "scheduling.k8s.io/v1alpha1", "scheduling.k8s.io/v1beta1",
        "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1", "storage.k8s.io/v1alpha1",
        "apiextensions.k8s.io/v1beta1", "apiextensions.k8s.io/v1",
    };

    /// <summary>
    /// istioctl's embedded Helm 3 (chartutil types, BuildInfo without KubeClientVersion). HelmVersion keeps the values
    /// MeshOps has always rendered Istio with; Istio 1.18.5's charts never read it.
    /// </summary>
    public static readonly HelmBuild Helm = new()
    {
        Package = HelmBuild.Helm3Package,
        Version = new HelmVersionInfo { Version = "v3.12.3", GoVersion = "go1.20.7" },
        DefaultApiVersions = ApiVersions,
    };

    /// <summary>.Capabilities.KubeVersion for a render: the cluster's when known, else the minimum the release's istioctl supports.</summary>
    public static HelmKubeVersion KubeVersion(KubernetesVersion? cluster, IstioctlRelease release)
    {
        if (cluster != null) return HelmKubeVersion.Helm3(cluster.GitVersion, cluster.Major, cluster.Minor);
        var minor = release.DefaultKubernetesMinor.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return HelmKubeVersion.Helm3("v1." + minor + ".0", "1", minor);
    }
}
