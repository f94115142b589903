using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Checks coalesced values against values.schema.json (the chart's and each subchart's, as Helm's
/// ValidateAgainstSchema) and reports failures in the words of santhosh-tekuri/jsonschema v6, which Helm 4 uses.
/// Supported: type, enum, const, properties, patternProperties, additionalProperties, required, items,
/// prefixItems, min/maxItems, uniqueItems, min/maxProperties, minimum, maximum, exclusiveMinimum/Maximum,
/// multipleOf, min/maxLength, pattern, allOf, anyOf, oneOf, not, local $ref ($defs/definitions/JSON pointers).
/// Remote references and format assertions are not evaluated.
/// </summary>
internal static class ValuesSchemaValidator
{
    /// <summary>Throws SchemaValidationFailed with Helm's message when any chart's schema rejects its values.</summary>
    public static void Validate(ChartNode chart, Dictionary<string, object?> values)
    {
        var report = Check(chart, values);
        if (report.Length > 0)
        {
            throw new MeshException(ChartErrors.SchemaValidationFailed, MeshErrorKind.InvalidData,
                "values don't meet the specifications of the schema(s) in the following chart(s):\n" + report, chart.Name);
        }
    }

    private static string Check(ChartNode chart, Dictionary<string, object?> values)
    {
        var sb = new StringBuilder();
        if (chart.Source.Schema is { } schemaBytes)
        {
            var error = ValidateSingle(values, schemaBytes, chart.Name);
            if (error != null) sb.Append(chart.Name).Append(":\n").Append(error);
        }
        foreach (var sub in chart.Dependencies)
        {
            if (!values.TryGetValue(sub.Name, out var raw) || raw is null) continue;
            if (raw is not Dictionary<string, object?> subValues)
            {
                sb.Append(sub.Name).Append(":\ninvalid type for values: expected object (map), got ").Append(Templating.GoValues.TypeOf(raw)).Append('\n');
                continue;
            }
            sb.Append(Check(sub, subValues));
        }
        return sb.ToString();
    }

    /// <summary>The error text for one schema (without the chart line), or null when the values conform.</summary>
    internal static string? ValidateSingle(object? values, byte[] schemaBytes, string chartName)
    {
        object? schema;
        try
        {
            schema = GoJson.Parse(Encoding.UTF8.GetString(Bom.Strip(schemaBytes)));
        }
        catch (JsonParseException e)
        {
            throw new MeshException(ChartErrors.SchemaInvalid, MeshErrorKind.InvalidData,
                $"values.schema.json of chart '{chartName}' is not valid JSON: {e.Message}. Fix the schema file.", chartName, e);
        }
        if (schema is not (bool or Dictionary<string, object?>))
            throw new MeshException(ChartErrors.SchemaInvalid, MeshErrorKind.InvalidData,
                $"values.schema.json of chart '{chartName}' is not a JSON Schema (an object or a boolean). Fix the schema file.", chartName);
        var draft = DraftOf(schema);
        var evaluator = new Evaluator(schema, draft, chartName);
        var error = evaluator.Validate(schema, values, new List<string>());
        if (error is null) return null;
        var causes = error.Kind == "group" ? error.Causes : new List<SchemaError> { error };
        var sb = new StringBuilder();
        foreach (var cause in causes) cause.Display(sb, 1);
        var text = sb.ToString();
        if (text.StartsWith('\n')) text = text[1..];
        return text + "\n";
    }

    private static int DraftOf(object? schema)
    {
        if (schema is Dictionary<string, object?> map && map.TryGetValue("$schema", out var s) && s is string uri)
        {
            if (uri.Contains("draft-04")) return 4;
            if (uri.Contains("draft-06")) return 6;
            if (uri.Contains("draft-07")) return 7;
            if (uri.Contains("2019-09")) return 2019;
        }
        return 2020;
    }

    private sealed class SchemaError
    {
        public SchemaError(string kind, List<string> location, string message)
        {
            Kind = kind;
            Location = location;
            Message = message;
        }

        public string Kind { get; }
        public List<string> Location { get; }
        public string Message { get; }
        public List<SchemaError> Causes { get; } = new();

        public void Display(StringBuilder sb, int indent)
        {
            // A $ref with one cause is not shown on its own (jsonschema's skip()).
            var skip = Kind == "ref" && Causes.Count == 1;
            if (!skip)
            {
                sb.Append('\n');
                for (var i = 0; i < indent - 1; i++) sb.Append("  ");
                sb.Append("- at ").Append(Quote(JsonPointer(Location))).Append(": ").Append(Message);
                indent++;
            }
            foreach (var c in Causes) c.Display(sb, indent);
        }
    }

    private sealed class Evaluator
    {
        private readonly object? _root;
        private readonly int _draft;
        private readonly string _chart;
        private int _depth;

        public Evaluator(object? root, int draft, string chart)
        {
            _root = root;
            _draft = draft;
            _chart = chart;
        }

        public SchemaError? Validate(object? schema, object? v, List<string> loc)
        {
            if (++_depth > 200)
                throw new MeshException(ChartErrors.SchemaInvalid, MeshErrorKind.InvalidData,
                    $"values.schema.json of chart '{_chart}' recurses too deeply (a $ref cycle?). Fix the schema file.", _chart);
            try
            {
                return ValidateCore(schema, v, loc);
            }
            finally
            {
                _depth--;
            }
        }

        private SchemaError? ValidateCore(object? schema, object? v, List<string> loc)
        {
            if (schema is bool b) return b ? null : new SchemaError("false", loc, "false schema");
            if (schema is not Dictionary<string, object?> s) return null;
            var errors = new List<SchemaError>();
            SchemaError Err(string kind, string message) => new(kind, loc, message);

            var type = TypeOf(v);
            if (s.TryGetValue("type", out var typeSpec) && typeSpec != null)
            {
                var wanted = typeSpec is List<object?> list ? list.OfType<string>().ToList() : typeSpec is string one ? new List<string> { one } : new List<string>();
                if (wanted.Count > 0 && !wanted.Contains(type) && !(type == "number" && wanted.Contains("integer") && IsInteger(v)))
                    return Err("type", $"got {type}, want {string.Join(" or ", TypeOrder.Where(wanted.Contains))}");
            }
            if (s.TryGetValue("const", out var constant) && !JsonEquals(v, constant))
                return Err("const", constant is List<object?> or Dictionary<string, object?> ? "const failed" : $"value must be {Display(constant)}");
            if (s.TryGetValue("enum", out var enumSpec) && enumSpec is List<object?> options && !options.Any(o => JsonEquals(v, o)))
            {
                string message;
                if (options.Any(o => o is List<object?> or Dictionary<string, object?>)) message = "enum failed";
                else if (options.Count == 1) message = $"value must be {Display(options[0])}";
                else message = "value must be one of " + string.Join(", ", options.Select(Display));
                return Err("enum", message);
            }
            if (s.TryGetValue("$ref", out var refSpec) && refSpec is string reference)
            {
                var target = Resolve(reference);
                var refError = Validate(target, v, loc);
                if (refError != null)
                {
                    var wrapped = new SchemaError("ref", loc, "validation failed");
                    if (refError.Kind == "group") wrapped.Causes.AddRange(refError.Causes); else wrapped.Causes.Add(refError);
                    if (_draft < 2019) return wrapped;
                    errors.Add(wrapped);
                }
                else if (_draft < 2019)
                {
                    return null;
                }
            }

            switch (v)
            {
                case Dictionary<string, object?> obj:
                    ValidateObject(s, obj, loc, errors);
                    break;
                case List<object?> arr:
                    ValidateArray(s, arr, loc, errors);
                    break;
                case string str:
                    ValidateString(s, str, loc, errors);
                    break;
                case int or long or double:
                    ValidateNumber(s, ToDouble(v), loc, errors);
                    break;
            }

            if (s.TryGetValue("not", out var notSchema) && Validate(notSchema, v, loc) is null) errors.Add(Err("not", "'not' failed"));
            if (s.TryGetValue("allOf", out var allOf) && allOf is List<object?> allList)
            {
                var causes = allList.Select(sub => Validate(sub, v, loc)).Where(e => e != null).Cast<SchemaError>().ToList();
                if (causes.Count > 0) { var e = Err("allOf", "'allOf' failed"); e.Causes.AddRange(causes); errors.Add(e); }
            }
            if (s.TryGetValue("anyOf", out var anyOf) && anyOf is List<object?> anyList)
            {
                var causes = new List<SchemaError>();
                var matched = false;
                foreach (var sub in anyList)
                {
                    var e = Validate(sub, v, loc);
                    if (e is null) { matched = true; break; }
                    causes.Add(e);
                }
                if (!matched) { var e = Err("anyOf", "'anyOf' failed"); e.Causes.AddRange(causes); errors.Add(e); }
            }
            if (s.TryGetValue("oneOf", out var oneOf) && oneOf is List<object?> oneList)
            {
                var causes = new List<SchemaError>();
                var matches = new List<int>();
                for (var i = 0; i < oneList.Count; i++)
                {
                    var e = Validate(oneList[i], v, loc);
                    if (e is null) matches.Add(i); else causes.Add(e);
                }
                if (matches.Count == 0) { var e = Err("oneOf", "'oneOf' failed, none matched"); e.Causes.AddRange(causes); errors.Add(e); }
                else if (matches.Count > 1) errors.Add(Err("oneOf", $"'oneOf' failed, subschemas {matches[0]}, {matches[1]} matched"));
            }

            return errors.Count switch
            {
                0 => null,
                1 => errors[0],
                _ => Group(loc, errors),
            };
        }

        private static SchemaError Group(List<string> loc, List<SchemaError> errors)
        {
            var g = new SchemaError("group", loc, "validation failed");
            g.Causes.AddRange(errors);
            return g;
        }

        private void ValidateObject(Dictionary<string, object?> s, Dictionary<string, object?> obj, List<string> loc, List<SchemaError> errors)
        {
            if (Int(s, "minProperties") is { } minP && obj.Count < minP) errors.Add(new SchemaError("minProperties", loc, $"minProperties: got {obj.Count}, want {minP}"));
            if (Int(s, "maxProperties") is { } maxP && obj.Count > maxP) errors.Add(new SchemaError("maxProperties", loc, $"maxProperties: got {obj.Count}, want {maxP}"));
            if (s.TryGetValue("required", out var req) && req is List<object?> required)
            {
                var missing = required.OfType<string>().Where(r => !obj.ContainsKey(r)).ToList();
                if (missing.Count == 1) errors.Add(new SchemaError("required", loc, $"missing property {Quote(missing[0])}"));
                else if (missing.Count > 1) errors.Add(new SchemaError("required", loc, "missing properties " + string.Join(", ", missing.Select(Quote))));
            }
            var properties = s.GetValueOrDefault("properties") as Dictionary<string, object?>;
            var patterns = s.GetValueOrDefault("patternProperties") as Dictionary<string, object?>;
            s.TryGetValue("additionalProperties", out var additional);
            var notAllowed = new List<string>();
            foreach (var name in obj.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var pvalue = obj[name];
                var evaluated = false;
                var child = new List<string>(loc) { name };
                if (properties != null && properties.TryGetValue(name, out var propSchema))
                {
                    evaluated = true;
                    if (Validate(propSchema, pvalue, child) is { } e) errors.Add(e);
                }
                if (patterns != null)
                {
                    foreach (var (pattern, patternSchema) in patterns)
                    {
                        if (!Regex.IsMatch(name, pattern)) continue;
                        evaluated = true;
                        if (Validate(patternSchema, pvalue, child) is { } e) errors.Add(e);
                    }
                }
                if (!evaluated && additional != null)
                {
                    if (additional is false) notAllowed.Add(name);
                    else if (additional is Dictionary<string, object?> && Validate(additional, pvalue, child) is { } e) errors.Add(e);
                }
            }
            if (notAllowed.Count > 0) errors.Add(new SchemaError("additionalProperties", loc, $"additional properties {string.Join(", ", notAllowed.Select(Quote))} not allowed"));
        }

        private void ValidateArray(Dictionary<string, object?> s, List<object?> arr, List<string> loc, List<SchemaError> errors)
        {
            if (Int(s, "minItems") is { } min && arr.Count < min) errors.Add(new SchemaError("minItems", loc, $"minItems: got {arr.Count}, want {min}"));
            if (Int(s, "maxItems") is { } max && arr.Count > max) errors.Add(new SchemaError("maxItems", loc, $"maxItems: got {arr.Count}, want {max}"));
            if (s.GetValueOrDefault("uniqueItems") is true)
            {
                for (var i = 0; i < arr.Count; i++)
                for (var j = i + 1; j < arr.Count; j++)
                {
                    if (!JsonEquals(arr[i], arr[j])) continue;
                    errors.Add(new SchemaError("uniqueItems", loc, $"items at {i} and {j} are equal"));
                    i = arr.Count;
                    break;
                }
            }
            var start = 0;
            var prefix = _draft >= 2020 ? s.GetValueOrDefault("prefixItems") as List<object?> : s.GetValueOrDefault("items") as List<object?>;
            if (prefix != null)
            {
                for (; start < Math.Min(prefix.Count, arr.Count); start++)
                {
                    if (Validate(prefix[start], arr[start], new List<string>(loc) { start.ToString(CultureInfo.InvariantCulture) }) is { } e) errors.Add(e);
                }
            }
            var rest = _draft >= 2020 ? s.GetValueOrDefault("items") : prefix != null ? s.GetValueOrDefault("additionalItems") : s.GetValueOrDefault("items");
            if (rest is Dictionary<string, object?> or bool)
            {
                for (var i = start; i < arr.Count; i++)
                {
                    if (Validate(rest, arr[i], new List<string>(loc) { i.ToString(CultureInfo.InvariantCulture) }) is { } e) errors.Add(e);
                }
            }
        }

        private static void ValidateString(Dictionary<string, object?> s, string str, List<string> loc, List<SchemaError> errors)
        {
            var length = str.EnumerateRunes().Count();
            if (Int(s, "minLength") is { } min && length < min) errors.Add(new SchemaError("minLength", loc, $"minLength: got {length}, want {min}"));
            if (Int(s, "maxLength") is { } max && length > max) errors.Add(new SchemaError("maxLength", loc, $"maxLength: got {length}, want {max}"));
            if (s.GetValueOrDefault("pattern") is string pattern && !Regex.IsMatch(str, pattern))
                errors.Add(new SchemaError("pattern", loc, $"{Quote(str)} does not match pattern {Quote(pattern)}"));
        }

        private static void ValidateNumber(Dictionary<string, object?> s, double n, List<string> loc, List<SchemaError> errors)
        {
            void Check(string key, Func<double, bool> fails)
            {
                if (s.TryGetValue(key, out var limit) && limit is int or long or double && fails(ToDouble(limit)))
                    errors.Add(new SchemaError(key, loc, $"{key}: got {FormatFloat(n)}, want {FormatFloat(ToDouble(limit))}"));
            }
            Check("minimum", m => n < m);
            Check("maximum", m => n > m);
            Check("exclusiveMinimum", m => n <= m);
            Check("exclusiveMaximum", m => n >= m);
            if (s.TryGetValue("multipleOf", out var mo) && mo is int or long or double)
            {
                var q = n / ToDouble(mo);
                if (Math.Abs(q - Math.Round(q)) > 1e-9)
                    errors.Add(new SchemaError("multipleOf", loc, $"multipleOf: got {FormatFloat(n)}, want {FormatFloat(ToDouble(mo))}"));
            }
        }

        private object? Resolve(string reference)
        {
            if (!reference.StartsWith('#'))
                throw new MeshException(ChartErrors.SchemaInvalid, MeshErrorKind.NotImplemented,
                    $"values.schema.json of chart '{_chart}' refers to '{reference}'; only references inside the schema (#/...) are supported.", _chart);
            object? current = _root;
            foreach (var raw in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                var token = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
                current = current switch
                {
                    Dictionary<string, object?> m when m.TryGetValue(token, out var next) => next,
                    List<object?> l when int.TryParse(token, out var i) && i >= 0 && i < l.Count => l[i],
                    _ => throw new MeshException(ChartErrors.SchemaInvalid, MeshErrorKind.InvalidData,
                        $"values.schema.json of chart '{_chart}': the reference '{reference}' points nowhere. Fix the schema file.", _chart),
                };
            }
            return current;
        }

        private static int? Int(Dictionary<string, object?> s, string key) =>
            s.TryGetValue(key, out var v) && v is int or long or double ? (int)ToDouble(v) : null;
    }

    /// <summary>The order jsonschema lists wanted types in.</summary>
    private static readonly string[] TypeOrder = { "null", "boolean", "number", "integer", "string", "array", "object" };

    private static string TypeOf(object? v) => v switch
    {
        null => "null",
        bool => "boolean",
        int or long or double => "number",
        string => "string",
        List<object?> => "array",
        Dictionary<string, object?> => "object",
        _ => "invalid",
    };

    private static bool IsInteger(object? v) => v switch
    {
        int or long => true,
        double d => !double.IsInfinity(d) && Math.Floor(d) == d,
        _ => false,
    };

    private static double ToDouble(object? v) => v switch
    {
        int i => i,
        long l => l,
        double d => d,
        _ => double.NaN,
    };

    private static bool JsonEquals(object? a, object? b)
    {
        using var nesting = NestingGuard.Enter();
        if (a is int or long or double && b is int or long or double) return ToDouble(a) == ToDouble(b);
        switch (a)
        {
            case null: return b is null;
            case string sa: return b is string sb && sa == sb;
            case bool ba: return b is bool bb && ba == bb;
            case List<object?> la:
                return b is List<object?> lb && la.Count == lb.Count && la.Zip(lb).All(p => JsonEquals(p.First, p.Second));
            case Dictionary<string, object?> ma:
                return b is Dictionary<string, object?> mb && ma.Count == mb.Count
                    && ma.All(p => mb.TryGetValue(p.Key, out var other) && JsonEquals(p.Value, other));
            default: return false;
        }
    }

    /// <summary>jsonschema's display(): quoted strings, other primitives as Go's %v.</summary>
    private static string Display(object? v) => v switch
    {
        string s => Quote(s),
        null => "<nil>",
        bool b => b ? "true" : "false",
        int or long or double => FormatFloat(ToDouble(v)),
        _ => "value",
    };

    /// <summary>jsonschema's quote(): Go %q with single quotes.</summary>
    private static string Quote(string s)
    {
        var sb = new StringBuilder("'");
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\'': sb.Append("\\'"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f) sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(rune.ToString());
                    break;
            }
        }
        return sb.Append('\'').ToString();
    }

    private static string JsonPointer(List<string> tokens) =>
        string.Concat(tokens.Select(t => "/" + t.Replace("~", "~0").Replace("/", "~1")));

    /// <summary>Go's %v for a float64: shortest representation, exponent form outside [1e-4, 1e21).</summary>
    internal static string FormatFloat(double d)
    {
        if (double.IsPositiveInfinity(d)) return "+Inf";
        if (double.IsNegativeInfinity(d)) return "-Inf";
        if (double.IsNaN(d)) return "NaN";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        var abs = Math.Abs(d);
        if (abs >= 1e-4 && abs < 1e21) return d.ToString("R", CultureInfo.InvariantCulture) is var r && r.Contains('E') ? decimal.Parse(r, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) : r;
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        // R gives e.g. 1E+21 or 1.5E-05; Go prints 1e+21 and 1.5e-05.
        var parts = shortest.Split('E');
        if (parts.Length != 2) return shortest;
        var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
        return parts[0] + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }
}
