using System.Collections;
using System.Text;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>
/// What sigs.k8s.io/yaml.Marshal does before emitting: json.Marshal, then yaml.Unmarshal of that JSON. Numbers are
/// re-typed from their JSON text (integral floats become ints, 1e+06 prints as 1000000), strings come back as
/// go-yaml reads them from a JSON string, maps are put in go-yaml's key order.
/// </summary>
internal static class JsonRoundTrip
{
    public static object? ToEmitterValue(object? value, int depth = 0)
    {
        if (depth > EngineLimits.MaxValueDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw Unsupported("json: value nesting is too deep (more than " + EngineLimits.MaxValueDepth + " levels, or a map or list that contains itself)");
        }
        switch (value)
        {
            case null:
                return null;
            case string s:
                return ThroughJsonString(s);
            case bool b:
                return b;
            case int i:
                return (long)i;
            case long l:
                return l;
            case double d:
                return FromJsonNumber(d);
            case short or sbyte or byte or ushort or uint:
                return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            case ulong ul:
                return ul <= long.MaxValue ? (long)ul : ul;
            case IGoJsonMarshaler marshaler:
                return ToEmitterValue(marshaler.JsonValue, depth + 1);
            case IDictionary or IDictionary<string, object?> when StringKeyedMap.TryView(value, out var mapKeys, out var lookup):
            {
                using var nesting = NestingGuard.Enter();
                var keys = GoKeyOrder.Sort(mapKeys);
                var entries = new KeyValuePair<string, object?>[keys.Length];
                for (var k = 0; k < keys.Length; k++)
                {
                    entries[k] = new KeyValuePair<string, object?>(ThroughJsonString(keys[k]), ToEmitterValue(lookup(keys[k]), depth + 1));
                }
                return new GoYamlEmitter.MapNode(entries);
            }
            case IList list:
            {
                using var nesting = NestingGuard.Enter();
                var items = new object?[list.Count];
                for (var k = 0; k < items.Length; k++) items[k] = ToEmitterValue(list[k], depth + 1);
                return new GoYamlEmitter.SeqNode(items);
            }
            case IGoJsonStruct structure:
            {
                // json.Marshal writes an object; yaml.Unmarshal reads it back as a map, so keys end up sorted.
                var fields = structure.JsonFields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
                return ToEmitterValue(fields, depth);
            }
            default:
                throw Unsupported($"cannot convert a value of type {value.GetType().Name} to YAML: only null, string, bool, numbers, maps with string keys and lists are supported");
        }
    }

    /// <summary>json.Marshal writes the float, go-yaml resolves the text: int, uint64 or float64.</summary>
    private static object FromJsonNumber(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw Unsupported("error marshaling into JSON: json: unsupported value: " + GoNumbers.FormatG(d));
        }
        var (_, value) = GoResolver.Resolve(null, GoNumbers.FormatJson(d));
        return value!;
    }

    /// <summary>
    /// A string after json.Marshal (invalid UTF-16 becomes U+FFFD) and yaml.Unmarshal of the quoted JSON string:
    /// libyaml rejects raw control characters JSON leaves unescaped, and folds a raw NEL (U+0085) like a line break.
    /// </summary>
    internal static string ThroughJsonString(string s)
    {
        var needsWork = false;
        foreach (var c in s)
        {
            if (c >= 0x7F && (c <= 0x9F || char.IsSurrogate(c) || c >= 0xFFFE))
            {
                needsWork = true;
                break;
            }
        }
        if (!needsWork) return s;

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (c == '\u0085')
            {
                sb.Append(c);
            }
            else if ((c >= 0x7F && c <= 0x9F) || c >= 0xFFFE)
            {
                throw Unsupported("error converting JSON to YAML: yaml: control characters are not allowed");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString().Contains('\u0085') ? FoldNel(sb.ToString()) : sb.ToString();
    }

    /// <summary>
    /// Inside a double-quoted scalar libyaml reads a raw NEL as a line break: spaces around the break are dropped,
    /// one break becomes a space, each further break a newline.
    /// </summary>
    private static string FoldNel(string s)
    {
        var sb = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            // Find a run of spaces and NELs that contains a NEL.
            var j = i;
            while (j < s.Length && s[j] == ' ') j++;
            if (j < s.Length && s[j] == '\u0085')
            {
                var breaks = 0;
                while (j < s.Length && (s[j] == ' ' || s[j] == '\u0085'))
                {
                    if (s[j] == '\u0085') breaks++;
                    j++;
                }
                if (breaks == 1) sb.Append(' ');
                else sb.Append('\n', breaks - 1);
                i = j;
            }
            else
            {
                sb.Append(s, i, j - i);
                if (j < s.Length) sb.Append(s[j]);
                i = j + 1;
            }
        }
        return sb.ToString();
    }

    internal static MeshException Unsupported(string message) =>
        new("YamlSerializeError", MeshErrorKind.InvalidData, message);
}
