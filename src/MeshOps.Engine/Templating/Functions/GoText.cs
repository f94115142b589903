using System.Globalization;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Go's strings package where .NET differs: Go strings are UTF-8 bytes (len, slicing and abbreviations count bytes),
/// an empty separator splits into runes, and strings.Title has its own notion of word boundaries.
/// </summary>
internal static class GoText
{
    private static readonly UTF8Encoding Utf8 = new(false, false);

    public static bool IsAscii(string s)
    {
        foreach (var c in s) if (c >= 0x80) return false;
        return true;
    }

    /// <summary>len(s) in bytes.</summary>
    public static int ByteLength(string s) => GoBytes.ByteCount(s);

    /// <summary>s[start:end] on the string's bytes; a cut inside a rune keeps the cut bytes (GoBytes), as Go does.</summary>
    public static string ByteSlice(string s, int start, int end)
    {
        var len = ByteLength(s);
        if (start < 0 || end > len || start > end)
            throw new TemplateFunctionException(SliceBoundsMessage(start, end, len));
        if (IsAscii(s)) return s.Substring(start, end - start);
        return GoBytes.Decode(GoBytes.Encode(s).AsSpan(start, end - start));
    }

    /// <summary>Go's runtime message for a bad string slice.</summary>
    public static string SliceBoundsMessage(int start, int end, int len)
    {
        if (end > len) return $"runtime error: slice bounds out of range [:{end}] with length {len}";
        if (end < 0) return $"runtime error: slice bounds out of range [:{end}]";
        if (start < 0) return $"runtime error: slice bounds out of range [{start}:]";
        return $"runtime error: slice bounds out of range [{start}:{end}]";
    }

    /// <summary>The runes of s, as Go's range over a string yields them.</summary>
    public static IEnumerable<string> Runes(string s)
    {
        var e = StringInfo.GetTextElementEnumerator(s);
        for (var i = 0; i < s.Length;)
        {
            var n = char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            yield return s.Substring(i, n);
            i += n;
        }
    }

    /// <summary>strings.SplitN(s, sep, n): n &lt; 0 all parts, n == 0 none, otherwise at most n; "" splits into runes.</summary>
    public static List<string> SplitN(string s, string sep, int n)
    {
        if (n == 0) return new List<string>();
        if (sep.Length == 0)
        {
            var runes = Runes(s).ToList();
            if (n > 0 && runes.Count > n)
            {
                var head = runes.Take(n - 1).ToList();
                head.Add(string.Concat(runes.Skip(n - 1)));
                return head;
            }
            return runes;
        }
        return n < 0 ? s.Split(sep).ToList() : s.Split(sep, n).ToList();
    }

    /// <summary>strings.Replace(s, old, new, -1); an empty old inserts new around every rune.</summary>
    public static string ReplaceAll(string s, string oldValue, string newValue)
    {
        if (newValue.Length > oldValue.Length)
        {
            // Only a replacement longer than what it replaces grows the string; count what it would become first.
            var occurrences = oldValue.Length == 0 ? s.Length + 1L : CountOccurrences(s, oldValue);
            TemplateLimits.CheckLength(s.Length + occurrences * (newValue.Length - oldValue.Length), "replace");
        }
        if (oldValue.Length > 0) return s.Replace(oldValue, newValue, StringComparison.Ordinal);
        var sb = new StringBuilder(newValue);
        foreach (var r in Runes(s)) sb.Append(r).Append(newValue);
        return sb.ToString();
    }

    private static long CountOccurrences(string s, string value)
    {
        long n = 0;
        for (var i = s.IndexOf(value, StringComparison.Ordinal); i >= 0; i = s.IndexOf(value, i + value.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>strings.Trim(s, cutset): strips runes of cutset from both ends.</summary>
    public static string Trim(string s, string cutset) => cutset.Length == 0 ? s : s.Trim(cutset.ToCharArray());

    /// <summary>strings.TrimSpace (unicode.IsSpace agrees with char.IsWhiteSpace).</summary>
    public static string TrimSpace(string s) => s.Trim();

    /// <summary>strings.Title: upper-cases (title-cases) the first letter of each word; words break at non-letters, non-digits except '_' and at Unicode spaces.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var prev = ' ';
        foreach (var r in Runes(s))
        {
            var c = r[0];
            sb.Append(IsTitleSeparator(prev) && r.Length == 1 ? char.ToUpperInvariant(c).ToString() : r);
            prev = r.Length == 1 ? c : 'a';
        }
        return sb.ToString();
    }

    private static bool IsTitleSeparator(char r)
    {
        if (r <= 0x7F)
        {
            if (char.IsAsciiLetterOrDigit(r) || r == '_') return false;
            return true;
        }
        if (char.IsLetter(r) || char.IsDigit(r)) return false;
        return char.IsWhiteSpace(r);
    }

    /// <summary>strings.Repeat; a negative count panics in Go.</summary>
    public static string Repeat(string s, int count)
    {
        if (count < 0) throw new TemplateFunctionException("strings: negative Repeat count");
        TemplateLimits.CheckLength((long)s.Length * count, "repeat");
        return count == 0 || s.Length == 0 ? "" : new StringBuilder(s.Length * count).Insert(0, s, count).ToString();
    }
}
