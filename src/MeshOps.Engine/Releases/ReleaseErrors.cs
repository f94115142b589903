using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>The stable error ids of the release cache, and the MeshExceptions that carry them.</summary>
public static class ReleaseErrors
{
    /// <summary>A version string is not an Istio release version.</summary>
    public const string IstioVersionInvalid = "IstioVersionInvalid";
    /// <summary>The version asked for is not in the release cache.</summary>
    public const string IstioReleaseNotCached = "IstioReleaseNotCached";
    /// <summary>The download failed: offline, HTTP error, timeout or cut short.</summary>
    public const string IstioReleaseDownloadFailed = "IstioReleaseDownloadFailed";
    /// <summary>The archive's SHA-256 differs from its .sha256 file.</summary>
    public const string IstioReleaseChecksumMismatch = "IstioReleaseChecksumMismatch";
    /// <summary>A .sha256 file is not "&lt;hex&gt;  &lt;file name&gt;" for the expected archive.</summary>
    public const string IstioChecksumFileInvalid = "IstioChecksumFileInvalid";
    /// <summary>The archive is not a gzip'd tar of an Istio release (corrupt, wrong version, no manifests).</summary>
    public const string IstioArchiveInvalid = "IstioArchiveInvalid";
    /// <summary>The archive holds an entry that could write outside the cache: a path escaping it, a link, a device.</summary>
    public const string IstioArchiveUnsafe = "IstioArchiveUnsafe";
    /// <summary>The archive, one of its entries or what it expands to is bigger than allowed.</summary>
    public const string IstioArchiveTooLarge = "IstioArchiveTooLarge";
    /// <summary>The archive given to import does not exist.</summary>
    public const string IstioArchiveNotFound = "IstioArchiveNotFound";
    /// <summary>The mirror address is not an absolute http(s) URI.</summary>
    public const string ReleaseBaseUriInvalid = "ReleaseBaseUriInvalid";
    /// <summary>Another process kept the version's lock for longer than the wait allows.</summary>
    public const string ReleaseCacheBusy = "ReleaseCacheBusy";
    /// <summary>No cache folder can be determined (no home folder) or it cannot be written.</summary>
    public const string ReleaseCacheUnavailable = "ReleaseCacheUnavailable";
    /// <summary>Neither -ManifestsPath nor -Version was given.</summary>
    public const string ManifestsPathRequired = "ManifestsPathRequired";
    /// <summary>The -ManifestsPath folder does not exist.</summary>
    public const string ManifestsPathNotFound = "ManifestsPathNotFound";
    /// <summary>The -ManifestsPath folder exists but is not a manifests folder (no charts/ or no profiles/).</summary>
    public const string ManifestsNotFound = "ManifestsNotFound";

    internal static MeshException VersionInvalid(string? text) => new(IstioVersionInvalid, MeshErrorKind.InvalidArgument,
        $"'{text}' is not an Istio release version. Use MAJOR.MINOR.PATCH as Istio tags its releases, such as 1.18.5, " +
        "or a pre-release such as 1.31.0-rc.0 or 1.20.0-beta.1 (no leading 'v').", text);

    internal static MeshException NotCached(IstioVersion version, string folder, bool seemsOffline)
    {
        var message = $"Istio {version} is not in the release cache ({folder}). Run 'Save-MeshRelease -Version {version}' to download it.";
        if (seemsOffline)
        {
            message += $" This machine seems offline: download {ReleaseFiles.ArchiveName(version)} and its .sha256 file where there is " +
                "network access, copy them here, and run 'Save-MeshRelease -Path <archive>'.";
        }
        return new MeshException(IstioReleaseNotCached, MeshErrorKind.ObjectNotFound, message, version.ToString());
    }

    internal static MeshException Offline(IstioVersion version, Uri uri, Exception inner) => new(IstioReleaseDownloadFailed, MeshErrorKind.ConnectionError,
        $"Could not connect to {uri.Host} to download Istio {version} ({inner.Message}). This machine seems offline: download " +
        $"{ReleaseFiles.ArchiveName(version)} and its .sha256 file where there is network access, copy them here, and run " +
        "'Save-MeshRelease -Path <archive>'; or pass -BaseUri with a mirror you can reach.", uri.ToString(), inner);

    internal static MeshException DownloadFailed(Uri uri, string why, MeshErrorKind kind = MeshErrorKind.ConnectionError, Exception? inner = null) =>
        new(IstioReleaseDownloadFailed, kind, $"Downloading {uri} failed: {why}", uri.ToString(), inner);

    internal static MeshException ArchiveInvalid(string archive, string why, Exception? inner = null) =>
        new(IstioArchiveInvalid, MeshErrorKind.InvalidData, $"{archive} is not a usable Istio release archive: {why}", archive, inner);

    internal static MeshException ArchiveUnsafe(string archive, string entry, string why) =>
        new(IstioArchiveUnsafe, MeshErrorKind.InvalidData,
            $"{archive} was refused: entry '{entry}' {why}. Nothing was saved; use the archive published by Istio.", entry);

    internal static MeshException ArchiveTooLarge(string archive, string what, long limit) =>
        new(IstioArchiveTooLarge, MeshErrorKind.LimitsExceeded,
            $"{archive} was refused: {what} is over the limit of {limit:N0} bytes. Nothing was saved; use the archive published by Istio.", archive);
}
