using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Charts;

/// <summary>How a --set style expression types its values.</summary>
public enum SetValueMode
{
    /// <summary>--set: true/false/null, integers to int64 (no leading zero), everything else a string.</summary>
    Typed,
    /// <summary>--set-string: every value is a string.</summary>
    String,
    /// <summary>--set-json: every value is JSON (empty means null).</summary>
    Json,
    /// <summary>--set-file: every value is the path of a file whose content becomes the string value.</summary>
    File,
    /// <summary>--set-literal: one key, the whole rest is the string value, no escapes, no commas.</summary>
    Literal,
}

/// <summary>
/// Helm's --set parser (pkg/strvals): <c>a.b=c,d[0]=x,e={1,2}</c>, <c>\</c> escapes, nesting limits. Values merge into
/// an existing map exactly as ParseInto does. Errors are MeshException SetSyntaxInvalid with Helm's text.
/// </summary>
public static class SetValuesParser
{
    /// <summary>Helm's MaxIndex: the largest list index accepted.</summary>
    public const int MaxIndex = 65536;

    /// <summary>Helm's MaxNestedNameLevel.</summary>
    public const int MaxNestedNameLevel = 30;

    /// <summary>Parses one expression into a new map.</summary>
    public static Dictionary<string, object?> Parse(string expression, SetValueMode mode = SetValueMode.Typed, Func<string, string>? readFile = null)
    {
        var dest = new Dictionary<string, object?>(StringComparer.Ordinal);
        ParseInto(expression, dest, mode, readFile);
        return dest;
    }

    /// <summary>Parses one expression and merges it into <paramref name="dest"/> (later keys overwrite).</summary>
    public static void ParseInto(string expression, Dictionary<string, object?> dest, SetValueMode mode = SetValueMode.Typed, Func<string, string>? readFile = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(dest);
        try
        {
            if (mode == SetValueMode.Literal) new LiteralParser(expression, dest).Parse();
            else new StrvalsParser(expression, dest, mode, readFile).Parse();
        }
        catch (StrvalsException e)
        {
            throw ChartErrors.SetSyntax(expression, $"failed parsing {FlagName(mode)} data: {e.Message}");
        }
    }

    internal static string FlagName(SetValueMode mode) => mode switch
    {
        SetValueMode.String => "--set-string",
        SetValueMode.Json => "--set-json",
        SetValueMode.File => "--set-file",
        SetValueMode.Literal => "--set-literal",
        _ => "--set",
    };

    /// <summary>Helm's typedVal for --set.</summary>
    internal static object? TypedValue(string val)
    {
        if (val.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (val.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (val.Equals("null", StringComparison.OrdinalIgnoreCase)) return null;
        if (val == "0") return 0L;
        // Go's ParseInt(base 10) accepts an optional sign and digits only.
        if (val.Length != 0 && val[0] != '0' && IsGoInt(val) && long.TryParse(val, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var iv))
            return iv;
        return val;
    }

    private static bool IsGoInt(string s)
    {
        var start = s[0] is '+' or '-' ? 1 : 0;
        if (start == s.Length) return false;
        for (var i = start; i < s.Length; i++) if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }
}

/// <summary>A parse error with Helm's message (without the "failed parsing --set data: " prefix).</summary>
internal sealed class StrvalsException : Exception
{
    public StrvalsException(string message) : base(message) { }
}

/// <summary>A rune reader over the expression with one-rune unread, like bytes.Buffer.</summary>
internal sealed class RuneScanner
{
    private readonly string _text;
    private int _pos;
    private int _lastWidth;

    public RuneScanner(string text) => _text = text;

    public bool AtEnd => _pos >= _text.Length;

    public string Rest => _text[_pos..];

    public void Skip(int chars) => _pos = Math.Min(_text.Length, _pos + chars);

    /// <summary>Reads one rune; false at the end.</summary>
    public bool Read(out int rune)
    {
        if (_pos >= _text.Length) { rune = 0; _lastWidth = 0; return false; }
        if (char.IsHighSurrogate(_text[_pos]) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
        {
            rune = char.ConvertToUtf32(_text[_pos], _text[_pos + 1]);
            _lastWidth = 2;
        }
        else
        {
            rune = _text[_pos];
            _lastWidth = 1;
        }
        _pos += _lastWidth;
        return true;
    }

    public void Unread() => _pos -= _lastWidth;

    /// <summary>runesUntil: reads up to a stop rune (consumed). With escapes, '\' takes the next rune literally.</summary>
    public bool Until(ReadOnlySpan<int> stops, bool escapes, out string value, out int last)
    {
        var sb = new StringBuilder();
        while (true)
        {
            if (!Read(out var r)) { value = sb.ToString(); last = 0; return false; }
            if (stops.Contains(r)) { value = sb.ToString(); last = r; return true; }
            if (escapes && r == '\\')
            {
                if (!Read(out var next)) { value = sb.ToString(); last = 0; return false; }
                sb.Append(char.ConvertFromUtf32(next));
                continue;
            }
            sb.Append(char.ConvertFromUtf32(r));
        }
    }
}
