namespace MeshOps.Engine.Releases;

/// <summary>One Istio release in the cache.</summary>
/// <param name="Version">The release version.</param>
/// <param name="Folder">&lt;cache&gt;/istio/&lt;version&gt;.</param>
/// <param name="ManifestsPath">The manifests folder (charts/ and profiles/), what -ManifestsPath takes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the archive it came from.</param>
/// <param name="Source">The URL it was downloaded from, or the full path of the archive it was imported from.</param>
/// <param name="SavedAt">When it was saved.</param>
public sealed record CachedRelease(IstioVersion Version, string Folder, string ManifestsPath, string Sha256, string Source, DateTimeOffset SavedAt);
