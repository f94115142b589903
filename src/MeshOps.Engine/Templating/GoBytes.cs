using System.Text;

namespace MeshOps.Engine.Templating;

/// <summary>
/// Go strings are bytes, usually but not always UTF-8 (<c>.Files.Get</c> of a binary file, <c>b64dec</c> of one).
/// Our Go strings are CLR strings, so bytes that are not UTF-8 are kept by "surrogate escape": each byte of an invalid
/// sequence becomes the lone low surrogate U+DC00 + byte (U+DC80..U+DCFF), which valid UTF-8 can never produce.
/// <see cref="Decode"/> and <see cref="Encode"/> are exact inverses, so every place where Go works on a string's bytes
/// (base64, hashes, len, slicing, %x, the rendered output) gets the bytes Helm would, and text that is UTF-8 is untouched.
/// </summary>
public static class GoBytes
{
    private static readonly UTF8Encoding Strict = new(false, true);

    /// <summary>Go's string(bytes): valid UTF-8 as text, every other byte as its escape.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return Strict.GetString(bytes);
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
            }
            else
            {
                // Go's utf8.DecodeRune: an invalid sequence is one byte at a time; each is kept as its escape.
                consumed = Math.Max(1, consumed);
                for (var i = 0; i < consumed; i++)
                {
                    var b = bytes[i];
                    sb.Append(b < 0x80 ? (char)b : (char)(0xDC00 + b));
                }
            }
            bytes = bytes[consumed..];
        }
        return sb.ToString();
    }

    /// <summary>Go's []byte(s): the UTF-8 of the text with each escaped byte restored (another lone surrogate is U+FFFD).</summary>
    public static byte[] Encode(string s)
    {
        if (!HasEscapes(s)) return Encoding.UTF8.GetBytes(s);
        var result = new List<byte>(s.Length + 16);
        Span<byte> buffer = stackalloc byte[4];
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (IsEscape(s, i))
            {
                result.Add((byte)(c - 0xDC00));
                continue;
            }
            int n;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                n = new Rune(c, s[i + 1]).EncodeToUtf8(buffer);
                i++;
            }
            else
            {
                n = (char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c)).EncodeToUtf8(buffer);
            }
            for (var k = 0; k < n; k++) result.Add(buffer[k]);
        }
        return result.ToArray();
    }

    /// <summary>len(s): the number of bytes <see cref="Encode"/> gives.</summary>
    public static int ByteCount(string s)
    {
        var ascii = true;
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                ascii = false;
                break;
            }
        }
        if (ascii) return s.Length;
        if (!HasEscapes(s)) return Encoding.UTF8.GetByteCount(s);
        return Encode(s).Length;
    }

    /// <summary>True when S holds a byte that is not UTF-8 (Go's !utf8.ValidString).</summary>
    public static bool HasEscapes(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (IsEscape(s, i)) return true;
        }
        return false;
    }

    /// <summary>S[I] is an escaped byte: a lone low surrogate in U+DC80..U+DCFF (not the second half of a pair).</summary>
    public static bool IsEscape(string s, int i)
    {
        var c = s[i];
        return c is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(s[i - 1]));
    }
}
