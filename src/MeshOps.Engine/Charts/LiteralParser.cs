namespace MeshOps.Engine.Charts;

/// <summary>Helm's --set-literal parser (literal_parser.go): no escapes, the value is everything after '='.</summary>
internal sealed class LiteralParser
{
    private static readonly int[] KeyStops = { '=', '[', '.' };
    private static readonly int[] IndexStops = { ']' };
    private static readonly int[] ListItemStops = { '[', '.', '=' };

    private readonly RuneScanner _sc;
    private readonly Dictionary<string, object?> _data;

    public LiteralParser(string text, Dictionary<string, object?> data)
    {
        _sc = new RuneScanner(text);
        _data = data;
    }

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
        var found = _sc.Until(KeyStops, escapes: false, out var key, out var last);
        if (!found)
        {
            if (key.Length == 0) throw new EndOfInput();
            throw new StrvalsException($"key \"{key}\" has no value");
        }
        switch (last)
        {
            case '=':
                _sc.Until(ReadOnlySpan<int>.Empty, escapes: false, out var value, out _);
                if (key.Length > 0) data[key] = value;
                return;
            case '.':
            {
                nestedNameLevel++;
                if (nestedNameLevel > SetValuesParser.MaxNestedNameLevel)
                    throw new StrvalsException($"value name nested level is greater than maximum supported nested level of {SetValuesParser.MaxNestedNameLevel}");
                var inner = new Dictionary<string, object?>(StringComparer.Ordinal);
                if (data.TryGetValue(key, out var existing)) inner = StrvalsParser.AsMap(existing);
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
                    if (inner.Count != 0 && key.Length > 0) data[key] = inner;
                }
                if (!ended && inner.Count == 0) throw new StrvalsException($"key map \"{key}\" has no value");
                if (ended) throw new EndOfInput();
                return;
            }
            default: // '['
            {
                var i = KeyIndex();
                var list = new List<object?>();
                if (data.TryGetValue(key, out var existing)) list = StrvalsParser.AsList(existing);
                try
                {
                    list = ListItem(list, i, nestedNameLevel);
                }
                finally
                {
                    if (key.Length > 0) data[key] = list;
                }
                return;
            }
        }
    }

    private int KeyIndex()
    {
        if (!_sc.Until(IndexStops, escapes: false, out var v, out _)) throw new EndOfInput();
        return StrvalsParser.GoAtoi(v);
    }

    private List<object?> ListItem(List<object?> list, int i, int nestedNameLevel)
    {
        if (i < 0) throw new StrvalsException($"negative {i} index not allowed");
        var found = _sc.Until(ListItemStops, escapes: false, out var key, out var last);
        if (key.Length > 0) throw new StrvalsException($"unexpected data at end of array index: \"{key}\"");
        if (!found) throw new EndOfInput();
        switch (last)
        {
            case '=':
                _sc.Until(ReadOnlySpan<int>.Empty, escapes: false, out var value, out _);
                return SetIndex(list, i, value);
            case '.':
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
            default: // '['
            {
                var nextI = KeyIndex();
                List<object?>? current = null;
                if (list.Count > i && list[i] != null) current = StrvalsParser.AsList(list[i]);
                return SetIndex(list, i, ListItem(current ?? new List<object?>(), nextI, nestedNameLevel));
            }
        }
    }

    private static List<object?> SetIndex(List<object?> list, int index, object? value)
    {
        if (index < 0) throw new StrvalsException($"negative {index} index not allowed");
        if (index > SetValuesParser.MaxIndex)
            throw new StrvalsException($"index of {index} is greater than maximum supported index of {SetValuesParser.MaxIndex}");
        while (list.Count <= index) list.Add(null);
        list[index] = value;
        return list;
    }
}
