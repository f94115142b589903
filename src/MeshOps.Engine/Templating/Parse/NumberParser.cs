using System.Globalization;

namespace MeshOps.Engine.Templating.Parse;

/// <summary>Go's parse.newNumber: the facts of a number literal (strconv's base-0 integer and float syntax).</summary>
internal static class NumberParser
{
    /// <summary>Returns the node, or Go's error text ("illegal number syntax: ...", "integer overflow: ...").</summary>
    public static (NumberNode? Node, string? Error) Parse(int pos, string text, ItemType type)
    {
        var n = new NumberNode(pos, text);
        if (type == ItemType.CharConstant)
        {
            if (!GoQuote.TryUnquoteChar(text.Substring(1), text[0], out var r, out _, out var tail)) return (null, "invalid syntax");
            if (tail != "'") return (null, "malformed character constant: " + text);
            n.Int64 = r;
            n.IsInt = true;
            n.Uint64 = (ulong)r;
            n.IsUint = true;
            n.Float64 = r;
            n.IsFloat = true;
            return (n, null);
        }
        if (type == ItemType.Complex || text.EndsWith('i'))
        {
            // Imaginary and complex constants have no place in the engine's value model.
            n.IsComplex = true;
            return (n, null);
        }
        var uok = TryParseUint(text, out var u);
        if (uok)
        {
            n.IsUint = true;
            n.Uint64 = u;
        }
        if (TryParseInt(text, out var i))
        {
            n.IsInt = true;
            n.Int64 = i;
            if (i == 0)
            {
                n.IsUint = true;
                n.Uint64 = u;
            }
        }
        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.Uint64;
        }
        else if (TryParseFloat(text, out var f))
        {
            if (text.IndexOfAny(new[] { '.', 'e', 'E', 'p', 'P' }) < 0) return (null, "integer overflow: " + text);
            n.IsFloat = true;
            n.Float64 = f;
            if (!n.IsInt && f >= -9.2233720368547758E18 && f < 9.2233720368547758E18 && Math.Floor(f) == f)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
            }
            if (!n.IsUint && f >= 0 && f < 1.8446744073709552E19 && Math.Floor(f) == f)
            {
                n.IsUint = true;
                n.Uint64 = (ulong)f;
            }
        }
        if (!n.IsInt && !n.IsUint && !n.IsFloat) return (null, "illegal number syntax: " + GoQuote.Quote(text));
        return (n, null);
    }

    /// <summary>strconv.ParseUint(s, 0, 64).</summary>
    internal static bool TryParseUint(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var s0 = s;
        var b = 10;
        var start = 0;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && (s[1] | 0x20) == 'b') { b = 2; start = 2; }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'o') { b = 8; start = 2; }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'x') { b = 16; start = 2; }
            else { b = 8; start = 1; }
        }
        var underscores = false;
        ulong n = 0;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            int d;
            if (c == '_') { underscores = true; continue; }
            if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
            else return false;
            if (d >= b) return false;
            if (n > (ulong.MaxValue - (ulong)d) / (ulong)b) return false; // overflow: Go's range error
            n = n * (ulong)b + (ulong)d;
        }
        if (underscores && !UnderscoreOK(s0)) return false;
        value = n;
        return true;
    }

    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    internal static bool TryParseInt(string s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var neg = false;
        var body = s;
        if (s[0] == '+' || s[0] == '-')
        {
            neg = s[0] == '-';
            body = s.Substring(1);
        }
        if (!TryParseUint(body, out var un)) return false;
        if (!neg && un >= 1UL << 63) return false;
        if (neg && un > 1UL << 63) return false;
        value = neg ? (long)(0 - un) : (long)un;
        return true;
    }

    /// <summary>strconv.ParseFloat(s, 64) for the forms the lexer lets through; out-of-range values fail as in Go.</summary>
    internal static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        var i = 0;
        var neg = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) { neg = s[i] == '-'; i++; }
        var body = s.Substring(i);
        if (body.Length == 0) return false;
        if (body.IndexOf('_') >= 0)
        {
            if (!UnderscoreOK(s)) return false;
            body = body.Replace("_", "");
        }
        if (body.Length > 2 && body[0] == '0' && (body[1] | 0x20) == 'x') return TryParseHexFloat(body.Substring(2), neg, out value);
        foreach (var c in body)
            if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-')) return false;
        if (!double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d)) return false;
        if (double.IsInfinity(d)) return false;
        value = neg ? -d : d;
        return true;
    }

    private static bool TryParseHexFloat(string s, bool neg, out double value)
    {
        value = 0;
        var p = s.IndexOfAny(new[] { 'p', 'P' });
        if (p < 0) return false; // Go requires the p exponent in hexadecimal floats
        var mant = s.Substring(0, p);
        if (!int.TryParse(s.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp)) return false;
        double m = 0;
        var sawDigit = false;
        var dot = false;
        foreach (var c in mant)
        {
            if (c == '.')
            {
                if (dot) return false;
                dot = true;
                continue;
            }
            var d = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (d < 0) return false;
            sawDigit = true;
            m = m * 16 + d;
            if (dot) exp -= 4;
        }
        if (!sawDigit) return false;
        var v = Math.ScaleB(m, exp);
        if (double.IsInfinity(v)) return false;
        value = neg ? -v : v;
        return true;
    }

    /// <summary>strconv's underscoreOK: underscores only between digits or after a base prefix.</summary>
    internal static bool UnderscoreOK(string s)
    {
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && (s[0] == '-' || s[0] == '+')) s = s.Substring(1);
        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && ((s[1] | 0x20) == 'b' || (s[1] | 0x20) == 'o' || (s[1] | 0x20) == 'x'))
        {
            i = 2;
            saw = '0';
            hex = (s[1] | 0x20) == 'x';
        }
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            {
                saw = '0';
                continue;
            }
            if (c == '_')
            {
                if (saw != '0') return false;
                saw = '_';
                continue;
            }
            if (saw == '_') return false;
            saw = '!';
        }
        return saw != '_';
    }
}
