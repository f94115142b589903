using System.Globalization;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>Helm's strvals parser (parser.go) for --set, --set-string, --set-json and --set-file.</summary>
internal sealed class StrvalsParser
{
    private static readonly int[] KeyStops = { '=', '[', ',', '.' };
    private static readonly int[] IndexStops = { ']' };
    private static readonly int[] ListItemStops = { '[', '.', '=' };
    private static readonly int[] ValueStops = { ',' };
    private static readonly int[] ListStops = { ',', '}' };

    private readonly RuneScanner _sc;
    private readonly Dictionary<string, object?> _data;
    private readonly SetValueMode _mode;
    private readonly Func<string, string>? _readFile;

    public StrvalsParser(string text, Dictionary<string, object?> data, SetValueMode mode, Func<string, string>? readFile)
    {
        _sc = new RuneScanner(text);
        _data = data;
        _mode = mode;
        _readFile = readFile;
    }

    /// <summary>Go's io.EOF travelling up as a normal end of input.</summary>
    private sealed class EndOfInput : Exception { }

    public void Parse()
    {
        try
        {
            while (true) Key(_data, 0);
        }
        catch (EndOfInput)
        {
        }
    }

    private object? Convert(string raw) => _mode switch
    {
        SetValueMode.String => raw,
        SetValueMode.File => _readFile is null
            ? throw new StrvalsException("--set-file needs a file reader")
            : ReadFile(raw),
        _ => SetValuesParser.TypedValue(raw),
    };

    private string ReadFile(string path)
    {
        try
        {
            return _readFile!(path);
        }
        catch (IOException e)
        {
            throw new StrvalsException($"open {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new StrvalsException($"open {path}: {e.Message}");
        }
    }

    private void Key(Dictionary<string, object?> data, int nestedNameLevel)
    {
        try
        {
            KeyInner(data, nestedNameLevel);
        }
        catch (GoPanic p)
        {
            throw new StrvalsException("unable to parse key: " + p.Message);
        }
    }

    private void KeyInner(Dictionary<string, object?> data, int nestedNameLevel)
    {
        var found = _sc.Until(KeyStops, escapes: true, out var k, out var last);
        if (!found)
        {
            if (k.Length == 0) throw new EndOfInput();
            throw new StrvalsException($"key \"{k}\" has no value");
        }
        switch (last)
        {
            case '[':
            {
                var i = KeyIndex();
                var list = new List<object?>();
                if (data.TryGetValue(k, out var existing)) list = AsList(existing);
                try
                {
                    list = ListItem(list, i, nestedNameLevel);
                }
                finally
                {
                    Set(data, k, list);
                }
                return;
            }
            case '=':
                if (_mode == SetValueMode.Json)
                {
                    if (EmptyValue()) { Set(data, k, null); return; }
                    Set(data, k, ReadJsonValue());
                    EmptyValue();
                    return;
                }
                if (ValueList(out var vl, out var eof))
                {
                    Set(data, k, vl);
                    return;
                }
                if (eof)
                {
                    Set(data, k, "");
                    throw new EndOfInput();
                }
                {
                    // At the end of input Helm still returns nil here; the next key reads the end.
                    _sc.Until(ValueStops, escapes: true, out var rs, out _);
                    Set(data, k, Convert(rs));
                }
                return;
            case ',':
                Set(data, k, "");
                throw new StrvalsException($"key \"{k}\" has no value (cannot end with ,)");
            default: // '.'
            {
                nestedNameLevel++;
                if (nestedNameLevel > SetValuesParser.MaxNestedNameLevel)
                    throw new StrvalsException($"value name nested level is greater than maximum supported nested level of {SetValuesParser.MaxNestedNameLevel}");
                var inner = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (data.TryGetValue(k, out var existing)) inner = AsMap(existing);
                var ended = false;
                try
                {
                    Key(inner, nestedNameLevel);
                }
                catch (EndOfInput)
                {
                    ended = true;
                }
                finally
                {
                    if (inner.Count != 0) Set(data, k, inner);
                }
                if (!ended && inner.Count == 0) throw new StrvalsException($"key map \"{k}\" has no value");
                if (ended) throw new EndOfInput();
                return;
            }
        }
    }

    private static void Set(Dictionary<string, object?> data, string key, object? value)
    {
        if (key.Length == 0) return;
        data[key] = value;
    }

    private static List<object?> SetIndex(List<object?> list, int index, object? value)
    {
        if (index < 0) throw new StrvalsException($"negative {index} index not allowed");
        if (index > SetValuesParser.MaxIndex)
            throw new StrvalsException($"index of {index} is greater than maximum supported index of {SetValuesParser.MaxIndex}");
        if (list.Count <= index)
        {
            var grown = new List<object?>(index + 1);
            grown.AddRange(list);
            while (grown.Count <= index) grown.Add(null);
            list = grown;
        }
        list[index] = value;
        return list;
    }

    private int KeyIndex()
    {
        if (!_sc.Until(IndexStops, escapes: true, out var v, out _))
            throw new EndOfInput(); // Helm wraps io.EOF, which its loop still treats as the end.
        return GoAtoi(v);
    }

    internal static int GoAtoi(string v)
    {
        var digits = v.Length > 0 && (v[0] == '+' || v[0] == '-') ? v[1..] : v;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            throw new StrvalsException($"error parsing index: strconv.Atoi: parsing \"{v}\": invalid syntax");
        if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n > int.MaxValue || n < int.MinValue)
            throw new StrvalsException($"error parsing index: strconv.Atoi: parsing \"{v}\": value out of range");
        return (int)n;
    }

