using System.Globalization;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>time.ParseInLocation for Go layouts: what toDate needs, with Go's error text.</summary>
internal static class GoTimeParser
{
    /// <summary>Parses <paramref name="value"/> by <paramref name="layout"/>; a value without zone is in <paramref name="location"/>.</summary>
    public static GoTime Parse(string layout, string value, TimeZoneInfo location)
    {
        var origLayout = layout;
        var origValue = value;
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, yday = -1;
        long nanos = 0;
        bool pmSet = false, amSet = false;
        TimeSpan? offset = null;
        string? zoneName = null;
        while (true)
        {
            var (prefix, std, token, digits, suffix) = GoTimeLayout.NextChunk(layout);
            var stdText = token;
            if (!value.StartsWith(prefix, StringComparison.Ordinal))
                throw Error(origLayout, origValue, value, prefix);
            value = value[prefix.Length..];
            if (std == GoTimeLayout.Std.None)
            {
                if (value.Length != 0)
                    throw new TemplateFunctionException($"parsing time {GoQuote.Quote(origValue)}: extra text: {GoQuote.Quote(value)}");
                break;
            }
            layout = suffix;
            var hold = value;
            bool ok = true;
            switch (std)
            {
                case GoTimeLayout.Std.Year:
                    ok = TakeDigits(ref value, 2, 2, out var y2);
                    year = y2 >= 69 ? y2 + 1900 : y2 + 2000;
                    break;
                case GoTimeLayout.Std.LongYear:
                    ok = value.Length >= 4 && value[..4].All(char.IsAsciiDigit) && TakeDigits(ref value, 4, 4, out year);
                    break;
                case GoTimeLayout.Std.Month:
                    ok = TakeName(ref value, GoTimeLayout.ShortMonths, out month);
                    month++;
                    break;
                case GoTimeLayout.Std.LongMonth:
                    ok = TakeName(ref value, GoTimeLayout.LongMonths, out month);
                    month++;
                    break;
                case GoTimeLayout.Std.NumMonth or GoTimeLayout.Std.ZeroMonth:
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroMonth ? 2 : 1, 2, out month) && month is >= 1 and <= 12;
                    break;
                case GoTimeLayout.Std.WeekDay:
                    ok = TakeName(ref value, GoTimeLayout.ShortDays, out var _);
                    break;
                case GoTimeLayout.Std.LongWeekDay:
                    ok = TakeName(ref value, GoTimeLayout.LongDays, out var _);
                    break;
                case GoTimeLayout.Std.Day or GoTimeLayout.Std.UnderDay or GoTimeLayout.Std.ZeroDay:
                    if (std == GoTimeLayout.Std.UnderDay && value.StartsWith(' ')) value = value[1..];
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroDay ? 2 : 1, 2, out day);
                    break;
                case GoTimeLayout.Std.UnderYearDay or GoTimeLayout.Std.ZeroYearDay:
                    value = std == GoTimeLayout.Std.UnderYearDay ? value.TrimStart(' ') : value;
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroYearDay ? 3 : 1, 3, out yday);
                    break;
                case GoTimeLayout.Std.Hour:
                    ok = TakeDigits(ref value, 2, 2, out hour) && hour < 24;
                    break;
                case GoTimeLayout.Std.Hour12 or GoTimeLayout.Std.ZeroHour12:
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroHour12 ? 2 : 1, 2, out hour) && hour <= 12;
                    break;
                case GoTimeLayout.Std.Minute or GoTimeLayout.Std.ZeroMinute:
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroMinute ? 2 : 1, 2, out minute) && minute < 60;
                    break;
                case GoTimeLayout.Std.Second or GoTimeLayout.Std.ZeroSecond:
                    ok = TakeDigits(ref value, std == GoTimeLayout.Std.ZeroSecond ? 2 : 1, 2, out second) && second < 60;
                    // Go accepts a fractional second after the seconds even when the layout has none.
                    if (ok && value.Length > 1 && value[0] is '.' or ',' && char.IsAsciiDigit(value[1]) &&
                        GoTimeLayout.NextChunk(layout).Std is not (GoTimeLayout.Std.FracSecond0 or GoTimeLayout.Std.FracSecond9))
                    {
                        var n = 1;
                        while (n < value.Length && char.IsAsciiDigit(value[n])) n++;
                        nanos = Nanos(value[1..n]);
                        value = value[n..];
                    }
                    break;
                case GoTimeLayout.Std.PM:
                    ok = value.Length >= 2 && (value[..2] is "PM" or "AM");
                    if (ok) { pmSet = value[..2] == "PM"; amSet = !pmSet; value = value[2..]; }
                    break;
                case GoTimeLayout.Std.Lpm:
                    ok = value.Length >= 2 && (value[..2] is "pm" or "am");
                    if (ok) { pmSet = value[..2] == "pm"; amSet = !pmSet; value = value[2..]; }
                    break;
                case GoTimeLayout.Std.TZ:
                    if (value.StartsWith("UTC", StringComparison.Ordinal)) { offset = TimeSpan.Zero; zoneName = "UTC"; value = value[3..]; break; }
                    var len = 0;
                    while (len < value.Length && char.IsAsciiLetterUpper(value[len])) len++;
                    ok = len >= 3;
                    if (ok) { zoneName = value[..len]; value = value[len..]; }
                    break;
                case GoTimeLayout.Std.FracSecond0 or GoTimeLayout.Std.FracSecond9:
                {
                    if (std == GoTimeLayout.Std.FracSecond9 && (value.Length == 0 || value[0] != stdText[0])) break;
                    ok = value.Length > 0 && value[0] == stdText[0];
                    if (!ok) break;
                    var n = 1;
                    while (n < value.Length && char.IsAsciiDigit(value[n])) n++;
                    if (std == GoTimeLayout.Std.FracSecond0 && n - 1 != digits) { ok = false; break; }
                    nanos = Nanos(value[1..n]);
                    value = value[n..];
                    break;
                }
                default:
                    // The numeric and ISO 8601 zone forms.
                    if (std.ToString().StartsWith("Iso8601") && value.StartsWith('Z'))
                    {
                        value = value[1..];
                        offset = TimeSpan.Zero;
                        zoneName = "UTC";
                        break;
                    }
                    ok = TakeOffset(ref value, std, out var off);
                    if (ok) offset = off;
                    break;
            }
            if (!ok) throw Error(origLayout, origValue, hold, stdText);
        }
        if (pmSet && hour < 12) hour += 12;
        else if (amSet && hour == 12) hour = 0;
        if (yday >= 0)
        {
            var start = new DateTime(year, 1, 1);
            var d = start.AddDays(yday - 1);
            month = d.Month;
            day = d.Day;
        }
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            throw new TemplateFunctionException($"parsing time {GoQuote.Quote(origValue)}: day out of range");
        var wall = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (offset is { } o)
        {
            var instant = new DateTimeOffset(wall, o).AddTicks(nanos / 100);
            // A zone whose offset matches the location keeps the location's name, as Go does.
            if (o == TimeSpan.Zero && zoneName == "UTC") return GoTime.FromInstant(instant, TimeZoneInfo.Utc, nanos % 100);
            var local = location.GetUtcOffset(instant);
            return local == o ? GoTime.FromInstant(instant, location, nanos % 100) : GoTime.FromFixedZone(instant, zoneName ?? "", o, nanos % 100);
        }
        if (zoneName != null && zoneName != "UTC")
        {
            // An abbreviation alone: Go uses the location's offset when it knows the name, else a zero offset with that name.
            var guess = new DateTimeOffset(wall, location.GetUtcOffset(wall));
            return GoTime.FromFixedZone(guess.AddTicks(nanos / 100), zoneName, guess.Offset, nanos % 100);
        }
        var tz = zoneName == "UTC" ? TimeZoneInfo.Utc : location;
        var dto = new DateTimeOffset(wall, tz.IsInvalidTime(wall) ? tz.BaseUtcOffset : tz.GetUtcOffset(wall));
        return GoTime.FromInstant(dto.AddTicks(nanos / 100), tz, nanos % 100);
    }

    private static long Nanos(string digits)
    {
        var d = digits.Length > 9 ? digits[..9] : digits.PadRight(9, '0');
        return long.Parse(d, CultureInfo.InvariantCulture);
    }

    private static bool TakeDigits(ref string value, int min, int max, out int result)
    {
        result = 0;
        var n = 0;
        while (n < max && n < value.Length && char.IsAsciiDigit(value[n])) n++;
        if (n < min) return false;
        result = int.Parse(value[..n], CultureInfo.InvariantCulture);
        value = value[n..];
        return true;
    }

    private static bool TakeName(ref string value, string[] names, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            if (value.Length >= names[index].Length && string.Equals(value[..names[index].Length], names[index], StringComparison.OrdinalIgnoreCase))
            {
                value = value[names[index].Length..];
                return true;
            }
        }
        return false;
    }

    private static bool TakeOffset(ref string value, GoTimeLayout.Std std, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var name = std.ToString();
        var colon = name.Contains("Colon");
        var seconds = name.Contains("Seconds");
        var shortForm = name.Contains("Short");
        var need = 3 + (shortForm ? 0 : colon ? 3 : 2) + (seconds ? (colon ? 3 : 2) : 0);
        if (value.Length < need || value[0] is not ('+' or '-')) return false;
        var text = value[..need];
        var digits = text[1..].Replace(":", "");
        if (!digits.All(char.IsAsciiDigit)) return false;
        if (colon && (text[3] != ':' || seconds && text[6] != ':')) return false;
        var h = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var m = shortForm ? 0 : int.Parse(digits[2..4], CultureInfo.InvariantCulture);
        var s = seconds ? int.Parse(digits[4..6], CultureInfo.InvariantCulture) : 0;
        offset = new TimeSpan(h, m, s);
        if (text[0] == '-') offset = -offset;
        value = value[need..];
        return true;
    }

    private static TemplateFunctionException Error(string layout, string value, string valueElem, string layoutElem) =>
        new($"parsing time {GoQuote.Quote(value)} as {GoQuote.Quote(layout)}: cannot parse {GoQuote.Quote(valueElem)} as {GoQuote.Quote(layoutElem)}");
}
