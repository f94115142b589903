namespace MeshOps.Engine.Charts;

/// <summary>Go's path/filepath.Match on '/'-separated names: '*', '?', '[class]' with '^' negation and ranges, '\' escapes.</summary>
internal static class GoPathMatch
{
    /// <summary>True when <paramref name="name"/> matches; throws FormatException ("syntax error in pattern") for a malformed pattern.</summary>
    public static bool Match(string pattern, string name)
    {
        Validate(pattern);
        return MatchAt(pattern, 0, name, 0);
    }

    /// <summary>Throws FormatException when the pattern is malformed (Go's ErrBadPattern).</summary>
    public static void Validate(string pattern)
    {
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    if (++i >= pattern.Length) throw Bad();
                    break;
                case '[':
                    i = ParseClass(pattern, i + 1, '\0', out _);
                    if (i < 0) throw Bad();
                    break;
            }
        }
    }

    private static FormatException Bad() => new("syntax error in pattern");

    private static bool MatchAt(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            var c = p[pi];
            if (c == '*')
            {
                while (pi < p.Length && p[pi] == '*') pi++;
                if (pi == p.Length) return s.IndexOf('/', si) < 0;
                for (var k = si; k <= s.Length; k++)
                {
                    if (MatchAt(p, pi, s, k)) return true;
                    if (k < s.Length && s[k] == '/') return false;
                }
                return false;
            }
            if (si >= s.Length) return false;
            var ch = CodePointAt(s, si, out var width);
            switch (c)
            {
                case '?':
                    if (ch == '/') return false;
                    pi++;
                    break;
                case '[':
                {
                    pi = ParseClass(p, pi + 1, ch, out var matched);
                    if (pi < 0) throw Bad();
                    if (!matched || ch == '/') return false;
                    break;
                }
                case '\\':
                    pi++;
                    if (pi >= p.Length) throw Bad();
                    if (p[pi] != s[si]) return false;
                    pi++;
                    width = 1;
                    break;
                default:
                    if (c != s[si]) return false;
                    pi++;
                    width = 1;
                    break;
            }
            si += width;
        }
        return si == s.Length;
    }

    /// <summary>Parses a class after '['; returns the index after ']' or -1 when malformed; tells whether ch is in it.</summary>
    private static int ParseClass(string p, int i, int ch, out bool matched)
    {
        matched = false;
        var negated = false;
        if (i < p.Length && p[i] == '^') { negated = true; i++; }
        var any = false;
        while (true)
        {
            if (i >= p.Length) return -1;
            if (p[i] == ']' && any) { i++; break; }
            if (!ReadClassChar(p, ref i, out var lo)) return -1;
            var hi = lo;
            if (i < p.Length && p[i] == '-')
            {
                i++;
                if (!ReadClassChar(p, ref i, out hi)) return -1;
            }
            if (lo <= ch && ch <= hi) matched = true;
            any = true;
        }
        if (negated) matched = !matched;
        return i;
    }

    private static bool ReadClassChar(string p, ref int i, out int value)
    {
        value = 0;
        if (i >= p.Length || p[i] == '-' || p[i] == ']') return false;
        if (p[i] == '\\')
        {
            i++;
            if (i >= p.Length) return false;
        }
        value = CodePointAt(p, i, out var width);
        i += width;
        return true;
    }

    private static int CodePointAt(string s, int index, out int width)
    {
        if (char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(s[index], s[index + 1]);
        }
        width = 1;
        return s[index];
    }
}
