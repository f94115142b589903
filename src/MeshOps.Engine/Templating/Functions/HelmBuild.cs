namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// A Helm build as its charts see it: .Capabilities.HelmVersion, the API versions it assumes without a cluster,
/// and the Go package its capability types come from (their names show in %T and in template errors).
/// </summary>
public sealed class HelmBuild
{
    /// <summary>Helm 4's package for Capabilities, KubeVersion and VersionSet (helm.sh/helm/v4/pkg/chart/common).</summary>
    public const string Helm4Package = "common";

    /// <summary>Helm 3's package for them (helm.sh/helm/v3/pkg/chartutil).</summary>
    public const string Helm3Package = "chartutil";

    /// <summary>Go package name of the Capabilities and VersionSet types: <see cref="Helm4Package"/> or <see cref="Helm3Package"/>.</summary>
    public required string Package { get; init; }

    /// <summary>.Capabilities.HelmVersion.</summary>
    public required HelmVersionInfo Version { get; init; }

    /// <summary>
    /// DefaultVersionSet: the group/versions of the build's client-go kubernetes/scheme in its priority order, then
    /// apiextensions.k8s.io v1beta1 and v1 (chartutil allKnownVersions); helm template adds --api-versions after them.
    /// </summary>
    public required IReadOnlyList<string> DefaultApiVersions { get; init; }

    /// <summary>
    /// Helm 4.1.4 (the reference for Expand-MeshChart), as <c>helm version</c> prints it and <c>helm template</c>
    /// shows it to charts; its client-go is v0.35.1, so KubeClientVersion is v1.35 and the default KubeVersion v1.35.0.
    /// </summary>
    public static HelmBuild Helm4_1_4 { get; } = new()
    {
        Package = Helm4Package,
        Version = new HelmVersionInfo
        {
            Version = "v4.1.4",
            GitCommit = "05fa37973dc9e42b76e1d2883494c87174b6074f",
            GitTreeState = "clean",
            GoVersion = "go1.25.9",
            KubeClientVersion = "v1.35",
        },
        DefaultApiVersions = new[]
        {
            "v1", "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1",
            "admissionregistration.k8s.io/v1beta1", "internal.apiserver.k8s.io/v1alpha1", "apps/v1", "apps/v1beta1",
            "apps/v1beta2", "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
            "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1", "autoscaling/v1", "autoscaling/v2",
            "autoscaling/v2beta1", "autoscaling/v2beta2", "batch/v1", "batch/v1beta1", "certificates.k8s.io/v1",
            "certificates.k8s.io/v1beta1", "certificates.k8s.io/v1alpha1", "coordination.k8s.io/v1alpha2",
            "coordination.k8s.io/v1beta1", "coordination.k8s.io/v1", "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
            "events.k8s.io/v1", "events.k8s.io/v1beta1", "extensions/v1beta1", "flowcontrol.apiserver.k8s.io/v1",
            "flowcontrol.apiserver.k8s.io/v1beta1", "flowcontrol.apiserver.k8s.io/v1beta2",
            "flowcontrol.apiserver.k8s.io/v1beta3", "networking.k8s.io/v1", "networking.k8s.io/v1beta1", "node.k8s.io/v1",
            "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1", "policy/v1", "policy/v1beta1", "rbac.authorization.k8s.io/v1",
            "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1", "resource.k8s.io/v1",
            "resource.k8s.io/v1beta2", "resource.k8s.io/v1beta1", "resource.k8s.io/v1alpha3", "scheduling.k8s.io/v1alpha1",
            "scheduling.k8s.io/v1beta1", "scheduling.k8s.io/v1", "storage.k8s.io/v1beta1", "storage.k8s.io/v1",
            "storage.k8s.io/v1alpha1", "storagemigration.k8s.io/v1beta1", "apiextensions.k8s.io/v1beta1",
            "apiextensions.k8s.io/v1",
        },
    };
}
