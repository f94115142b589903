namespace MeshOps.Engine.Yaml;

/// <summary>The YAML tags go-yaml v2 resolves scalars to.</summary>
internal enum GoTag
{
    Str,
    Bool,
    Int,
    Float,
    Null,
    Timestamp,
    Merge,
    Binary,
    /// <summary>A tag go-yaml does not resolve (e.g. <c>!foo</c>, <c>!</c>): the text stays a string.</summary>
    Other,
}

/// <summary>
/// go-yaml v2's resolve() (YAML 1.1): booleans y/yes/on/..., nulls, ints in every base with underscores, floats,
/// .inf/.nan, timestamps. Resolved values are bool, null, long, ulong, double or string.
/// </summary>
internal static class GoResolver
{
    public const string LongTagPrefix = "tag:yaml.org,2002:";

    private static readonly Dictionary<string, (GoTag Tag, object? Value)> Known = BuildKnown();

    private static Dictionary<string, (GoTag, object?)> BuildKnown()
    {
        var map = new Dictionary<string, (GoTag, object?)>(StringComparer.Ordinal);
        void Add(GoTag tag, object? value, params string[] words)
        {
            foreach (var w in words) map[w] = (tag, value);
        }
        Add(GoTag.Bool, true, "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
        Add(GoTag.Bool, false, "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");
        Add(GoTag.Null, null, "", "~", "null", "Null", "NULL");
        Add(GoTag.Float, double.NaN, ".nan", ".NaN", ".NAN");
        Add(GoTag.Float, double.PositiveInfinity, ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF");
        Add(GoTag.Float, double.NegativeInfinity, "-.inf", "-.Inf", "-.INF");
        Add(GoTag.Merge, "<<", "<<");
        return map;
    }

    /// <summary>The tag an explicit tag names (long form <c>tag:yaml.org,2002:int</c> or short <c>!!int</c>).</summary>
    public static GoTag TagOf(string tag)
    {
        string suffix;
        if (tag.StartsWith(LongTagPrefix, StringComparison.Ordinal)) suffix = tag.Substring(LongTagPrefix.Length);
        else if (tag.StartsWith("!!", StringComparison.Ordinal)) suffix = tag.Substring(2);
        else return GoTag.Other;
        return suffix switch
        {
            "str" => GoTag.Str,
            "bool" => GoTag.Bool,
            "int" => GoTag.Int,
            "float" => GoTag.Float,
            "null" => GoTag.Null,
            "timestamp" => GoTag.Timestamp,
            "merge" => GoTag.Merge,
            "binary" => GoTag.Binary,
            _ => GoTag.Other,
        };
    }

    public static string ShortTag(GoTag tag) => tag switch
    {
        GoTag.Str => "!!str",
        GoTag.Bool => "!!bool",
        GoTag.Int => "!!int",
        GoTag.Float => "!!float",
        GoTag.Null => "!!null",
        GoTag.Timestamp => "!!timestamp",
        GoTag.Merge => "!!merge",
        GoTag.Binary => "!!binary",
        _ => "!?",
    };

    /// <summary>
    /// resolve(tag, text). <paramref name="explicitTag"/> is null for an untagged plain scalar. A tag that does not
    /// fit the text throws <see cref="FormatException"/> with go-yaml's message.
    /// </summary>
    public static (GoTag Tag, object? Value) Resolve(GoTag? explicitTag, string text)
    {
        if (explicitTag is GoTag.Other or GoTag.Binary or GoTag.Merge) return (explicitTag.Value, text);
        var (rtag, value) = explicitTag == GoTag.Str ? (GoTag.Str, (object?)text) : ResolveUntagged(text, explicitTag);
        if (explicitTag == null || explicitTag == rtag || explicitTag == GoTag.Str) return (rtag, value);
        if (explicitTag == GoTag.Float && rtag == GoTag.Int)
        {
            return (GoTag.Float, value is ulong u ? (double)u : (double)(long)value!);
        }
        throw new FormatException($"cannot decode {ShortTag(rtag)} `{text}` as a {ShortTag(explicitTag.Value)}");
    }

    /// <summary>What an untagged plain scalar with this text resolves to (the encoder asks to decide on quoting).</summary>
    public static GoTag PlainTag(string text) => ResolveUntagged(text, null).Tag;

    private static (GoTag Tag, object? Value) ResolveUntagged(string text, GoTag? explicitTag)
    {
        var hint = text.Length == 0 ? 'N' : Hint(text[0]);
        if (hint == '\0') return (GoTag.Str, text);
        if (Known.TryGetValue(text, out var known)) return known;
        switch (hint)
        {
            case '.':
                if (IsDotFloat(text) && GoNumbers.TryParseDecimalFloat(text, out var f)) return (GoTag.Float, f);
                break;
            case 'D':
            case 'S':
                if ((explicitTag == null || explicitTag == GoTag.Timestamp) && GoTimestamp.IsTimestamp(text))
                {
                    return (GoTag.Timestamp, text);
                }
                var plain = text.IndexOf('_') < 0 ? text : text.Replace("_", "");
                if (GoNumbers.TryParseIntBase0(plain, out var l)) return (GoTag.Int, l);
                if (GoNumbers.TryParseUintBase0(plain, out var u)) return (GoTag.Int, u);
                if (IsYamlStyleFloat(plain) && GoNumbers.TryParseDecimalFloat(plain, out var d)) return (GoTag.Float, d);
                if (plain.StartsWith("0b", StringComparison.Ordinal))
                {
                    if (GoNumbers.TryParseBinary(plain.AsSpan(2), out var b, out var ub, out var isU))
                        return isU ? (GoTag.Int, ub) : (GoTag.Int, b);
                }
                else if (plain.StartsWith("-0b", StringComparison.Ordinal))
                {
                    if (GoNumbers.TryParseBinary(("-" + plain.Substring(3)).AsSpan(), out var b, out _, out _))
                        return (GoTag.Int, b);
                }
                break;
        }
        return (GoTag.Str, text);
    }

    private static char Hint(char c) => c switch
    {
        '+' or '-' => 'S',
        >= '0' and <= '9' => 'D',
        'y' or 'Y' or 'n' or 'N' or 't' or 'T' or 'f' or 'F' or 'o' or 'O' or '~' => 'M',
        '.' => '.',
        '<' => '\0',
        _ => '\0',
    };

    /// <summary>strconv.ParseFloat's grammar for text starting with '.': digits, optional exponent, no underscores.</summary>
    private static bool IsDotFloat(string s)
    {
        var i = 1;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i == start) return false;
        return ExponentRest(s, i);
    }

    /// <summary>^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$</summary>
    internal static bool IsYamlStyleFloat(string s)
    {
        var i = 0;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            var ds = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == ds) return false;
        }
        else
        {
            var ds = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == ds) return false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            }
        }
        return ExponentRest(s, i);
    }

    private static bool ExponentRest(string s, int i)
    {
        if (i == s.Length) return true;
        if (s[i] != 'e' && s[i] != 'E') return false;
        i++;
        if (i < s.Length && (s[i] == '+' || s[i] == '-')) i++;
        var es = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        return i > es && i == s.Length;
    }

    /// <summary>go-yaml's isBase60Float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ (quoted on output).</summary>
    public static bool IsBase60Float(string s)
    {
        if (s.Length == 0) return false;
        var c = s[0];
        if (!(c == '+' || c == '-' || char.IsAsciiDigit(c)) || s.IndexOf(':') < 0) return false;
        var i = 0;
        if (s[i] == '+' || s[i] == '-') i++;
        if (i >= s.Length || !char.IsAsciiDigit(s[i])) return false;
        i++;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
        var groups = 0;
        while (i < s.Length && s[i] == ':')
        {
            i++;
            // [0-5]?[0-9]: one digit, or two digits with the first 0-5.
            if (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]) && s[i] <= '5') i += 2;
                else i += 1;
            }
            else return false;
            groups++;
        }
        if (groups == 0) return false;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '_')) i++;
        }
        return i == s.Length;
    }
}
