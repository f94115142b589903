using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Reads a gzipped tar chart archive as Helm's LoadArchiveFiles does: the first path element (the chart folder) is
/// dropped, absolute paths, parent references, drive letters and oversize content are refused. Links, devices and
/// fifos load as empty files under their own name, as Helm loads them: Go's archive/tar gives those header-only
/// entries no data, so the link target is never read (nothing outside the archive can leak in).
/// </summary>
internal static partial class ChartArchiveReader
{
    [GeneratedRegex("^[a-zA-Z]:/")]
    private static partial Regex DrivePath();

    /// <summary>
    /// The files of the archive in <paramref name="input"/>. Throws <see cref="ChartArchiveFormatException"/> (Go's
    /// wording of what broke) when the stream is not a gzipped tar, MeshException for hostile or oversize content.
    /// </summary>
    public static List<ChartFile> Read(Stream input, string source)
    {
        CheckGzipHeader(input);
        var files = new List<ChartFile>();
        var remaining = ChartLoader.MaxChartSize;
        TarRecordStream? recordStream = null;
        try
        {
            using var gzip = new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
            using var records = recordStream = new TarRecordStream(gzip);
            using var tar = new TarReader(records);
            while (tar.GetNextEntry(copyData: false) is { } entry)
            {
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                    case TarEntryType.GlobalExtendedAttributes:
                    case TarEntryType.ExtendedAttributes:
                        continue;
                    // Helm skips what Go calls a directory: also an old-style ('\0') file named with a final slash, and
                    // any entry whose mode says directory (FileInfo().IsDir()).
                    case TarEntryType.V7RegularFile when entry.Name.EndsWith('/'):
                    case var _ when records.LastHeaderHasDirectoryMode():
                        continue;
                    // Go expands a GNU sparse file from its map; TarReader gives the raw stored bytes, so refuse it.
                    case TarEntryType.SparseFile:
                        throw ChartErrors.Invalid(source, $"The chart archive '{source}' contains '{entry.Name}' of type {entry.EntryType}; repackage the chart without sparse files (helm package).");
                    // Every other entry is a file, as in Helm: links, devices and fifos empty (IsHeaderOnly), the
                    // rest (regular, contiguous, volume, unknown type flags) with the data the header sizes.
                }

                var name = NormalizeName(entry.Name, source);
                CheckSize(entry.Name, entry.Length, remaining, source);
                var headerOnly = IsHeaderOnly(entry.EntryType);
                var data = headerOnly ? Array.Empty<byte>() : ReadLimited(entry.DataStream, remaining, source);
                // Fewer bytes than the header promised while the size limit still allowed more: the stream ended. A
                // header-only entry that claims a size falls through to Helm's size error below, as in Go.
                if (!headerOnly && data.Length < entry.Length && data.Length < remaining) throw new ChartArchiveFormatException("unexpected EOF");
                remaining -= data.Length;
                if (data.Length < entry.Length || remaining <= 0)
                    throw ChartErrors.TooLarge(source, $"decompressed chart is larger than the maximum size {ChartLoader.MaxChartSize} ({source})");
                files.Add(new ChartFile(name, Bom.Strip(data)));
            }
        }
        // What Go's compress/gzip and archive/tar report for the same damage.
        catch (EndOfStreamException e)
        {
            throw new ChartArchiveFormatException("unexpected EOF", e);
        }
        catch (InvalidDataException e)
        {
            // Gzip damage was reported by TarRecordStream; this is TarReader refusing a header. A link or device
            // whose header claims a size is one Go reads (with no data), so Helm fails on its size instead.
            if (recordStream is not null && recordStream.TryLastHeader(out var flag, out var entryName, out var size) && IsHeaderOnly(flag) && size > 0)
            {
                NormalizeName(entryName, source);
                CheckSize(entryName, size, remaining, source);
                throw ChartErrors.TooLarge(source, $"decompressed chart is larger than the maximum size {ChartLoader.MaxChartSize} ({source})");
            }
            throw new ChartArchiveFormatException($"archive/tar: invalid tar header ({e.Message})", e);
        }
        catch (FormatException e)
        {
            throw new ChartArchiveFormatException($"archive/tar: invalid tar header ({e.Message})", e);
        }
        if (files.Count == 0) throw new ChartArchiveFormatException("no files in chart archive");
        return files;
    }

    /// <summary>Go's archive/tar isHeaderOnlyType (directories aside, skipped earlier): entries whose content is always empty.</summary>
    private static bool IsHeaderOnly(TarEntryType type) => type is TarEntryType.SymbolicLink or TarEntryType.HardLink
        or TarEntryType.CharacterDevice or TarEntryType.BlockDevice or TarEntryType.Fifo;

    /// <summary>The same for a raw ustar type flag: hard link, symbolic link, character and block device, fifo.</summary>
    private static bool IsHeaderOnly(char typeFlag) => typeFlag is '1' or '2' or '3' or '4' or '6';

    /// <summary>Helm's checks of the size a header claims, before any data is read.</summary>
    private static void CheckSize(string entryName, long size, long remaining, string source)
    {
        if (size > remaining)
            throw ChartErrors.TooLarge(source, $"decompressed chart is larger than the maximum size {ChartLoader.MaxChartSize} ({source})");
        if (size > ChartLoader.MaxFileSize)
            throw ChartErrors.TooLarge(source, $"decompressed chart file \"{entryName}\" is larger than the maximum file size {ChartLoader.MaxFileSize} ({source})");
    }

    /// <summary>gzip.NewReader's checks: an empty stream is EOF, a short one unexpected EOF, wrong magic ErrHeader.</summary>
    private static void CheckGzipHeader(Stream input)
    {
        var start = input.Position;
        Span<byte> header = stackalloc byte[10];
        var read = input.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        input.Position = start;
        if (read == 0) throw new ChartArchiveFormatException("EOF");
        if (header[0] != 0x1f || (read > 1 && header[1] != 0x8b) || (read > 2 && header[2] != 8))
            throw new ChartArchiveFormatException("gzip: invalid header", badHeader: true);
        if (read < header.Length) throw new ChartArchiveFormatException("unexpected EOF");
    }

    private static string NormalizeName(string entryName, string source)
    {
        var delimiter = entryName.Contains('\\') ? '\\' : '/';
        var parts = entryName.Split(delimiter);
        var n = string.Join('/', parts.Skip(1));
        if (n.StartsWith('/')) throw ChartErrors.Invalid(source, $"chart illegally contains absolute paths ({entryName} in {source})");
        n = CleanPath(n);
        if (n == ".") throw ChartErrors.Invalid(source, $"chart illegally contains content outside the base directory: \"{entryName}\" ({source})");
        if (n.StartsWith("..", StringComparison.Ordinal)) throw ChartErrors.Invalid(source, $"chart illegally references parent directory ({entryName} in {source})");
        if (DrivePath().IsMatch(n)) throw ChartErrors.Invalid(source, $"chart contains illegally named files ({entryName} in {source})");
        if (parts[0] == "Chart.yaml") throw ChartErrors.Invalid(source, $"chart yaml not in base directory ({source})");
        return n;
    }

    /// <summary>Go's path.Clean for a relative path.</summary>
    internal static string CleanPath(string p)
    {
        var stack = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && stack.Count > 0 && stack[^1] != "..") { stack.RemoveAt(stack.Count - 1); continue; }
            stack.Add(part);
        }
        return stack.Count == 0 ? "." : string.Join('/', stack);
    }

    private static byte[] ReadLimited(Stream? data, long limit, string source)
    {
        if (data is null) return Array.Empty<byte>();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, limit - buffer.Length);
            if (want <= 0) break;
            var read = data.Read(chunk, 0, want);
            if (read == 0) break;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}

/// <summary>A chart archive that is not a readable gzipped tar; the message is Go's (<c>gzip: invalid header</c>, <c>unexpected EOF</c>).</summary>
internal sealed class ChartArchiveFormatException : Exception
{
    public ChartArchiveFormatException(string message, Exception? inner = null, bool badHeader = false) : base(message, inner) => BadHeader = badHeader;

    /// <summary>Go's gzip.ErrHeader, which Helm reports as "does not appear to be a valid chart file".</summary>
    public bool BadHeader { get; }
}
