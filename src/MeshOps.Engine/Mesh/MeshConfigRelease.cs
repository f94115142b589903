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
    /// <summary>
    /// The schema and the release whose checks (MeshConfigChecks: some bounds moved in patches) <paramref name="revision"/>'s
    /// settings are checked with, and a warning when they are a guess (then the release is null: the newest schema's rules).
    /// </summary>
    public static (OperatorSchema Schema, IstioctlRelease? Release, string? Warning) For(RevisionInfo revision)
    {
        if (IstioVersion.TryParse(revision.IstioVersion, out var version))
        {
            var release = IstioctlRelease.For(version!);
            return (OperatorSchema.For(release), release, null);
        }
        var newest = OperatorSchema.Newest;
        var told = revision.IstioVersion.Length == 0 ? "does not tell its Istio release (no install record, no release tag on istiod's image, no version label)"
            : $"reports version \"{revision.IstioVersion}\", which is not an Istio release";
        return (newest, null, $"Revision {revision.Name} {told}; Set-MeshConfig checked the settings with Istio 1.{newest.Minor}'s mesh config rules, the newest MeshOps knows. Check that its istiod has the fields you set.");
    }
}