    private List<object?> ListItem(List<object?> list, int i, int nestedNameLevel)
    {
        if (i < 0) throw new StrvalsException($"negative {i} index not allowed");
        var found = _sc.Until(ListItemStops, escapes: true, out var k, out var last);
        if (k.Length > 0) throw new StrvalsException($"unexpected data at end of array index: \"{k}\"");
        if (!found) throw new EndOfInput();
        switch (last)
        {
            case '=':
                if (_mode == SetValueMode.Json)
                {
                    if (EmptyValue()) return SetIndex(list, i, null);
                    list = SetIndex(list, i, ReadJsonValue());
                    EmptyValue();
                    return list;
                }
                if (ValueList(out var vl, out var eof)) return SetIndex(list, i, vl);
                if (eof) return SetIndex(list, i, "");
                _sc.Until(ValueStops, escapes: true, out var rs, out _);
                return SetIndex(list, i, Convert(rs));
            case '[':
            {
                var nextI = KeyIndex();
                List<object?>? current = null;
                if (list.Count > i && list[i] != null) current = AsList(list[i]);
                var inner = ListItem(current ?? new List<object?>(), nextI, nestedNameLevel);
                return SetIndex(list, i, inner);
            }
            default: // '.'
            {
                var inner = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (list.Count > i)
                {
                    if (list[i] is Dictionary<string, object?> existing) inner = existing;
                    else list[i] = inner;
                }
                Key(inner, nestedNameLevel);
                return SetIndex(list, i, inner);
            }
        }
    }

    /// <summary>Helm's emptyVal: skips spaces; true at a comma (consumed) or the end.</summary>
    private bool EmptyValue()
    {
        while (true)
        {
            if (!_sc.Read(out var r)) return true;
            if (r == ',') return true;
            if (!System.Text.Rune.IsWhiteSpace(new System.Text.Rune(r)))
            {
                _sc.Unread();
                return false;
            }
        }
    }

    /// <summary>Helm's valList: a <c>{a,b}</c> list. False (nothing consumed) when the value is not a list.</summary>
    private bool ValueList(out List<object?> list, out bool eof)
    {
        list = new List<object?>();
        eof = false;
        if (!_sc.Read(out var r)) { eof = true; return false; }
        if (r != '{') { _sc.Unread(); return false; }
        while (true)
        {
            if (!_sc.Until(ListStops, escapes: true, out var rs, out var last))
                throw new StrvalsException("list must terminate with '}'");
            if (last == '}')
            {
                if (_sc.Read(out var after) && after != ',') _sc.Unread();
                list.Add(Convert(rs));
                return true;
            }
            list.Add(Convert(rs));
        }
    }

    /// <summary>Decodes one JSON value at the cursor as json.Decoder does, and moves past it.</summary>
    private object? ReadJsonValue()
    {
        var rest = _sc.Rest;
        var length = JsonValueScanner.ValueLength(rest);
        if (length <= 0) throw new StrvalsException("invalid JSON value");
        try
        {
            var value = GoJson.Parse(rest[..length]);
            _sc.Skip(length);
            return value;
        }
        catch (JsonParseException e) when (e.Kind != Hosting.MeshErrorKind.LimitsExceeded)
        {
            throw new StrvalsException(e.What);
        }
    }

    internal static List<object?> AsList(object? value) => value as List<object?>
        ?? throw new GoPanic($"interface conversion: interface {{}} is {GoTypeName(value)}, not []interface {{}}");

    internal static Dictionary<string, object?> AsMap(object? value) => value as Dictionary<string, object?>
        ?? throw new GoPanic($"interface conversion: interface {{}} is {GoTypeName(value)}, not map[string]interface {{}}");

    private static string GoTypeName(object? value) => value switch
    {
        null => "nil",
        List<object?> => "[]interface {}",
        Dictionary<string, object?> => "map[string]interface {}",
        _ => Templating.GoValues.TypeOf(value),
    };
}

/// <summary>A Go runtime panic that Helm's parser recovers into "unable to parse key: ...".</summary>
internal sealed class GoPanic : Exception
{
    public GoPanic(string message) : base(message) { }
}

/// <summary>Finds where the first JSON value of a text ends (leading whitespace included), as json.Decoder's InputOffset.</summary>
internal static class JsonValueScanner
{
    public static int ValueLength(string s)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\r' or '\n') i++;
        if (i >= s.Length) return -1;
        if (s[i] is '{' or '[')
        {
            var depth = 0;
            for (; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '"') { i = SkipString(s, i); if (i < 0) return -1; continue; }
                if (c is '{' or '[') depth++;
                else if (c is '}' or ']')
                {
                    depth--;
                    if (depth == 0) return i + 1;
                }
            }
            return -1;
        }
        if (s[i] == '"')
        {
            var end = SkipString(s, i);
            return end < 0 ? -1 : end + 1;
        }
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '+' or '.')) i++;
        return i == start ? -1 : i;
    }

    /// <summary>Index of the closing quote of the string starting at <paramref name="i"/>, or -1.</summary>
    private static int SkipString(string s, int i)
    {
        for (i++; i < s.Length; i++)
        {
            if (s[i] == '\\') { i++; continue; }
            if (s[i] == '"') return i;
        }
        return -1;
    }
}
