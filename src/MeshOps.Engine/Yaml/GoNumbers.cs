using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Yaml;

/// <summary>Go's strconv number formatting and parsing, as far as YAML and JSON need them.</summary>
internal static class GoNumbers
{
    /// <summary>strconv.FormatFloat(f, 'g', -1, 64) (or 32 when <paramref name="float32"/>).</summary>
    public static string FormatG(double value, bool float32 = false)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "+Inf";
        if (double.IsNegativeInfinity(value)) return "-Inf";
        var (neg, digits, dp) = Shortest(value, float32);
        var sb = new StringBuilder(24);
        if (neg) sb.Append('-');
        // Go (strconv/ftoa.go): with the shortest precision, %e is chosen when the exponent is < -4 or >= 6.
        var exp = dp - 1;
        if (exp < -4 || exp >= 6) AppendE(sb, digits, dp);
        else AppendF(sb, digits, dp);
        return sb.ToString();
    }

    /// <summary>How encoding/json writes a finite float64: 'f' unless tiny or huge, then 'e' with e-07 cleaned to e-7.</summary>
    public static string FormatJson(double value)
    {
        var abs = Math.Abs(value);
        var (neg, digits, dp) = Shortest(value, false);
        var sb = new StringBuilder(24);
        if (neg) sb.Append('-');
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            AppendE(sb, digits, dp);
            var n = sb.Length;
            if (n >= 4 && sb[n - 4] == 'e' && sb[n - 3] == '-' && sb[n - 2] == '0')
            {
                sb[n - 2] = sb[n - 1];
                sb.Length = n - 1;
            }
        }
        else
        {
            AppendF(sb, digits, dp);
        }
        return sb.ToString();
    }

    /// <summary>%e with the shortest digits: d[.ddd]e±XX.</summary>
    private static void AppendE(StringBuilder sb, string digits, int dp)
    {
        sb.Append(digits[0]);
        if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
        var exp = digits == "0" ? 0 : dp - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10) sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>%f with the shortest digits.</summary>
    private static void AppendF(StringBuilder sb, string digits, int dp)
    {
        if (dp > 0)
        {
            if (digits.Length <= dp)
            {
                sb.Append(digits);
                sb.Append('0', dp - digits.Length);
            }
            else
            {
                sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
            }
        }
        else
        {
            sb.Append('0');
            if (digits != "0") sb.Append('.').Append('0', -dp).Append(digits);
        }
    }

    /// <summary>
    /// Shortest decimal digits that round-trip (what Go's ryu-based shortest formatting finds), with the decimal
    /// point position: value = 0.DIGITS x 10^dp. Zero is ("0", 1).
    /// </summary>
    internal static (bool Negative, string Digits, int Dp) Shortest(double value, bool float32)
    {
        var neg = value < 0 || (value == 0 && double.IsNegative(value));
        var text = float32
            ? Math.Abs((float)value).ToString("R", CultureInfo.InvariantCulture)
            : Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var ePos = text.IndexOfAny(new[] { 'E', 'e' });
        var mantissa = ePos < 0 ? text : text.Substring(0, ePos);
        var exp10 = ePos < 0 ? 0 : int.Parse(text.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa.Substring(0, dot);
        var fracPart = dot < 0 ? "" : mantissa.Substring(dot + 1);
        var all = intPart + fracPart;
        var dp = intPart.Length + exp10;
        var start = 0;
        while (start < all.Length - 1 && all[start] == '0')
        {
            start++;
            dp--;
        }
        var end = all.Length;
        while (end > start + 1 && all[end - 1] == '0') end--;
        var digits = all.Substring(start, end - start);
        if (digits == "0") dp = 1;
        return (neg, digits, dp);
    }

    /// <summary>strconv.ParseUint(s, 0, 64): base prefixes 0b/0o/0x, a bare leading 0 means octal; no sign, no underscores.</summary>
    public static bool TryParseUintBase0(ReadOnlySpan<char> s, out ulong value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var b = 10;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && (s[1] | 0x20) == 'b') { b = 2; s = s[2..]; }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'o') { b = 8; s = s[2..]; }
            else if (s.Length >= 3 && (s[1] | 0x20) == 'x') { b = 16; s = s[2..]; }
            else { b = 8; s = s[1..]; }
        }
        ulong n = 0;
        foreach (var c in s)
        {
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') d = (c | 0x20) - 'a' + 10;
            else return false;
            if (d >= b) return false;
            var next = unchecked(n * (ulong)b + (ulong)d);
            if (n > (ulong.MaxValue - (ulong)d) / (ulong)b) return false;
            n = next;
        }
        value = n;
        return true;
    }

    /// <summary>strconv.ParseInt(s, 0, 64).</summary>
    public static bool TryParseIntBase0(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        if (s.Length == 0) return false;
        var neg = false;
        if (s[0] == '+' || s[0] == '-')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (!TryParseUintBase0(s, out var u)) return false;
        if (!neg)
        {
            if (u > long.MaxValue) return false;
            value = (long)u;
            return true;
        }
        if (u > 1UL << 63) return false;
        value = unchecked(-(long)u);
        return true;
    }

    /// <summary>strconv.ParseInt(s, 2, 64) (digits with optional sign).</summary>
    public static bool TryParseBinary(ReadOnlySpan<char> s, out long value, out ulong unsignedValue, out bool isUnsigned)
    {
        value = 0;
        unsignedValue = 0;
        isUnsigned = false;
        var neg = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s.Length == 0) return false;
        ulong n = 0;
        foreach (var c in s)
        {
            if (c != '0' && c != '1') return false;
            if (n > (ulong.MaxValue >> 1)) return false;
            n = (n << 1) | (ulong)(c - '0');
        }
        if (neg)
        {
            if (n > 1UL << 63) return false;
            value = unchecked(-(long)n);
            return true;
        }
        if (n > long.MaxValue)
        {
            unsignedValue = n;
            isUnsigned = true;
            return true;
        }
        value = (long)n;
        return true;
    }

    /// <summary>ParseFloat of a plain decimal number text (already checked against the YAML float pattern). False on overflow (Go's ErrRange).</summary>
    public static bool TryParseDecimalFloat(string s, out double value)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return false;
        return !double.IsInfinity(value);
    }
}
