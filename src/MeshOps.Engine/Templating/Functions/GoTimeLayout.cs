using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): tokenizing, formatting and parsing.</summary>
internal static class GoTimeLayout
{
    internal enum Std
    {
        None, Month, LongMonth, NumMonth, ZeroMonth, WeekDay, LongWeekDay, Day, UnderDay, ZeroDay, UnderYearDay, ZeroYearDay,
        Hour, Hour12, ZeroHour12, Minute, ZeroMinute, Second, ZeroSecond, LongYear, Year, PM, Lpm, TZ,
        Iso8601TZ, Iso8601SecondsTZ, Iso8601ShortTZ, Iso8601ColonTZ, Iso8601ColonSecondsTZ,
        NumTZ, NumSecondsTz, NumShortTZ, NumColonTZ, NumColonSecondsTZ, FracSecond0, FracSecond9,
    }

    internal static readonly string[] ShortMonths = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    internal static readonly string[] LongMonths = { "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December" };
    internal static readonly string[] ShortDays = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
    internal static readonly string[] LongDays = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };

    /// <summary>time's nextStdChunk: the literal prefix, the token, its text, and (for fractions) the digit count.</summary>
    internal static (string Prefix, Std Std, string Token, int Digits, string Suffix) NextChunk(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            var rest = layout[i..];
            (Std, int, int) found = (Std.None, 0, 0);
            switch (layout[i])
            {
                case 'J':
                    if (rest.StartsWith("January")) found = (Std.LongMonth, 7, 0);
                    else if (rest.StartsWith("Jan")) found = (Std.Month, 3, 0);
                    break;
                case 'M':
                    if (rest.StartsWith("Monday")) found = (Std.LongWeekDay, 6, 0);
                    else if (rest.StartsWith("Mon")) found = (Std.WeekDay, 3, 0);
                    else if (rest.StartsWith("MST")) found = (Std.TZ, 3, 0);
                    break;
                case '0':
                    if (rest.Length >= 2 && rest[1] is >= '1' and <= '6')
                        found = (rest[1] switch { '1' => Std.ZeroMonth, '2' => Std.ZeroDay, '3' => Std.ZeroHour12, '4' => Std.ZeroMinute, '5' => Std.ZeroSecond, _ => Std.Year }, 2, 0);
                    else if (rest.StartsWith("002")) found = (Std.ZeroYearDay, 3, 0);
                    break;
                case '1':
                    found = rest.StartsWith("15") ? (Std.Hour, 2, 0) : (Std.NumMonth, 1, 0);
                    break;
                case '2':
                    found = rest.StartsWith("2006") ? (Std.LongYear, 4, 0) : (Std.Day, 1, 0);
                    break;
                case '_':
                    if (rest.StartsWith("_2"))
                    {
                        // "_2006" is a literal '_' then the year.
                        if (rest.StartsWith("_2006")) return (layout[..(i + 1)], Std.LongYear, "2006", 0, layout[(i + 5)..]);
                        found = (Std.UnderDay, 2, 0);
                    }
                    else if (rest.StartsWith("__2")) found = (Std.UnderYearDay, 3, 0);
                    break;
                case '3': found = (Std.Hour12, 1, 0); break;
                case '4': found = (Std.Minute, 1, 0); break;
                case '5': found = (Std.Second, 1, 0); break;
                case 'P':
                    if (rest.StartsWith("PM")) found = (Std.PM, 2, 0);
                    break;
                case 'p':
                    if (rest.StartsWith("pm")) found = (Std.Lpm, 2, 0);
                    break;
                case '-':
                    if (rest.StartsWith("-070000")) found = (Std.NumSecondsTz, 7, 0);
                    else if (rest.StartsWith("-07:00:00")) found = (Std.NumColonSecondsTZ, 9, 0);
                    else if (rest.StartsWith("-0700")) found = (Std.NumTZ, 5, 0);
                    else if (rest.StartsWith("-07:00")) found = (Std.NumColonTZ, 6, 0);
                    else if (rest.StartsWith("-07")) found = (Std.NumShortTZ, 3, 0);
                    break;
                case 'Z':
                    if (rest.StartsWith("Z070000")) found = (Std.Iso8601SecondsTZ, 7, 0);
                    else if (rest.StartsWith("Z07:00:00")) found = (Std.Iso8601ColonSecondsTZ, 9, 0);
                    else if (rest.StartsWith("Z0700")) found = (Std.Iso8601TZ, 5, 0);
                    else if (rest.StartsWith("Z07:00")) found = (Std.Iso8601ColonTZ, 6, 0);
                    else if (rest.StartsWith("Z07")) found = (Std.Iso8601ShortTZ, 3, 0);
                    break;
                case '.':
                case ',':
                    if (rest.Length > 1 && rest[1] is '0' or '9')
                    {
                        var ch = rest[1];
                        var j = 1;
                        while (j < rest.Length && rest[j] == ch) j++;
                        if (!(j < rest.Length && char.IsAsciiDigit(rest[j])))
                            found = (ch == '0' ? Std.FracSecond0 : Std.FracSecond9, j, j - 1);
                    }
                    break;
            }
            if (found.Item1 != Std.None)
                return (layout[..i], found.Item1, rest[..found.Item2], found.Item3, rest[found.Item2..]);
        }
        return (layout, Std.None, "", 0, "");
    }

    /// <summary>Time.Format for a wall-clock time, its UTC offset and the zone's abbreviation (null when unknown).</summary>
    public static string Format(DateTime wall, long nanosOfSecond, TimeSpan offset, string? zoneName, string layout)
    {
        var sb = new StringBuilder();
        while (layout.Length > 0)
        {
            var (prefix, std, token, digits, suffix) = NextChunk(layout);
            sb.Append(prefix);
            if (std == Std.None) break;
            layout = suffix;
            var hour = wall.Hour;
            switch (std)
            {
                case Std.Year: sb.Append((wall.Year % 100).ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.LongYear: sb.Append(wall.Year.ToString("0000", CultureInfo.InvariantCulture)); break;
                case Std.Month: sb.Append(ShortMonths[wall.Month - 1]); break;
                case Std.LongMonth: sb.Append(LongMonths[wall.Month - 1]); break;
                case Std.NumMonth: sb.Append(wall.Month.ToString(CultureInfo.InvariantCulture)); break;
                case Std.ZeroMonth: sb.Append(wall.Month.ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.WeekDay: sb.Append(ShortDays[(int)wall.DayOfWeek]); break;
                case Std.LongWeekDay: sb.Append(LongDays[(int)wall.DayOfWeek]); break;
                case Std.Day: sb.Append(wall.Day.ToString(CultureInfo.InvariantCulture)); break;
                case Std.UnderDay: sb.Append(wall.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
                case Std.ZeroDay: sb.Append(wall.Day.ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.UnderYearDay: sb.Append(wall.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3)); break;
                case Std.ZeroYearDay: sb.Append(wall.DayOfYear.ToString("000", CultureInfo.InvariantCulture)); break;
                case Std.Hour: sb.Append(hour.ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.Hour12: sb.Append((hour % 12 == 0 ? 12 : hour % 12).ToString(CultureInfo.InvariantCulture)); break;
                case Std.ZeroHour12: sb.Append((hour % 12 == 0 ? 12 : hour % 12).ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.Minute: sb.Append(wall.Minute.ToString(CultureInfo.InvariantCulture)); break;
                case Std.ZeroMinute: sb.Append(wall.Minute.ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.Second: sb.Append(wall.Second.ToString(CultureInfo.InvariantCulture)); break;
                case Std.ZeroSecond: sb.Append(wall.Second.ToString("00", CultureInfo.InvariantCulture)); break;
                case Std.PM: sb.Append(hour >= 12 ? "PM" : "AM"); break;
                case Std.Lpm: sb.Append(hour >= 12 ? "pm" : "am"); break;
                case Std.TZ:
                    if (!string.IsNullOrEmpty(zoneName)) sb.Append(zoneName);
                    else AppendOffset(sb, offset, false, false, false);
                    break;
                case Std.Iso8601TZ or Std.Iso8601ColonTZ or Std.Iso8601SecondsTZ or Std.Iso8601ShortTZ or Std.Iso8601ColonSecondsTZ
                    when offset == TimeSpan.Zero:
                    sb.Append('Z');
                    break;
                case Std.Iso8601TZ or Std.NumTZ: AppendOffset(sb, offset, false, false, false); break;
                case Std.Iso8601ColonTZ or Std.NumColonTZ: AppendOffset(sb, offset, true, false, false); break;
                case Std.Iso8601SecondsTZ or Std.NumSecondsTz: AppendOffset(sb, offset, false, true, false); break;
                case Std.Iso8601ColonSecondsTZ or Std.NumColonSecondsTZ: AppendOffset(sb, offset, true, true, false); break;
                case Std.Iso8601ShortTZ or Std.NumShortTZ: AppendOffset(sb, offset, false, false, true); break;
                case Std.FracSecond0:
                case Std.FracSecond9:
                {
                    var frac = nanosOfSecond.ToString("000000000", CultureInfo.InvariantCulture)[..Math.Min(digits, 9)];
                    if (std == Std.FracSecond9)
                    {
                        frac = frac.TrimEnd('0');
                        if (frac.Length == 0) break;
                    }
                    sb.Append(token[0]).Append(frac); // the layout's own separator, '.' or ','
                    break;
                }
            }
        }
        return sb.ToString();
    }

    private static void AppendOffset(StringBuilder sb, TimeSpan offset, bool colons, bool seconds, bool hoursOnly)
    {
        var total = (int)offset.TotalSeconds;
        sb.Append(total < 0 ? '-' : '+');
        total = Math.Abs(total);
        sb.Append((total / 3600).ToString("00", CultureInfo.InvariantCulture));
        if (hoursOnly) return;
        if (colons) sb.Append(':');
        sb.Append((total / 60 % 60).ToString("00", CultureInfo.InvariantCulture));
        if (!seconds) return;
        if (colons) sb.Append(':');
        sb.Append((total % 60).ToString("00", CultureInfo.InvariantCulture));
    }
}
