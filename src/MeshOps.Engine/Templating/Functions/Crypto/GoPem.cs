using System.Security.Cryptography;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Go's encoding/pem as Sprig uses it: Encode writes 64-character base64 lines and a final newline; Decode returns
/// the first well-formed block anywhere in the text (optional "Key: value" headers, an END line naming the same
/// type), skipping malformed candidates as pem.Decode does.
/// </summary>
internal static class GoPem
{
    private const string Begin = "-----BEGIN ";
    private const string End = "-----END ";
    private const string Dashes = "-----";

    /// <summary>pem.Encode: .NET's RFC 7468 writer (64-character lines, \n) and the final newline Go adds.</summary>
    public static string Encode(string type, ReadOnlySpan<byte> der) => new string(PemEncoding.Write(type, der)) + "\n";

    /// <summary>pem.Decode: the first block's type and bytes, or false when the text holds none.</summary>
    public static bool TryDecode(string text, out string type, out byte[] bytes)
    {
        type = "";
        bytes = Array.Empty<byte>();
        var rest = 0;
        while (true)
        {
            // A block starts where the search resumes (the text's start, or a line after a rejected block) or
            // right after a newline.
            int start;
            if (string.CompareOrdinal(text, rest, Begin, 0, Begin.Length) == 0) start = rest + Begin.Length;
            else
            {
                var at = text.IndexOf("\n" + Begin, rest, StringComparison.Ordinal);
                if (at < 0) return false;
                start = at + 1 + Begin.Length;
            }
            rest = ReadLine(text, start, out var typeLine);
            if (!typeLine.EndsWith(Dashes, StringComparison.Ordinal)) continue;
            var blockType = typeLine[..^Dashes.Length];

            var hasHeaders = false;
            var truncated = false;
            while (true)
            {
                if (rest >= text.Length)
                {
                    truncated = true;
                    break;
                }
                var next = ReadLine(text, rest, out var line);
                if (!line.Contains(':')) break;
                hasHeaders = true;
                rest = next;
            }
            if (truncated) return false;

            int endIndex, trailerIndex;
            if (!hasHeaders && string.CompareOrdinal(text, rest, End, 0, End.Length) == 0)
            {
                endIndex = rest;
                trailerIndex = rest + End.Length;
            }
            else
            {
                var at = text.IndexOf("\n" + End, rest, StringComparison.Ordinal);
                if (at < 0) continue;
                endIndex = at;
                trailerIndex = at + 1 + End.Length;
            }
            var trailerLength = blockType.Length + Dashes.Length;
            if (text.Length - trailerIndex < trailerLength) continue;
            if (string.CompareOrdinal(text, trailerIndex, blockType + Dashes, 0, trailerLength) != 0) continue;
            ReadLine(text, trailerIndex + trailerLength, out var restOfEndLine);
            if (restOfEndLine.Length != 0) continue;

            var body = text[rest..endIndex].Replace(" ", "").Replace("\t", "");
            if (!GoBase64.TryDecode64(body, out var data, out _)) continue;
            type = blockType;
            bytes = data;
            return true;
        }
    }

    // getLine: the line from start without its newline (\n or \r\n) and trailing blanks; returns where the next begins.
    private static int ReadLine(string text, int start, out string line)
    {
        var newline = text.IndexOf('\n', start);
        int end, next;
        if (newline < 0)
        {
            end = next = text.Length;
        }
        else
        {
            next = newline + 1;
            end = newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
        }
        line = text[start..end].TrimEnd(' ', '\t');
        return next;
    }
}
