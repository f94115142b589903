using MeshOps.Engine.Releases;

namespace MeshOps;

/// <summary>An Istio release in the MeshOps release cache (Save-MeshRelease, Get-MeshRelease).</summary>
public sealed class MeshRelease
{
    private MeshRelease(string version, string path, string sha256, string source, DateTimeOffset savedAt)
    {
        Version = version;
        Path = path;
        Sha256 = sha256;
        Source = source;
        SavedAt = savedAt;
    }

    /// <summary>The Istio version, such as 1.18.5 or 1.31.0-rc.0.</summary>
    public string Version { get; }

    /// <summary>The release's manifests folder (charts and profiles): what -ManifestsPath takes.</summary>
    public string Path { get; }

    /// <summary>Lower-case hex SHA-256 of the archive the release came from.</summary>
    public string Sha256 { get; }

    /// <summary>The URL it was downloaded from, or the archive file it was imported from.</summary>
    public string Source { get; }

    /// <summary>When it was saved into the cache.</summary>
    public DateTimeOffset SavedAt { get; }

    public override string ToString() => Version;

    internal static MeshRelease From(CachedRelease release) =>
        new(release.Version.ToString(), release.ManifestsPath, release.Sha256, release.Source, release.SavedAt);
}
