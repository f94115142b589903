using System.Formats.Tar;
using System.IO.Compression;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// Extracts only istio-&lt;version&gt;/manifests/charts/** and manifests/profiles/** of a release archive into a
/// fresh folder. Refuses (for the whole archive) any entry whose path is absolute or climbs with "..", and inside
/// the extracted part any link, device or pipe; enforces <see cref="ReleaseLimits"/>. Never applies the archive's
/// permissions or owners.
/// </summary>
internal static class ReleaseArchiveExtractor
{
    private static readonly string[] ExtractedFolders = ["charts", "profiles"];

    /// <summary>Extracts into <paramref name="destination"/> (which must be empty) and returns the archive's version.</summary>
    /// <param name="archiveName">How errors name the archive.</param>
    /// <param name="expected">The version the archive must hold; null to take it from the top folder.</param>
    public static IstioVersion Extract(Stream archive, string archiveName, IstioVersion? expected, string destination, ReleaseLimits limits, CancellationToken cancel)
    {
        var root = Path.GetFullPath(destination);
        var rootPrefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
        using var limited = new LimitedReadStream(gzip, limits.MaxUncompressedBytes,
            () => ReleaseErrors.ArchiveTooLarge(archiveName, "its uncompressed content", limits.MaxUncompressedBytes));
        using var reader = new TarReader(limited, leaveOpen: true);

        string? topFolder = null;
        IstioVersion? version = null;
        var entries = 0;
        long extracted = 0;
        while (NextEntry(reader, archiveName) is { } entry)
        {
            cancel.ThrowIfCancellationRequested();
            if (++entries > limits.MaxEntries) throw ReleaseErrors.ArchiveTooLarge(archiveName, "its number of entries", limits.MaxEntries);
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) continue;

            var segments = SafeSegments(entry.Name, archiveName);
            if (segments.Length == 0) continue;
            if (topFolder == null)
            {
                topFolder = segments[0];
                version = VersionOfTopFolder(topFolder, archiveName, entry.Name);
                if (expected != null && !expected.Equals(version))
                    throw ReleaseErrors.ArchiveInvalid(archiveName, $"it holds Istio {version} ({topFolder}/), not {expected}");
            }
            if (!string.Equals(segments[0], topFolder, StringComparison.Ordinal) || !IsExtracted(segments)) continue;

            var target = Path.GetFullPath(Path.Combine([root, .. segments[1..]]));
            if (!target.StartsWith(rootPrefix, StringComparison.Ordinal))
                throw ReleaseErrors.ArchiveUnsafe(archiveName, entry.Name, "points outside the folder it is extracted to");

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    CreateFolder(entry, target, archiveName);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    if (entry.Length > limits.MaxEntryBytes) throw ReleaseErrors.ArchiveTooLarge(archiveName, $"entry '{entry.Name}'", limits.MaxEntryBytes);
                    extracted += entry.Length;
                    if (extracted > limits.MaxExtractedBytes) throw ReleaseErrors.ArchiveTooLarge(archiveName, "the extracted manifests", limits.MaxExtractedBytes);
                    WriteFile(entry, target, archiveName);
                    break;
                case TarEntryType.SymbolicLink or TarEntryType.HardLink:
                    throw ReleaseErrors.ArchiveUnsafe(archiveName, entry.Name, $"is a link (to '{entry.LinkName}'); links are never extracted");
                case TarEntryType.BlockDevice or TarEntryType.CharacterDevice or TarEntryType.Fifo:
                    throw ReleaseErrors.ArchiveUnsafe(archiveName, entry.Name, "is a device or pipe");
                default:
                    throw ReleaseErrors.ArchiveUnsafe(archiveName, entry.Name, $"has the tar type {entry.EntryType}, which is not extracted");
            }
        }

        if (topFolder == null) throw ReleaseErrors.ArchiveInvalid(archiveName, "it holds no entries");
        foreach (var folder in ExtractedFolders)
        {
            if (!Directory.Exists(Path.Combine(root, "manifests", folder)))
                throw ReleaseErrors.ArchiveInvalid(archiveName, $"it has no {topFolder}/manifests/{folder}/ folder");
        }
        return version!;
    }

    /// <summary>The version of the archive's top folder, read from its first entry only.</summary>
    public static IstioVersion ReadVersion(Stream archive, string archiveName, ReleaseLimits limits)
    {
        using var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true);
        using var limited = new LimitedReadStream(gzip, limits.MaxUncompressedBytes,
            () => ReleaseErrors.ArchiveTooLarge(archiveName, "its uncompressed content", limits.MaxUncompressedBytes));
        using var reader = new TarReader(limited, leaveOpen: true);
        while (NextEntry(reader, archiveName) is { } entry)
        {
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes) continue;
            var segments = SafeSegments(entry.Name, archiveName);
            if (segments.Length > 0) return VersionOfTopFolder(segments[0], archiveName, entry.Name);
        }
        throw ReleaseErrors.ArchiveInvalid(archiveName, "it holds no entries");
    }

    private static TarEntry? NextEntry(TarReader reader, string archiveName)
    {
        try
        {
            return reader.GetNextEntry(copyData: false);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or IOException)
        {
            throw ReleaseErrors.ArchiveInvalid(archiveName, $"it is not a complete gzip-compressed tar ({e.Message})", e);
        }
    }

    private static void CreateFolder(TarEntry entry, string target, string archiveName)
    {
        try
        {
            Directory.CreateDirectory(target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ReleaseErrors.ArchiveInvalid(archiveName, $"entry '{entry.Name}' cannot be extracted ({e.Message})", e);
        }
    }

    private static void WriteFile(TarEntry entry, string target, string archiveName)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
            entry.DataStream?.CopyTo(output);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            var why = Directory.Exists(target) ? "is a file where an earlier entry made a folder" : $"cannot be extracted ({e.Message})";
            throw ReleaseErrors.ArchiveInvalid(archiveName, $"entry '{entry.Name}' {why}", e);
        }
    }

    private static bool IsExtracted(string[] segments) =>
        segments.Length >= 3 && segments[1] == "manifests" && ExtractedFolders.Contains(segments[2]);

    private static IstioVersion VersionOfTopFolder(string topFolder, string archiveName, string entryName)
    {
        if (topFolder.StartsWith("istio-", StringComparison.Ordinal) && IstioVersion.TryParse(topFolder["istio-".Length..], out var version))
            return version!;
        throw ReleaseErrors.ArchiveInvalid(archiveName, $"its entries must sit in an istio-<version>/ folder, but the first is '{entryName}'");
    }

    /// <summary>The entry's path segments without "." and empty ones; refuses what could land outside the target.</summary>
    internal static string[] SafeSegments(string name, string archiveName)
    {
        if (name.Contains('\0')) throw ReleaseErrors.ArchiveUnsafe(archiveName, name.Replace("\0", "\\0"), "has a NUL character in its name");
        if (name.Contains('\\')) throw ReleaseErrors.ArchiveUnsafe(archiveName, name, "has a backslash in its name");
        if (name.StartsWith('/') || Path.IsPathRooted(name) || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':'))
            throw ReleaseErrors.ArchiveUnsafe(archiveName, name, "is an absolute path");
        var segments = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        foreach (var segment in segments)
        {
            if (segment == "..") throw ReleaseErrors.ArchiveUnsafe(archiveName, name, "climbs out of its folder with '..'");
            if (segment.Contains(':')) throw ReleaseErrors.ArchiveUnsafe(archiveName, name, "has a ':' in its name");
        }
        return segments;
    }
}
