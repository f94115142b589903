using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Which release's MeshConfig rules Set-MeshConfig checks a revision's settings with: the release the revision runs,
/// as Get-MeshRevision reports it (install record, else istiod's image tag, else its version labels). istiod of that
/// release is what reads the ConfigMap, so a field its release added is fine there and one a later release added is
/// not. A revision that does not tell its release is checked with the newest rules MeshOps knows, and says so.
/// </summary>
internal static class MeshConfigRelease
{
    /// <summary>The schema to check <paramref name="revision"/>'s settings with, and a warning when it is a guess.</summary>
    public static (OperatorSchema Schema, string? Warning) For(RevisionInfo revision)
    {
        if (IstioVersion.TryParse(revision.IstioVersion, out var version))
            return (OperatorSchema.For(IstioctlRelease.For(version!)), null);
        var newest = OperatorSchema.Newest;
        var told = revision.IstioVersion.Length == 0 ? "does not tell its Istio release (no install record, no release tag on istiod's image, no version label)"
            : $"reports version \"{revision.IstioVersion}\", which is not an Istio release";
        return (newest, $"Revision {revision.Name} {told}; Set-MeshConfig checked the settings with Istio 1.{newest.Minor}'s mesh config rules, the newest MeshOps knows. Check that its istiod has the fields you set.");
    }
}
