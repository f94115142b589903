using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Operator;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// What Export-MeshManifest and Install-MeshControlPlane render from, declared once (istioctl's -f, --set, profile,
/// revision, namespace and release); a new rendering parameter is added here and reaches both.
/// </summary>
public sealed class RenderParameters : ReleaseParameters
{
    /// <summary>IstioOperator files, overlaid in order (istioctl -f). Accepts file names and Get-ChildItem output from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "Filename")]
    [ValidateNotNullOrEmpty]
    [NotFromClusterInfo]
    public string[]? Path { get; set; }

    /// <summary>Settings in istioctl's --set syntax (values.a.b=c, meshConfig.x=y, components.pilot.k8s.replicaCount=2).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Set { get; set; }

    /// <summary>A profile name (default, minimal, demo, ...) or a profile file; wins over spec.profile.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? Profile { get; set; }

    /// <summary>The control-plane revision (spec.revision).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Revision { get; set; }

    /// <summary>The control-plane namespace; like --set values.global.istioNamespace=NS, it moves istiod and the install record.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateKubernetesName]
    public string? Namespace { get; set; }

    /// <summary>The request these parameters make, for the files gathered from -Path and the located release.</summary>
    internal GenerateRequest ToRequest(IReadOnlyList<string> files, LocatedManifests manifests, string workingDirectory, bool force,
        IReadOnlyList<string>? components = null) => new()
    {
        Files = files,
        SetValues = Set ?? Array.Empty<string>(),
        Profile = Profile,
        Revision = Revision,
        Namespace = Namespace,
        ManifestsPath = manifests.Path,
        Version = manifests.Version,
        Components = components ?? Array.Empty<string>(),
        Force = force,
        WorkingDirectory = workingDirectory,
    };
}
