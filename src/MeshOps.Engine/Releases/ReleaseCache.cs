using System.Net.NetworkInformation;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// The Istio releases saved on this machine: &lt;root&gt;/istio/&lt;version&gt;/ holding manifests/charts,
/// manifests/profiles and release.json. A version folder appears only complete (it is renamed into place),
/// so a folder with valid metadata and both manifest folders is a usable release.
/// </summary>
public sealed class ReleaseCache
{
    /// <param name="root">The MeshOps cache folder (see <see cref="CacheRoot"/>); releases live in its istio/ folder.</param>
    public ReleaseCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The cache this process uses: $MESHOPS_CACHE or the user cache folder.</summary>
    public static ReleaseCache Default() => new(CacheRoot.Resolve());

    public string Root { get; }

    /// <summary>&lt;root&gt;/istio: one folder per version, plus hidden lock and temporary files.</summary>
    public string ReleasesFolder => Path.Combine(Root, "istio");

    /// <summary>Tells whether this machine has a network to download from; replaced by tests.</summary>
    internal Func<bool> NetworkAvailable { get; set; } = NetworkInterface.GetIsNetworkAvailable;

    /// <summary>&lt;root&gt;/istio/&lt;version&gt;, whether or not it is cached.</summary>
    public string GetReleaseFolder(IstioVersion version) => Path.Combine(ReleasesFolder, version.ToString());

    /// <summary>Every complete release in the cache, oldest version first.</summary>
    public IReadOnlyList<CachedRelease> List()
    {
        if (!Directory.Exists(ReleasesFolder)) return [];
        var releases = new List<CachedRelease>();
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(ReleasesFolder))
            {
                if (IstioVersion.TryParse(Path.GetFileName(folder), out var version) && TryGet(version!) is { } release) releases.Add(release);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MeshException(ReleaseErrors.ReleaseCacheUnavailable, MeshErrorKind.PermissionDenied,
                $"Cannot read the release cache {ReleasesFolder}: {e.Message}. Set {CacheRoot.EnvironmentVariable} to a folder you may read and write.",
                ReleasesFolder, e);
        }
        releases.Sort((a, b) => a.Version.CompareTo(b.Version));
        return releases;
    }

    /// <summary>The cached release, or null when it is not cached (or its folder is incomplete).</summary>
    public CachedRelease? TryGet(IstioVersion version)
    {
        var folder = GetReleaseFolder(version);
        var release = ReleaseMetadata.TryRead(folder, version);
        if (release == null) return null;
        return Directory.Exists(Path.Combine(release.ManifestsPath, "charts")) && Directory.Exists(Path.Combine(release.ManifestsPath, "profiles"))
            ? release
            : null;
    }

    /// <summary>
    /// The manifests folder of a cached release (what -ManifestsPath takes); throws MeshException
    /// "IstioReleaseNotCached", naming Save-MeshRelease, when it is not cached.
    /// </summary>
    public string GetManifestsPath(IstioVersion version) =>
        TryGet(version)?.ManifestsPath ?? throw ReleaseErrors.NotCached(version, GetReleaseFolder(version), SeemsOffline());

    /// <summary>Parses <paramref name="version"/> (MeshException "IstioVersionInvalid") and returns its manifests folder.</summary>
    public string GetManifestsPath(string version) => GetManifestsPath(IstioVersion.Parse(version));

    private bool SeemsOffline()
    {
        try
        {
            return !NetworkAvailable();
        }
        catch (NetworkInformationException)
        {
            return false;
        }
    }
}
