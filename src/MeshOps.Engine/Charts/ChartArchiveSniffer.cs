using System.Text;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Helm's EnsureArchive (pkg/chart/loader/archive): a chart file must start as gzip does, else the error names what
/// the file looks like (net/http's DetectContentType of its first 512 bytes, zero-padded as Helm's buffer is).
/// </summary>
internal static class ChartArchiveSniffer
{
    public static void EnsureArchive(string name, Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[512];
        stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (buffer[0] == 0x1f && buffer[1] == 0x8b && buffer[2] == 0x08) return;
        if (name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".yaml", StringComparison.Ordinal))
            throw ChartErrors.ArchiveInvalid(name, $"file '{name}' seems to be a YAML file, but expected a gzipped archive");
        throw ChartErrors.ArchiveInvalid(name, $"file '{name}' does not appear to be a gzipped archive; got '{ContentType(buffer)}'");
    }

    /// <summary>The few answers of DetectContentType a mistaken chart file gives: a known signature, text or binary.</summary>
    internal static string ContentType(byte[] data)
    {
        if (StartsWith(data, "PK\u0003\u0004")) return "application/zip";
        if (StartsWith(data, "%PDF-")) return "application/pdf";
        var i = 0;
        while (i < data.Length && data[i] is (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r' or (byte)' ') i++;
        if (StartsWith(data.AsSpan(i), "<?xml")) return "text/xml; charset=utf-8";
        if (data.Length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) return "text/plain; charset=utf-8";
        foreach (var b in data)
        {
            // DetectContentType's "binary data byte" set.
            if (b <= 0x08 || b == 0x0B || (b >= 0x0E && b <= 0x1A) || (b >= 0x1C && b <= 0x1F)) return "application/octet-stream";
        }
        return "text/plain; charset=utf-8";
    }

    private static bool StartsWith(ReadOnlySpan<byte> data, string ascii) => data.StartsWith(Encoding.ASCII.GetBytes(ascii));
}
