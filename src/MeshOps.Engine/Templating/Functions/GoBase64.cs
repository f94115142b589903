using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// encoding/base64 StdEncoding and encoding/base32 StdEncoding decoding with Go's error offsets
/// ("illegal base64 data at input byte N"); Sprig prints the error text instead of failing.
/// Go skips '\r' and '\n' anywhere in the input.
/// </summary>
internal static class GoBase64
{
    private const string B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Decodes; on bad input returns false and Go's error message.</summary>
    public static bool TryDecode64(string text, out byte[] data, out string error) =>
        TryDecode(Encoding.UTF8.GetBytes(text), B64, 4, 6, "base64", out data, out error);

    public static bool TryDecode32(string text, out byte[] data, out string error) =>
        TryDecode(Encoding.UTF8.GetBytes(text), B32, 8, 5, "base32", out data, out error);

    public static string Encode32(byte[] data)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < data.Length; i += 5)
        {
            var n = Math.Min(5, data.Length - i);
            ulong buf = 0;
            for (var j = 0; j < 5; j++) buf = (buf << 8) | (j < n ? data[i + j] : 0u);
            var chars = (n * 8 + 4) / 5;
            for (var j = 0; j < 8; j++)
                sb.Append(j < chars ? B32[(int)((buf >> (35 - 5 * j)) & 31)] : '=');
        }
        return sb.ToString();
    }

    // One decoder for both alphabets, following Go's decodeQuantum: quanta of `quantum` symbols, '=' only at the end.
    private static bool TryDecode(byte[] src, string alphabet, int quantum, int bits, string name, out byte[] data, out string error)
    {
        var output = new List<byte>();
        var si = 0;
        error = "";
        data = Array.Empty<byte>();
        while (true)
        {
            var symbols = new int[quantum];
            var count = 0;
            var ended = false;
            for (var j = 0; j < quantum; j++)
            {
                while (si < src.Length && (src[si] == '\n' || src[si] == '\r')) si++;
                if (si == src.Length)
                {
                    if (j == 0) { data = output.ToArray(); return true; }
                    error = $"illegal {name} data at input byte {si - j}";
                    return false;
                }
                var c = src[si++];
                if (c == '=')
                {
                    // Padding: only valid once enough symbols were read, and it must run to the end of the quantum.
                    if (!PaddingAllowed(j, quantum))
                    {
                        error = $"illegal {name} data at input byte {si - 1}";
                        return false;
                    }
                    for (var k = j + 1; k < quantum; k++)
                    {
                        while (si < src.Length && (src[si] == '\n' || src[si] == '\r')) si++;
                        if (si == src.Length) { error = $"illegal {name} data at input byte {src.Length}"; return false; }
                        if (src[si] != '=') { error = $"illegal {name} data at input byte {si - 1}"; return false; }
                        si++;
                    }
                    while (si < src.Length && (src[si] == '\n' || src[si] == '\r')) si++;
                    if (si < src.Length) { error = $"illegal {name} data at input byte {si}"; return false; }
                    ended = true;
                    break;
                }
                var v = alphabet.IndexOf((char)c);
                if (v < 0)
                {
                    error = $"illegal {name} data at input byte {si - 1}";
                    return false;
                }
                symbols[count++] = v;
            }
            // Pack the symbols big-endian and keep the whole bytes they carry.
            ulong buf = 0;
            for (var j = 0; j < quantum; j++) buf = (buf << bits) | (uint)(j < count ? symbols[j] : 0);
            var totalBits = quantum * bits;
            var bytes = count * bits / 8;
            for (var j = 0; j < bytes; j++) output.Add((byte)(buf >> (totalBits - 8 * (j + 1))));
            if (ended) { data = output.ToArray(); return true; }
        }
    }

    private static bool PaddingAllowed(int j, int quantum) =>
        quantum == 4 ? j >= 2 : j is 2 or 4 or 5 or 7;
}
