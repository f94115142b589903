using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Charts;

/// <summary>How <see cref="HelmRenderer"/> renders; defaults are those of <c>helm template</c> (Helm 4.1).</summary>
public sealed class RenderOptions
{
    /// <summary>The Kubernetes version Helm 4.1.4 assumes without a cluster (its client-go is v0.35.1).</summary>
    public const string DefaultKubeVersion = "v1.35.0";

    /// <summary>.Release.Name (helm template uses "release-name").</summary>
    public string ReleaseName { get; init; } = "release-name";

    /// <summary>.Release.Namespace.</summary>
    public string Namespace { get; init; } = "default";

    /// <summary>.Release.Revision.</summary>
    public int Revision { get; init; } = 1;

    /// <summary>.Release.IsInstall (helm template: true unless --is-upgrade).</summary>
    public bool IsInstall { get; init; } = true;

    /// <summary>.Release.IsUpgrade.</summary>
    public bool IsUpgrade { get; init; }

    /// <summary>.Capabilities.KubeVersion, e.g. "v1.29.3" or "1.29", read as helm template --kube-version reads it.</summary>
    public string KubeVersion { get; init; } = DefaultKubeVersion;

    /// <summary>
    /// .Capabilities.KubeVersion exactly as given, e.g. a cluster's /version (<see cref="HelmKubeVersion.Helm3"/>);
    /// when set it is used instead of <see cref="KubeVersion"/>.
    /// </summary>
    public HelmKubeVersion? KubeVersionInfo { get; init; }

    /// <summary>
    /// The Helm build the render imitates: .Capabilities.HelmVersion, the API versions it assumes without a cluster
    /// and its type names. Helm 4.1.4 by default; istioctl's embedded Helm is <c>Operator.IstioctlCapabilities.Helm</c>.
    /// </summary>
    public HelmBuild Helm { get; init; } = HelmBuild.Helm4_1_4;

    /// <summary>Extra .Capabilities.APIVersions (helm template --api-versions), added to Helm's built-in list.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = Array.Empty<string>();

    /// <summary>Put the crds/ files first in <see cref="HelmTemplateWriter"/>'s output (--include-crds).</summary>
    public bool IncludeCrds { get; init; }

    /// <summary>Fail on missing map keys (--strict: missingkey=error) instead of printing nothing.</summary>
    public bool Strict { get; init; }

    /// <summary>Do not check values against values.schema.json (--skip-schema-validation).</summary>
    public bool SkipSchemaValidation { get; init; }

    /// <summary>
    /// The mergo rules of merge/mergeOverwrite: Helm 4's (default) or <see cref="MergoCompatibility.V0_3_5"/> for istioctl 1.18.5 parity.
    /// </summary>
    public MergoCompatibility MergoCompatibility { get; init; } = MergoCompatibility.Current;

    /// <summary>
    /// The Masterminds/semver release whose constraints semverCompare, kubeVersion and dependency versions follow:
    /// Helm 4's (default) or <see cref="Versions.SemverCompatibility.V3_3"/> for istioctl before 1.28.
    /// </summary>
    public Versions.SemverCompatibility SemverCompatibility { get; init; } = Versions.SemverCompatibility.Current;

    /// <summary>
    /// Receives the warnings Helm logs while it coalesces values (<c>warning: skipped value for a.b: Not a table.</c>,
    /// <c>warning: destination for a.b is a table. Ignoring non-table value (x)</c>); Helm may report one more than once.
    /// </summary>
    public Action<string>? Warning { get; init; }

    /// <summary>Stops a long render between and inside templates.</summary>
    public CancellationToken CancellationToken { get; init; }
}
