using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Inputs of <see cref="ManifestGenerator.Generate"/>, mirroring <c>istioctl manifest generate</c>:
/// <c>-f</c> files, <c>--set</c> values, <c>--revision</c>, <c>--manifests</c>, <c>--component</c>, <c>--force</c>.
/// </summary>
public sealed record GenerateRequest
{
    /// <summary>IstioOperator files, overlaid in order (istioctl -f).</summary>
    public IReadOnlyList<string> Files { get; init; } = Array.Empty<string>();

    /// <summary>path=value pairs in istioctl's --set syntax, applied in order after the files.</summary>
    public IReadOnlyList<string> SetValues { get; init; } = Array.Empty<string>();

    /// <summary>Profile name or profile file path; the same as --set profile=NAME (wins over the files).</summary>
    public string? Profile { get; init; }

    /// <summary>The same as --set revision=REV (istioctl --revision).</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// The same as --set values.global.istioNamespace=NS: moves the control plane (unless spec.namespace or a
    /// component namespace says otherwise) and metadata.namespace.
    /// </summary>
    public string? Namespace { get; init; }

    /// <summary>The manifests folder (charts/ and profiles/); the same as --set installPackagePath=PATH (istioctl --manifests).</summary>
    public string? ManifestsPath { get; init; }

    /// <summary>Only these components (Base, Pilot, Cni, IstiodRemote, Ztunnel, IngressGateways, EgressGateways); empty for all.</summary>
    public IReadOnlyList<string> Components { get; init; } = Array.Empty<string>();

    /// <summary>Report validation errors as warnings and go on, as istioctl --force does.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// The Istio release the manifests are (-Version): its istioctl's rules apply. Null when the manifests folder tells
    /// its own (a release archive); a folder that cannot tell (a development copy) then fails with ManifestsVersionUnknown.
    /// The images are always the ones the manifests and the user's input name: no release's hub and tag are laid over them.
    /// </summary>
    public IstioVersion? Version { get; init; }

    /// <summary>
    /// The cluster's /version to render with, as istioctl install does; null renders for Kubernetes 1.24.0 as
    /// istioctl manifest generate does (chart branches such as the HPA and PDB apiVersion depend on it).
    /// </summary>
    public Kube.KubernetesVersion? KubernetesVersion { get; init; }

    /// <summary>The working folder relative paths (files, manifests) are resolved against; the process's current folder when null.</summary>
    public string? WorkingDirectory { get; init; }
}
