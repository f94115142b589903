using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Helm 4's duration helpers (funcs.go): a duration is a time.Duration, a Go duration string ("1h2m"), a numeric
/// string, an integer or a float of seconds. The plain helpers answer 0 on bad input; mustToDuration fails.
/// </summary>
internal static class HelmDurationFunctions
{
    private const double MaxSecondsFloat = long.MaxValue / 1e9;
    private const double MinSecondsFloat = long.MinValue / 1e9;

    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["mustToDuration"] = (_, a) =>
        {
            FuncArgs.Count("mustToDuration", a, 1);
            return TryAsDuration(a[0], out var d, out var e) ? new GoDurationValue(d) : throw new TemplateFunctionException(e);
        };
        Measure(t, "durationSeconds", d => Seconds(d));
        Measure(t, "durationMilliseconds", d => d / 1_000_000);
        Measure(t, "durationMicroseconds", d => d / 1_000);
        Measure(t, "durationNanoseconds", d => d);
        Measure(t, "durationMinutes", d => Minutes(d));
        Measure(t, "durationHours", d => Hours(d));
        Measure(t, "durationDays", d => Hours(d) / 24.0);
        Measure(t, "durationWeeks", d => Hours(d) / 24.0 / 7.0);
        t["durationRoundTo"] = (_, a) =>
        {
            FuncArgs.Count("durationRoundTo", a, 2);
            if (!TryAsDuration(a[0], out var d, out var _)) return new GoDurationValue(0);
            return new GoDurationValue(TryAsDuration(a[1], out var m, out var _) ? Round(d, m) : d);
        };
        t["durationTruncateTo"] = (_, a) =>
        {
            FuncArgs.Count("durationTruncateTo", a, 2);
            if (!TryAsDuration(a[0], out var d, out var _)) return new GoDurationValue(0);
            return new GoDurationValue(TryAsDuration(a[1], out var m, out var _) && m > 0 ? d - d % m : d);
        };
    }

    private static void Measure(IDictionary<string, TemplateFunc> t, string name, Func<long, object> f) =>
        t[name] = (_, a) =>
        {
            FuncArgs.Count(name, a, 1);
            if (TryAsDuration(a[0], out var d, out var _)) return f(d);
            // Go returns the zero of the function's result type.
            return f(0) is double ? (object)0.0 : (object)0L;
        };

    /// <summary>Helm's asDuration.</summary>
    internal static bool TryAsDuration(object? v, out long d, out string error)
    {
        d = 0;
        error = "";
        switch (v)
        {
            case GoDurationValue g:
                d = g.Nanoseconds;
                return true;
            case string s:
            {
                var trimmed = s.Trim();
                if (trimmed.Length == 0) { error = "empty duration"; return false; }
                if (GoDuration.TryParse(trimmed, out d, out var _)) return true;
                if (GoStrconv.TryParseFloat(trimmed, out var f)) return FromSeconds(f, out d, out error);
                error = "could not parse duration " + GoQuote.Quote(s);
                return false;
            }
            case null:
                error = "invalid duration";
                return false;
            case double f:
                return FromSeconds(f, out d, out error);
            case float f32:
                return FromSeconds(f32, out d, out error);
            case ulong ul:
                if (ul > long.MaxValue / 1_000_000_000) { error = "duration seconds overflow: " + ul; return false; }
                d = (long)ul * 1_000_000_000;
                return true;
        }
        if (GoValues.TryToInt64(v, out var n))
        {
            if (n > long.MaxValue / 1_000_000_000 || n < long.MinValue / 1_000_000_000)
            {
                error = "duration seconds overflow: " + n.ToString(CultureInfo.InvariantCulture);
                return false;
            }
            d = n * 1_000_000_000;
            return true;
        }
        error = "unsupported duration type " + GoValues.TypeOf(v);
        return false;
    }

    private static bool FromSeconds(double seconds, out long d, out string error)
    {
        d = 0;
        error = "";
        if (double.IsNaN(seconds) || double.IsInfinity(seconds))
        {
            error = "invalid duration seconds: " + GoFormat.FormatValue(seconds);
            return false;
        }
        if (seconds > MaxSecondsFloat || seconds < MinSecondsFloat)
        {
            error = "duration seconds overflow: " + GoFormat.FormatValue(seconds);
            return false;
        }
        var nanos = seconds * 1e9;
        if (nanos >= 9.2233720368547758E18 || nanos < -9.2233720368547758E18)
        {
            error = "duration nanoseconds overflow: " + GoFormat.FormatValue(nanos);
            return false;
        }
        d = (long)nanos;
        return true;
    }

    internal static double Seconds(long d) => d / 1_000_000_000 + d % 1_000_000_000 / 1e9;

    internal static double Minutes(long d) => d / 60_000_000_000 + d % 60_000_000_000 / 60e9;

    internal static double Hours(long d) => d / 3_600_000_000_000 + d % 3_600_000_000_000 / 3600e9;

    /// <summary>Duration.Round: to the nearest multiple of m, halves away from zero, saturating.</summary>
    internal static long Round(long d, long m)
    {
        if (m <= 0) return d;
        var r = d % m;
        if (d < 0)
        {
            r = -r;
            if ((ulong)r + (ulong)r < (ulong)m) return d + r;
            var d1 = d - m + r;
            return d1 < d ? d1 : long.MinValue;
        }
        if ((ulong)r + (ulong)r < (ulong)m) return d - r;
        var d2 = d + m - r;
        return d2 > d ? d2 : long.MaxValue;
    }
}
