namespace MeshOps.Engine.Releases;

/// <summary>
/// Size limits that keep a hostile or broken archive from filling the disk. Istio's archives are ~30 MB and expand
/// to ~100 MB, of which the manifests are ~2 MB; the defaults leave ample room.
/// </summary>
public sealed record ReleaseLimits
{
    /// <summary>The archive (download or import) itself.</summary>
    public long MaxArchiveBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Everything the gzip stream expands to, extracted or not (guards against gzip bombs).</summary>
    public long MaxUncompressedBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>One extracted file.</summary>
    public long MaxEntryBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>All extracted files together.</summary>
    public long MaxExtractedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>Entries in the archive, extracted or not.</summary>
    public int MaxEntries { get; init; } = 100_000;

    public static ReleaseLimits Default { get; } = new();
}
