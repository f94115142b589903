using System.Management.Automation;
using MeshOps.Cmdlets.Completers;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// The parameters that pick an Istio release, declared once for every rendering cmdlet. Cmdlets hand this object to
/// PowerShell as their dynamic parameters (<see cref="IDynamicParameters"/>): C# gives a class one base, and
/// Install-MeshControlPlane's is the cluster cmdlet's, so a parameter object is what all of them can share.
/// </summary>
public class ReleaseParameters
{
    /// <summary>The manifests folder of an Istio release (charts/ and profiles/), as istioctl --manifests.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ManifestsPath { get; set; }

    /// <summary>An Istio release saved with Save-MeshRelease, instead of -ManifestsPath.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CachedReleaseVersionCompleter))]
    public string? Version { get; set; }
}
