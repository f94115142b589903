namespace MeshOps.Engine.Charts;

/// <summary>
/// Reads fields of a decoded YAML/JSON map the way encoding/json fills a Go struct (sigs.k8s.io/yaml into a struct):
/// the exact key wins, otherwise a case-insensitive match; null leaves the zero value; a value of the wrong JSON type
/// is Go's UnmarshalTypeError. As sigs.k8s.io/yaml converts a YAML number or bool bound for a string field into its
/// text before JSON decoding, string fields accept them (<c>version: 1.0</c> reads "1"); the map must therefore come
/// from <see cref="Yaml.YamlNumberMode.Native"/> parsing, which keeps ints apart from floats.
/// </summary>
internal sealed class GoJsonFields
{
    private readonly IReadOnlyDictionary<string, object?> _map;
    private readonly string _goStruct;

    public GoJsonFields(IReadOnlyDictionary<string, object?> map, string goStruct)
    {
        _map = map;
        _goStruct = goStruct;
    }

    public object? Raw(string key)
    {
        if (_map.TryGetValue(key, out var exact)) return exact;
        foreach (var pair in _map)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        }
        return null;
    }

    public string String(string key) => Raw(key) switch
    {
        null => "",
        string s => s,
        var other => ScalarText(other) ?? throw TypeError(key, other, "string"),
    };

    /// <summary>
    /// sigs.k8s.io/yaml's text for a non-string scalar going into a string: ints in decimal, floats as
    /// FormatFloat(f, 'g', -1, 32), bools as true/false; null for anything else (a map or list stays a type error).
    /// </summary>
    internal static string? ScalarText(object? value) => value switch
    {
        int i => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ulong u => u.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double d => Operator.GoText.FormatFloat(d, 32),
        bool b => b ? "true" : "false",
        _ => null,
    };

    /// <summary>A value bound for interface{}: JSON decoding makes every number a float64.</summary>
    internal static object? JsonNumbers(object? value)
    {
        switch (value)
        {
            case int i: return (double)i;
            case long l: return (double)l;
            case ulong u: return (double)u;
            case List<object?> list:
                for (var k = 0; k < list.Count; k++) list[k] = JsonNumbers(list[k]);
                return list;
            case Dictionary<string, object?> map:
                foreach (var key in map.Keys.ToList()) map[key] = JsonNumbers(map[key]);
                return map;
            default: return value;
        }
    }

    public bool Bool(string key) => Raw(key) switch
    {
        null => false,
        bool b => b,
        var other => throw TypeError(key, other, "bool"),
    };

    public List<object?> List(string key, string goType) => Raw(key) switch
    {
        null => new List<object?>(),
        List<object?> l => l,
        var other => throw TypeError(key, other, goType),
    };

    public List<string> Strings(string key)
    {
        var result = new List<string>();
        foreach (var item in List(key, "[]string"))
        {
            result.Add(item switch
            {
                null => "",
                string s => s,
                var other => ScalarText(other) ?? throw TypeError(key, other, "string"),
            });
        }
        return result;
    }

    public Dictionary<string, string> StringMap(string key)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (Raw(key))
        {
            case null:
                return result;
            case Dictionary<string, object?> d:
                foreach (var pair in d)
                {
                    result[pair.Key] = pair.Value switch
                    {
                        null => "",
                        string s => s,
                        var other => ScalarText(other) ?? throw TypeError(key + "." + pair.Key, other, "string"),
                    };
                }
                return result;
            case var other:
                throw TypeError(key, other, "map[string]string");
        }
    }

    public InvalidDataException TypeError(string key, object? value, string goType) =>
        new($"json: cannot unmarshal {JsonKind(value)} into Go struct field {_goStruct}.{key} of type {goType}");

    public static string JsonKind(object? value) => value switch
    {
        string => "string",
        bool => "bool",
        int or long or ulong or double => "number",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "value",
    };
}
