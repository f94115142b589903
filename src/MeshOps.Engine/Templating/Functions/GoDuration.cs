using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>time.Duration's String and time.ParseDuration, on nanosecond counts.</summary>
internal static class GoDuration
{
    public const long Nanosecond = 1, Microsecond = 1000, Millisecond = 1_000_000, Second = 1_000_000_000, Minute = 60 * Second, Hour = 60 * Minute;

    /// <summary>Duration.String: "1h2m3.5s", "1.5ms", "0s".</summary>
    public static string Format(long d)
    {
        if (d == 0) return "0s";
        var neg = d < 0;
        var u = neg ? (ulong)(-(d + 1)) + 1 : (ulong)d;
        var sb = new StringBuilder();
        if (u < Second)
        {
            if (u < Microsecond) sb.Append(u.ToString(CultureInfo.InvariantCulture)).Append("ns");
            else if (u < Millisecond) sb.Append(Frac(u, 3)).Append("µs");
            else sb.Append(Frac(u, 6)).Append("ms");
        }
        else
        {
            var seconds = Frac(u % Minute, 9);
            u /= Minute;
            if (u > 0)
            {
                var minutes = u % 60;
                u /= 60;
                if (u > 0) sb.Append(u.ToString(CultureInfo.InvariantCulture)).Append('h');
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }
            sb.Append(seconds).Append('s');
        }
        if (neg) sb.Insert(0, '-');
        return sb.ToString();
    }

    // v / 10^prec with the fraction's trailing zeros (and a bare '.') removed.
    private static string Frac(ulong v, int prec)
    {
        ulong pow = 1;
        for (var i = 0; i < prec; i++) pow *= 10;
        var whole = (v / pow).ToString(CultureInfo.InvariantCulture);
        var frac = (v % pow).ToString(CultureInfo.InvariantCulture).PadLeft(prec, '0').TrimEnd('0');
        return frac.Length == 0 ? whole : whole + "." + frac;
    }

    /// <summary>time.ParseDuration; false with Go's error text on bad input.</summary>
    public static bool TryParse(string s, out long d, out string error)
    {
        d = 0;
        error = "";
        var orig = s;
        var neg = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (s == "0") return true;
        if (s.Length == 0)
        {
            error = "time: invalid duration " + GoQuote.Quote(orig);
            return false;
        }
        decimal total = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            var intPart = s[..i];
            var fracPart = "";
            var hadDot = false;
            if (i < s.Length && s[i] == '.')
            {
                hadDot = true;
                var j = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                fracPart = s[j..i];
            }
            if (intPart.Length == 0 && fracPart.Length == 0)
            {
                error = "time: invalid duration " + GoQuote.Quote(orig);
                return false;
            }
            var u = i;
            while (u < s.Length && s[u] != '.' && !char.IsAsciiDigit(s[u])) u++;
            var unit = s[i..u];
            if (unit.Length == 0)
            {
                error = "time: missing unit in duration " + GoQuote.Quote(orig);
                return false;
            }
            long scale = unit switch
            {
                "ns" => Nanosecond,
                "us" or "µs" or "μs" => Microsecond,
                "ms" => Millisecond,
                "s" => Second,
                "m" => Minute,
                "h" => Hour,
                _ => 0,
            };
            if (scale == 0)
            {
                error = "time: unknown unit " + GoQuote.Quote(unit) + " in duration " + GoQuote.Quote(orig);
                return false;
            }
            // Too many digits for decimal is also too long for int64 nanoseconds: Go's overflow error.
            if (!decimal.TryParse((intPart.Length == 0 ? "0" : intPart) + (hadDot && fracPart.Length > 0 ? "." + fracPart : ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
                || number > long.MaxValue / (decimal)scale + 1)
            {
                error = "time: invalid duration " + GoQuote.Quote(orig);
                return false;
            }
            total += decimal.Truncate(number * scale);
            if (total > long.MaxValue)
            {
                error = "time: invalid duration " + GoQuote.Quote(orig);
                return false;
            }
            s = s[u..];
        }
        d = (long)(neg ? -total : total);
        return true;
    }
}
