using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's date.go. Inputs that are not a time or an integer mean "now", exactly as in Sprig.</summary>
internal static class SprigDateFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["now"] = (_, a) =>
        {
            FuncArgs.Count("now", a, 0);
            return GoTime.Now();
        };
        t["date"] = (_, a) =>
        {
            FuncArgs.Count("date", a, 2);
            return DateInZone(FuncArgs.Str(a[0]), a[1], "Local");
        };
        TemplateFunc dateInZone = (_, a) =>
        {
            FuncArgs.Count("dateInZone", a, 3);
            var fmt = FuncArgs.Str(a[0]);
            return DateInZone(fmt, a[1], FuncArgs.Str(a[2]));
        };
        t["dateInZone"] = dateInZone;
        t["date_in_zone"] = dateInZone;
        t["htmlDate"] = (_, a) =>
        {
            FuncArgs.Count("htmlDate", a, 1);
            return DateInZone("2006-01-02", a[0], "Local");
        };
        t["htmlDateInZone"] = (_, a) =>
        {
            FuncArgs.Count("htmlDateInZone", a, 2);
            return DateInZone("2006-01-02", a[0], FuncArgs.Str(a[1]));
        };
        TemplateFunc dateModify = (_, a) =>
        {
            FuncArgs.Count("dateModify", a, 2);
            var fmt = FuncArgs.Str(a[0]);
            var date = Time(a[1]);
            return GoDuration.TryParse(fmt, out var d, out var _) ? date.Add(d) : date;
        };
        t["dateModify"] = dateModify;
        t["date_modify"] = dateModify;
        TemplateFunc mustDateModify = (_, a) =>
        {
            FuncArgs.Count("mustDateModify", a, 2);
            var fmt = FuncArgs.Str(a[0]);
            var date = Time(a[1]);
            return GoDuration.TryParse(fmt, out var d, out var error) ? date.Add(d) : throw new TemplateFunctionException(error);
        };
        t["mustDateModify"] = mustDateModify;
        t["must_date_modify"] = mustDateModify;
        t["ago"] = (_, a) =>
        {
            FuncArgs.Count("ago", a, 1);
            var then = a[0] switch
            {
                GoTime g => g,
                long l => GoTime.FromUnix(l),
                int i => GoTime.FromUnix(i),
                _ => GoTime.Now(),
            };
            return GoDuration.Format(RoundToSecond(GoTime.Now().Sub(then)));
        };
        t["duration"] = (_, a) =>
        {
            FuncArgs.Count("duration", a, 1);
            // Sprig reads only a string or an int64 here: a template literal (int) or a float64 value gives "0s".
            long n = a[0] switch
            {
                string s => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0,
                long l => l,
                _ => 0,
            };
            return GoDuration.Format(unchecked(n * GoDuration.Second));
        };
        t["durationRound"] = (_, a) =>
        {
            FuncArgs.Count("durationRound", a, 1);
            long d = a[0] switch
            {
                string s => GoDuration.TryParse(s, out var v, out var _) ? v : 0,
                long l => l,
                GoTime g => GoTime.Now().Sub(g),
                _ => 0,
            };
            return DurationRound(d);
        };
        t["toDate"] = (_, a) =>
        {
            FuncArgs.Count("toDate", a, 2);
            var (fmt, s) = (FuncArgs.Str(a[0]), FuncArgs.Str(a[1]));
            try
            {
                return GoTimeParser.Parse(fmt, s, TimeZoneInfo.Local);
            }
            catch (TemplateFunctionException)
            {
                return GoTime.Zero;
            }
        };
        t["mustToDate"] = (_, a) =>
        {
            FuncArgs.Count("mustToDate", a, 2);
            return GoTimeParser.Parse(FuncArgs.Str(a[0]), FuncArgs.Str(a[1]), TimeZoneInfo.Local);
        };
        t["unixEpoch"] = (_, a) =>
        {
            FuncArgs.Count("unixEpoch", a, 1);
            return Time(a[0]).Unix.ToString(CultureInfo.InvariantCulture);
        };
    }

    private static GoTime Time(object? v) => v as GoTime ?? throw FuncArgs.WrongType("time.Time", v);

    /// <summary>Sprig's dateInZone: time values, and int/int64 as Unix seconds; anything else is now. Unknown zones fall back to UTC.</summary>
    internal static string DateInZone(string fmt, object? date, string zone)
    {
        var t = date switch
        {
            GoTime g => g,
            long l => GoTime.FromUnix(l),
            int i => GoTime.FromUnix(i),
            _ => GoTime.Now(),
        };
        var loc = GoTime.LoadLocation(zone) ?? TimeZoneInfo.Utc;
        return t.In(loc).Format(fmt);
    }

    // Duration.Round(time.Second): halves away from zero.
    private static long RoundToSecond(long d)
    {
        var r = d % GoDuration.Second;
        if (d < 0)
        {
            r = -r;
            return r + r < GoDuration.Second ? d + r : d - (GoDuration.Second - r);
        }
        return r + r < GoDuration.Second ? d - r : d + (GoDuration.Second - r);
    }

    /// <summary>Sprig's durationRound: the largest whole unit (y, mo, d, h, m, s) strictly exceeded.</summary>
    internal static string DurationRound(long d)
    {
        var u = d < 0 ? unchecked((ulong)(-d)) : (ulong)d;
        const ulong hour = 3_600_000_000_000UL;
        (ulong Size, string Unit)[] units =
        {
            (hour * 24 * 365, "y"), (hour * 24 * 30, "mo"), (hour * 24, "d"), (hour, "h"), (60_000_000_000UL, "m"), (1_000_000_000UL, "s"),
        };
        foreach (var (size, unit) in units)
            if (u > size) return (u / size).ToString(CultureInfo.InvariantCulture) + unit;
        return "0s";
    }
}
