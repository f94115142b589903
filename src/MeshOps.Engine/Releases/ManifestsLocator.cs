using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>The manifests folder a rendering cmdlet reads and the Istio release whose rules apply to it.</summary>
public sealed record LocatedManifests(string Path, IstioVersion Version);

/// <summary>
/// Picks the manifests folder and release of rendering cmdlets: -Version alone takes the cached release; -ManifestsPath
/// takes that folder, whose release is -Version when given, else what its charts say (<see cref="ReleaseManifests"/>).
/// </summary>
public static class ManifestsLocator
{
    /// <summary>
    /// At least one of <paramref name="manifestsPath"/> (an existing folder, already resolved by the caller) and
    /// <paramref name="version"/> must be given.
    /// </summary>
    /// <exception cref="MeshException">ManifestsPathRequired, ManifestsPathNotFound, ManifestsNotFound, IstioVersionInvalid, IstioReleaseNotCached,
    /// ManifestsVersionUnknown, ManifestsVersionMismatch.</exception>
    public static LocatedManifests Resolve(string? manifestsPath, string? version) => Resolve(manifestsPath, version, ReleaseCache.Default);

    internal static LocatedManifests Resolve(string? manifestsPath, string? version, Func<ReleaseCache> cache)
    {
        var hasPath = !string.IsNullOrWhiteSpace(manifestsPath);
        var release = string.IsNullOrWhiteSpace(version) ? null : IstioVersion.Parse(version);
        if (hasPath)
        {
            if (!Directory.Exists(manifestsPath))
            {
                throw new MeshException(ReleaseErrors.ManifestsPathNotFound, MeshErrorKind.ObjectNotFound,
                    $"The manifests folder {manifestsPath} does not exist. Pass the 'manifests' folder of an Istio release " +
                    "(it holds charts/ and profiles/), or -Version for a release saved with Save-MeshRelease.", manifestsPath);
            }
            // Before asking which release it is: a folder without charts/ and profiles/ is no release at all.
            var missing = new[] { "charts", "profiles" }.Where(d => !Directory.Exists(Path.Combine(manifestsPath!, d))).ToList();
            if (missing.Count > 0)
            {
                throw new MeshException(ReleaseErrors.ManifestsNotFound, MeshErrorKind.ObjectNotFound,
                    $"The folder {manifestsPath} is not the manifests folder of an Istio release: it has no {string.Join(" and no ", missing.Select(m => m + "/"))}. " +
                    "Pass the 'manifests' folder of an Istio release (it holds charts/ and profiles/; for example istio-1.18.5/manifests), " +
                    "or -Version for a release saved with Save-MeshRelease.", manifestsPath);
            }
            return new LocatedManifests(manifestsPath!, ReleaseManifests.Resolve(manifestsPath!, release));
        }
        if (release != null)
        {
            var path = cache().GetManifestsPath(release);
            return new LocatedManifests(path, ReleaseManifests.Resolve(path, release));
        }
        throw new MeshException(ReleaseErrors.ManifestsPathRequired, MeshErrorKind.InvalidArgument,
            "No Istio manifests were given. Pass -ManifestsPath with the 'manifests' folder of an Istio release, or -Version " +
            "with a release saved by 'Save-MeshRelease -Version <version>' (see Get-MeshRelease for what is cached).");
    }
}
