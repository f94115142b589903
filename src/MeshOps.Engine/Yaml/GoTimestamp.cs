namespace MeshOps.Engine.Yaml;

/// <summary>
/// go-yaml v2's parseTimestamp: Go's time.Parse with the layouts "2006-1-2T15:4:5.999999999Z07:00" (also 't'),
/// "2006-1-2 15:4:5.999999999" and "2006-1-2", including Go's range checks. Only the yes/no answer matters:
/// timestamps decode to strings, and strings that look like timestamps are quoted on output.
/// </summary>
internal static class GoTimestamp
{
    public static bool IsTimestamp(string s)
    {
        // Quick check as go-yaml does: four digits, then '-'.
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i != 4 || i == s.Length || s[i] != '-') return false;
        return TryLayout(s, 'T', zone: true) || TryLayout(s, 't', zone: true) || TryLayout(s, ' ', zone: false) || TryDateOnly(s);
    }

    private static bool TryDateOnly(string s)
    {
        var p = 0;
        return Date(s, ref p) && p == s.Length;
    }

    private static bool TryLayout(string s, char separator, bool zone)
    {
        var p = 0;
        if (!Date(s, ref p)) return false;
        if (p >= s.Length || s[p] != separator) return false;
        p++;
        if (!Number(s, ref p, out var hour) || hour >= 24) return false;
        if (!Expect(s, ref p, ':') || !Number(s, ref p, out var minute) || minute >= 60) return false;
        if (!Expect(s, ref p, ':') || !Number(s, ref p, out var second) || second >= 60) return false;
        // Optional fraction: '.' or ',' followed by at least one digit.
        if (p + 1 < s.Length && (s[p] == '.' || s[p] == ',') && char.IsAsciiDigit(s[p + 1]))
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
        }
        if (zone)
        {
            if (p < s.Length && s[p] == 'Z') p++;
            else
            {
                if (s.Length - p < 6 || (s[p] != '+' && s[p] != '-') || s[p + 3] != ':') return false;
                if (!TwoDigits(s, p + 1, out var zh) || !TwoDigits(s, p + 4, out var zm)) return false;
                if (zh > 24 || zm > 60) return false;
                p += 6;
            }
        }
        return p == s.Length;
    }

    private static bool Date(string s, ref int p)
    {
        var year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        p = 4;
        if (!Expect(s, ref p, '-') || !Number(s, ref p, out var month) || month < 1 || month > 12) return false;
        if (!Expect(s, ref p, '-') || !Number(s, ref p, out var day) || day < 1 || day > DaysIn(month, year)) return false;
        return true;
    }

    private static int DaysIn(int month, int year) =>
        month == 2 ? ((year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;

    private static bool Expect(string s, ref int p, char c)
    {
        if (p >= s.Length || s[p] != c) return false;
        p++;
        return true;
    }

    /// <summary>Go's getnum(value, false): one digit, or two when the second is a digit too.</summary>
    private static bool Number(string s, ref int p, out int value)
    {
        value = 0;
        if (p >= s.Length || !char.IsAsciiDigit(s[p])) return false;
        value = s[p] - '0';
        p++;
        if (p < s.Length && char.IsAsciiDigit(s[p]))
        {
            value = value * 10 + (s[p] - '0');
            p++;
        }
        return true;
    }

    private static bool TwoDigits(string s, int p, out int value)
    {
        value = 0;
        if (!char.IsAsciiDigit(s[p]) || !char.IsAsciiDigit(s[p + 1])) return false;
        value = (s[p] - '0') * 10 + (s[p + 1] - '0');
        return true;
    }
}
