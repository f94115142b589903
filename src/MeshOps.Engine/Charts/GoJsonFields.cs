namespace MeshOps.Engine.Charts;

/// <summary>
/// Reads fields of a decoded YAML/JSON map the way encoding/json fills a Go struct (sigs.k8s.io/yaml into a struct):
/// the exact key wins, otherwise a case-insensitive match; null leaves the zero value; a value of the wrong JSON type
/// is Go's UnmarshalTypeError.
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
        var other => throw TypeError(key, other, "string"),
    };

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
                var other => throw TypeError(key, other, "string"),
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
                        var other => throw TypeError(key + "." + pair.Key, other, "string"),
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
        int or long or double => "number",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "value",
    };
}
