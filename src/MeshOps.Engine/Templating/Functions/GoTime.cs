using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Go's time.Time as templates see it (Sprig's now, toDate, dateModify): an instant with nanoseconds and a location.
/// Zone abbreviations are known only for UTC; other zones print their numeric offset where Go prints e.g. "CET".
/// </summary>
public sealed class GoTime : IGoObject, Yaml.IGoJsonMarshaler
{
    private readonly DateTimeOffset _instant; // UTC instant, 100 ns resolution
    private readonly int _extraNanos;         // 0..99, the nanoseconds below a tick
    private readonly TimeZoneInfo? _location;
    private readonly string? _fixedName;
    private readonly TimeSpan _fixedOffset;

    private GoTime(DateTimeOffset instant, int extraNanos, TimeZoneInfo? location, string? fixedName, TimeSpan fixedOffset)
    {
        _instant = instant.ToUniversalTime();
        _extraNanos = extraNanos;
        _location = location;
        _fixedName = fixedName;
        _fixedOffset = fixedOffset;
    }

    /// <summary>The instant in a location (TimeZoneInfo.Utc, TimeZoneInfo.Local or an IANA zone).</summary>
    public static GoTime FromInstant(DateTimeOffset instant, TimeZoneInfo location, long extraNanos = 0) =>
        new(instant, (int)extraNanos, location, null, TimeSpan.Zero);

    /// <summary>The instant in a fixed zone (time.FixedZone).</summary>
    public static GoTime FromFixedZone(DateTimeOffset instant, string name, TimeSpan offset, long extraNanos = 0) =>
        new(instant, (int)extraNanos, null, name, offset);

    /// <summary>Go's zero time, 0001-01-01 00:00:00 UTC.</summary>
    public static GoTime Zero { get; } = new(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), 0, TimeZoneInfo.Utc, null, TimeSpan.Zero);

    /// <summary>time.Unix(sec, 0) in the local zone.</summary>
    public static GoTime FromUnix(long seconds) => FromInstant(DateTimeOffset.FromUnixTimeSeconds(seconds), TimeZoneInfo.Local);

    /// <summary>time.Now().</summary>
    public static GoTime Now() => FromInstant(DateTimeOffset.UtcNow, TimeZoneInfo.Local);

    public DateTimeOffset Instant => _instant;

    public TimeSpan Offset => _location != null ? _location.GetUtcOffset(_instant) : _fixedOffset;

    private DateTime Wall => _instant.ToOffset(Offset).DateTime;

    private long NanosOfSecond => _instant.Ticks % TimeSpan.TicksPerSecond * 100 + _extraNanos;

    /// <summary>The zone's abbreviation as Go prints it for MST, or null when unknown.</summary>
    private string? ZoneName
    {
        get
        {
            if (_location == null) return string.IsNullOrEmpty(_fixedName) ? null : _fixedName;
            if (_location == TimeZoneInfo.Utc || _location.Id is "UTC" or "Etc/UTC" or "Etc/Universal" ||
                _location == TimeZoneInfo.Local && TimeZoneInfo.Local.BaseUtcOffset == TimeSpan.Zero && !TimeZoneInfo.Local.SupportsDaylightSavingTime)
                return "UTC";
            return null;
        }
    }

    /// <summary>The same instant in another location (Time.In).</summary>
    public GoTime In(TimeZoneInfo location) => new(_instant, _extraNanos, location, null, TimeSpan.Zero);

    /// <summary>Time.Format.</summary>
    public string Format(string layout) => GoTimeLayout.Format(Wall, NanosOfSecond, Offset, ZoneName, layout);

    /// <summary>Time.Unix.</summary>
    public long Unix => _instant.ToUnixTimeSeconds();

    /// <summary>Time.Add.</summary>
    public GoTime Add(long nanoseconds)
    {
        var total = _extraNanos + nanoseconds % 100;
        var ticks = nanoseconds / 100 + Math.DivRem(total, 100, out var rem) - (rem < 0 ? 1 : 0);
        rem = rem < 0 ? rem + 100 : rem;
        return new GoTime(_instant.AddTicks(ticks), (int)rem, _location, _fixedName, _fixedOffset);
    }

    /// <summary>t.Sub(u) in nanoseconds.</summary>
    public long Sub(GoTime other) => (_instant.Ticks - other._instant.Ticks) * 100 + _extraNanos - other._extraNanos;

    /// <summary>Time.String: "2006-01-02 15:04:05.999999999 -0700 MST".</summary>
    public override string ToString() => Format("2006-01-02 15:04:05.999999999 -0700 MST");

    string IGoObject.GoTypeName => "time.Time";

    /// <summary>Time.MarshalJSON: RFC 3339 with nanoseconds.</summary>
    object? Yaml.IGoJsonMarshaler.JsonValue => Format("2006-01-02T15:04:05.999999999Z07:00");

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name switch
        {
            "String" => NoArgs(name, ToString),
            "Format" => (_, a) =>
            {
                FuncArgs.Count(name, a, 1);
                return Format(FuncArgs.Str(a[0]));
            },
            "Unix" => NoArgs(name, () => Unix),
            "UnixMilli" => NoArgs(name, () => _instant.ToUnixTimeMilliseconds()),
            "UnixNano" => NoArgs(name, () => (_instant.Ticks - DateTimeOffset.UnixEpoch.Ticks) * 100 + _extraNanos),
            "UTC" => NoArgs(name, () => In(TimeZoneInfo.Utc)),
            "Local" => NoArgs(name, () => In(TimeZoneInfo.Local)),
            "Year" => NoArgs(name, () => Wall.Year),
            "Month" => NoArgs(name, () => GoTimeUnit.Month(Wall.Month)),
            "Weekday" => NoArgs(name, () => GoTimeUnit.Weekday(Wall.DayOfWeek)),
            "Day" => NoArgs(name, () => Wall.Day),
            "Hour" => NoArgs(name, () => Wall.Hour),
            "Minute" => NoArgs(name, () => Wall.Minute),
            "Second" => NoArgs(name, () => Wall.Second),
            "Nanosecond" => NoArgs(name, () => (int)NanosOfSecond),
            "YearDay" => NoArgs(name, () => Wall.DayOfYear),
            "IsZero" => NoArgs(name, () => _instant == Zero._instant && _extraNanos == 0),
            "Add" => (_, a) =>
            {
                FuncArgs.Count(name, a, 1);
                return Add(SprigCast.ToInt64(a[0]));
            },
            "Sub" => (_, a) =>
            {
                FuncArgs.Count(name, a, 1);
                return Sub(a[0] as GoTime ?? throw FuncArgs.WrongType("time.Time", a[0]));
            },
            "Before" => Compare(name, c => c < 0),
            "After" => Compare(name, c => c > 0),
            "Equal" => Compare(name, c => c == 0),
            _ => null,
        };
        return method != null;
    }

    private TemplateFunc Compare(string name, Func<long, bool> test) => (_, a) =>
    {
        FuncArgs.Count(name, a, 1);
        return test(Sub(a[0] as GoTime ?? throw FuncArgs.WrongType("time.Time", a[0])));
    };

    private static TemplateFunc NoArgs(string name, Func<object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 0);
        return f();
    };

    /// <summary>time.LoadLocation: "" and "UTC" are UTC, "Local" the machine's zone, otherwise an IANA name; null when unknown.</summary>
    public static TimeZoneInfo? LoadLocation(string name)
    {
        if (name is "" or "UTC") return TimeZoneInfo.Utc;
        if (name == "Local") return TimeZoneInfo.Local;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
