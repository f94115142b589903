using System.Collections;
using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating;

/// <summary>
/// Go's fmt package for the engine's values: Sprint, Sprintln, Sprintf and %v formatting, following fmt/print.go
/// and fmt/format.go (flags, width, precision, the %!verb(type=value) error notation, EXTRA and MISSING).
/// </summary>
public static class GoFormat
{
    [ThreadStatic] private static GoPrinter? _cached;

    private static GoPrinter Rent()
    {
        var p = _cached ?? new GoPrinter();
        _cached = null;
        p.Reset();
        return p;
    }

    private static string Return(GoPrinter p)
    {
        var s = p.Buf.ToString();
        if (p.Buf.Capacity <= 4096) _cached = p;
        return s;
    }

    /// <summary>fmt.Sprint: operands formatted with %v; a space between two operands when neither is a string.</summary>
    public static string Sprint(params object?[] args)
    {
        if (args.Length == 1 && args[0] is string s) return s;
        var p = Rent();
        p.DoPrint(args);
        return Return(p);
    }

    /// <summary>fmt.Sprintln: operands with %v, always space-separated, newline appended.</summary>
    public static string Sprintln(params object?[] args)
    {
        var p = Rent();
        p.DoPrintln(args);
        return Return(p);
    }

    /// <summary>fmt.Sprintf with Go's verbs, flags, width, precision and its error notations (%!d(string=x), %!(EXTRA ...), %!s(MISSING)).</summary>
    public static string Sprintf(string format, params object?[] args)
    {
        var p = Rent();
        p.DoPrintf(format, args);
        return Return(p);
    }

    /// <summary>fmt's %v of one value: maps as map[k:v] with sorted keys, slices as [a b], nil as &lt;nil&gt;, floats as strconv 'g' shortest.</summary>
    public static string FormatValue(object? v)
    {
        switch (v)
        {
            case string s: return s;
            case int i: return i.ToString(CultureInfo.InvariantCulture);
            case long l: return l.ToString(CultureInfo.InvariantCulture);
            case bool b: return b ? "true" : "false";
            case double d: return GoFloat.Format(d, 'g', -1);
            case null: return "<nil>";
        }
        var p = Rent();
        p.PrintArg(v, 'v');
        return Return(p);
    }

    /// <summary>Appends a value as the template executor prints it: fmt's %v, a pointer as what it points to.</summary>
    internal static void AppendValue(StringBuilder sb, object? v)
    {
        switch (v)
        {
            case string s: sb.Append(s); return;
            case int i: sb.Append(i); return;
            case long l: sb.Append(l); return;
            case bool b: sb.Append(b ? "true" : "false"); return;
            case double d: GoFloat.Append(sb, d, 'g', -1); return;
            case IGoObject g when g.GoTypeName.StartsWith('*'):
                var p = Rent();
                p.PrintPointee(g);
                sb.Append(Return(p));
                return;
        }
        sb.Append(FormatValue(v));
    }

    /// <summary>Number of runes (code points) in s, as utf8.RuneCountInString counts.</summary>
    internal static int RuneCount(string s)
    {
        var n = s.Length;
        for (var i = 0; i < s.Length - 1; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        }
        return n;
    }

    /// <summary>%#U of a rune: "U+0041 'A'" (the quoted character only when printable).</summary>
    internal static string FormatRuneU(int r)
    {
        var sb = new StringBuilder();
        sb.Append("U+").Append(((long)r).ToString("X4", CultureInfo.InvariantCulture));
        if (r >= 0 && r <= 0x10FFFF && GoQuote.IsPrint(r))
        {
            sb.Append(" '");
            GoQuote.AppendRune(sb, r);
            sb.Append('\'');
        }
        return sb.ToString();
    }
}
