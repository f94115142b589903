using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Charts;

/// <summary>How <see cref="HelmRenderer"/> renders; defaults are those of <c>helm template</c> (Helm 4.1).</summary>
public sealed class RenderOptions
{
    /// <summary>The Kubernetes version Helm 4.1 assumes without a cluster (from its client-go v0.35).</summary>
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

    /// <summary>.Capabilities.KubeVersion, e.g. "v1.29.3" or "1.29" (helm template --kube-version).</summary>
    public string KubeVersion { get; init; } = DefaultKubeVersion;

    /// <summary>
    /// .Capabilities.KubeVersion exactly as given, e.g. a cluster's /version (<see cref="HelmKubeVersion.FromServer"/>);
    /// when set it is used instead of <see cref="KubeVersion"/>.
    /// </summary>
    public HelmKubeVersion? KubeVersionInfo { get; init; }

    /// <summary>
    /// The .Capabilities.APIVersions a Helm build assumes without asking a cluster (its client-go scheme); null for
    /// <see cref="HelmCapabilities.DefaultApiVersions"/>. istioctl's own list is <c>Operator.IstioctlCapabilities</c>.
    /// </summary>
    public IReadOnlyList<string>? BuiltInApiVersions { get; init; }

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

    /// <summary>Stops a long render between and inside templates.</summary>
    public CancellationToken CancellationToken { get; init; }
}
