using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>Picks the manifests folder of rendering cmdlets: -ManifestsPath as given, or -Version from the release cache.</summary>
public static class ManifestsLocator
{
    /// <summary>
    /// Exactly one of <paramref name="manifestsPath"/> (an existing folder, already resolved by the caller) and
    /// <paramref name="version"/> (a cached Istio release) must be given; returns the manifests folder.
    /// </summary>
    /// <exception cref="MeshException">ManifestsPathAndVersion, ManifestsPathRequired, ManifestsPathNotFound, IstioVersionInvalid, IstioReleaseNotCached.</exception>
    public static string Resolve(string? manifestsPath, string? version) => Resolve(manifestsPath, version, ReleaseCache.Default);

    internal static string Resolve(string? manifestsPath, string? version, Func<ReleaseCache> cache)
    {
        var hasPath = !string.IsNullOrWhiteSpace(manifestsPath);
        var hasVersion = !string.IsNullOrWhiteSpace(version);
        if (hasPath && hasVersion)
        {
            throw new MeshException(ReleaseErrors.ManifestsPathAndVersion, MeshErrorKind.InvalidArgument,
                $"Both -ManifestsPath ({manifestsPath}) and -Version ({version}) were given; pass only one: -Version uses the " +
                "cached release's manifests, -ManifestsPath a folder of your own.", version);
        }
        if (hasPath)
        {
            if (!Directory.Exists(manifestsPath))
            {
                throw new MeshException(ReleaseErrors.ManifestsPathNotFound, MeshErrorKind.ObjectNotFound,
                    $"The manifests folder {manifestsPath} does not exist. Pass the 'manifests' folder of an Istio release " +
                    "(it holds charts/ and profiles/), or -Version for a release saved with Save-MeshRelease.", manifestsPath);
            }
            return manifestsPath!;
        }
        if (hasVersion) return cache().GetManifestsPath(IstioVersion.Parse(version));
        throw new MeshException(ReleaseErrors.ManifestsPathRequired, MeshErrorKind.InvalidArgument,
            "No Istio manifests were given. Pass -ManifestsPath with the 'manifests' folder of an Istio release, or -Version " +
            "with a release saved by 'Save-MeshRelease -Version <version>' (see Get-MeshRelease for what is cached).");
    }
}
