namespace MeshOps.Engine.Versions;

/// <summary>Which Masterminds/semver release constraints behave like; they differ in how a pre-release version is let in.</summary>
public enum SemverCompatibility
{
    /// <summary>
    /// v3.4 and later (Helm 4, istioctl 1.28 on): a pre-release version is considered by every comparison of an AND
    /// group when any comparison of that group names a pre-release.
    /// </summary>
    Current,

    /// <summary>
    /// v3.2-v3.3 (istioctl before 1.28): a pre-release version passes only comparisons that name a pre-release themselves.
    /// </summary>
    V3_3,
}
