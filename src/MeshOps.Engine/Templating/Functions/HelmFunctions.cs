using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// The functions Helm's engine adds to Sprig (pkg/engine/funcs.go and engine.go): YAML/JSON/TOML conversion,
/// include, tpl, required, fail and lookup.
/// </summary>
public static class HelmFunctions
{
    /// <summary>Helm wraps the messages of required and fail in these markers so the final error shows them alone.</summary>
    public const string UserMessageStart = "HELM_ERR_START";

    /// <inheritdoc cref="UserMessageStart"/>
    public const string UserMessageEnd = "HELM_ERR_END";

    /// <summary>Helm's recursionMaxNums: how deeply one template name may be included within itself.</summary>
    public const int IncludeRecursionLimit = 1000;

    private static readonly Regex UserMessageRegex = new(UserMessageStart + "((?s).*)" + UserMessageEnd, RegexOptions.CultureInvariant);

    // Helm counts nested includes per name for one render; renders run on one thread each, so a thread-local
    // table is that render's table (it is back to zero whenever no include is running).
    [ThreadStatic] private static Dictionary<string, int>? _includeDepth;

    /// <summary>Adds Helm's functions to <paramref name="table"/> (after Sprig's: several replace Sprig's).</summary>
    public static void Register(IDictionary<string, TemplateFunc> table, HelmFunctionOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        table.Remove("env");
        table.Remove("expandenv");
        if (options.MergoCompatibility != MergoCompatibility.Current) SprigDictFunctions.RegisterMerge(table, options.MergoCompatibility);
        if (options.SemverCompatibility != Versions.SemverCompatibility.Current) SprigMiscFunctions.RegisterSemverCompare(table, options.SemverCompatibility);

        table["toYaml"] = (_, a) =>
        {
            FuncArgs.Count("toYaml", a, 1);
            return TryToYaml(a[0], out var s, out var _) ? s : "";
        };
        table["mustToYaml"] = (_, a) =>
        {
            FuncArgs.Count("mustToYaml", a, 1);
            return TryToYaml(a[0], out var s, out var e) ? s : throw new TemplateFunctionException(e!.Message, e);
        };
        table["toYamlPretty"] = (_, a) =>
        {
            FuncArgs.Count("toYamlPretty", a, 1);
            return TryToYaml(a[0], out var s, out var _) ? YamlPretty.Reindent(s) : "";
        };
        table["fromYaml"] = (_, a) =>
        {
            FuncArgs.Count("fromYaml", a, 1);
            return FromYaml(FuncArgs.Str(a[0]));
        };
        table["fromYamlArray"] = (_, a) =>
        {
            FuncArgs.Count("fromYamlArray", a, 1);
            return FromYamlArray(FuncArgs.Str(a[0]));
        };
        table["toJson"] = (_, a) =>
        {
            FuncArgs.Count("toJson", a, 1);
            return SprigDefaultFunctions.TrySerializeJson(a[0], false, out var s, out var _) ? s : "";
        };
        table["mustToJson"] = (_, a) =>
        {
            FuncArgs.Count("mustToJson", a, 1);
            return SprigDefaultFunctions.TrySerializeJson(a[0], false, out var s, out var e) ? s : throw new TemplateFunctionException(e!.Message, e);
        };
        table["fromJson"] = (_, a) =>
        {
            FuncArgs.Count("fromJson", a, 1);
            return FromJson(FuncArgs.Str(a[0]));
        };
        table["fromJsonArray"] = (_, a) =>
        {
            FuncArgs.Count("fromJsonArray", a, 1);
            return FromJsonArray(FuncArgs.Str(a[0]));
        };
        table["toToml"] = (_, a) =>
        {
            FuncArgs.Count("toToml", a, 1);
            try
            {
                return TomlWriter.Write(a[0]);
            }
            catch (TomlEncodeException e)
            {
                return e.Message; // Helm's toToml prints the encoder's error instead of failing
            }
        };
        table["mustToToml"] = (_, a) =>
        {
            FuncArgs.Count("mustToToml", a, 1);
            return TomlWriter.Write(a[0]);
        };
        table["fromToml"] = (_, a) =>
        {
            FuncArgs.Count("fromToml", a, 1);
            FuncArgs.Str(a[0]);
            // Helm reports parse problems in the map's "Error" key; we report that TOML input is not supported.
            var m = FuncArgs.NewMap();
            m["Error"] = "fromToml is not supported by MeshOps; convert the data to YAML and use fromYaml";
            return m;
        };
        HelmDurationFunctions.Register(table);
        table["include"] = (ctx, a) =>
        {
            FuncArgs.Count("include", a, 2);
            return Include(ctx, FuncArgs.Str(a[0]), a[1]);
        };
        table["tpl"] = (ctx, a) =>
        {
            FuncArgs.Count("tpl", a, 2);
            return Tpl(ctx, FuncArgs.Str(a[0]), a[1]);
        };
        var lint = options.LintMode;
        table["required"] = (_, a) =>
        {
            FuncArgs.Count("required", a, 2);
            var warn = FuncArgs.StrAt(a[0], 0);
            var val = a[1];
            if (val == null || val is "")
            {
                if (lint) return "";
                throw new TemplateFunctionException(WrapUserMessage(warn));
            }
            return val;
        };
        table["fail"] = (_, a) =>
        {
            FuncArgs.Count("fail", a, 1);
            var msg = FuncArgs.StrAt(a[0], 0);
            if (lint) return "";
            throw new TemplateFunctionException(WrapUserMessage(msg));
        };
        var lookup = options.Lookup;
        table["lookup"] = (_, a) =>
        {
            FuncArgs.Count("lookup", a, 4);
            var args = a.Select(FuncArgs.Str).ToArray();
            return lookup == null ? FuncArgs.NewMap() : lookup(args[0], args[1], args[2], args[3]);
        };
        // Without --enable-dns Helm answers "" for every name; MeshOps never resolves.
        table["getHostByName"] = (_, a) =>
        {
            FuncArgs.Count("getHostByName", a, 1);
            FuncArgs.Str(a[0]);
            return "";
        };
    }

    /// <summary>Helm's warnWrap.</summary>
    public static string WrapUserMessage(string message) => UserMessageStart + message + UserMessageEnd;

    /// <summary>
    /// The message given to required or fail, if an error text carries one (Helm then reports
    /// <c>execution error at (LOCATION): MESSAGE</c>).
    /// </summary>
    public static bool TryGetUserMessage(string errorText, out string message)
    {
        var m = UserMessageRegex.Match(errorText);
        message = m.Success ? m.Groups[1].Value : "";
        return m.Success;
    }

    /// <summary>Helm's toYaml: sigs.k8s.io/yaml.Marshal without the final newline; "" when the value cannot be marshalled.</summary>
    public static string ToYaml(object? value) => TryToYaml(value, out var s, out var _) ? s : "";

    /// <summary>
    /// sigs.k8s.io/yaml.Marshal; false with the error for what cannot be marshalled (a cycle too), which toYaml turns
    /// into "" as Helm does and mustToYaml reports (a limit error keeps its id: see the executor's function-call rule).
    /// </summary>
    private static bool TryToYaml(object? value, out string text, out MeshException? error)
    {
        try
        {
            var s = GoYaml.Serialize(value);
            text = s.EndsWith('\n') ? s[..^1] : s;
            error = null;
            return true;
        }
        catch (MeshException e) when (e.ErrorId != TemplateLimits.ValueTooLargeId)
        {
            // A value too large to build is an error even for toYaml (Go would run out of memory).
            text = "";
            error = e;
            return false;
        }
    }

    /// <summary>Helm's fromYaml: a map; a problem is reported in the map's "Error" key instead of failing.</summary>
    internal static Dictionary<string, object?> FromYaml(string text)
    {
        var m = FuncArgs.NewMap();
        object? parsed;
        try
        {
            parsed = GoYaml.Parse(text, new YamlReadOptions { NumberMode = YamlNumberMode.Json });
        }
        catch (YamlParseException e)
        {
            m["Error"] = "error converting YAML to JSON: yaml: " + e.GoText;
            return m;
        }
        catch (MeshException e)
        {
            m["Error"] = "error converting YAML to JSON: " + e.Message;
            return m;
        }
        switch (parsed)
        {
            case null: return m;
            case Dictionary<string, object?> d: return d;
            default:
                m["Error"] = "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + JsonKind(parsed) +
                             " into Go value of type map[string]interface {}";
                return m;
        }
    }

    /// <summary>Helm's fromYamlArray: a list; a problem becomes the list's only element.</summary>
    internal static List<object?> FromYamlArray(string text)
    {
        object? parsed;
        try
        {
            parsed = GoYaml.Parse(text, new YamlReadOptions { NumberMode = YamlNumberMode.Json });
        }
        catch (YamlParseException e)
        {
            return new List<object?> { "error converting YAML to JSON: yaml: " + e.GoText };
        }
        catch (MeshException e)
        {
            return new List<object?> { "error converting YAML to JSON: " + e.Message };
        }
        return parsed switch
        {
            null => new List<object?>(),
            List<object?> l => l,
            _ => new List<object?>
            {
                "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + JsonKind(parsed) + " into Go value of type []interface {}",
            },
        };
    }

    /// <summary>Helm's fromJson: a map; a problem is reported in the map's "Error" key.</summary>
    internal static Dictionary<string, object?> FromJson(string text)
    {
        var m = FuncArgs.NewMap();
        if (!SprigDefaultFunctions.TryParseJson(text, out var parsed, out var error))
        {
            m["Error"] = error;
            return m;
        }
        switch (parsed)
        {
            case null: return m;
            case Dictionary<string, object?> d: return d;
            default:
                m["Error"] = "json: cannot unmarshal " + JsonKind(parsed) + " into Go value of type map[string]interface {}";
                return m;
        }
    }

    /// <summary>Helm's fromJsonArray: a list; a problem becomes the list's only element.</summary>
    internal static List<object?> FromJsonArray(string text)
    {
        if (!SprigDefaultFunctions.TryParseJson(text, out var parsed, out var error)) return new List<object?> { error };
        return parsed switch
        {
            null => new List<object?>(),
            List<object?> l => l,
            _ => new List<object?> { "json: cannot unmarshal " + JsonKind(parsed) + " into Go value of type []interface {}" },
        };
    }

    // encoding/json's name for what it found (UnmarshalTypeError.Value).
    private static string JsonKind(object v) => v switch
    {
        string => "string",
        bool => "bool",
        Dictionary<string, object?> => "object",
        List<object?> => "array",
        _ => "number",
    };

    private static string Include(TemplateCallContext ctx, string name, object? data)
    {
        var depth = _includeDepth ??= new Dictionary<string, int>(StringComparer.Ordinal);
        if (depth.TryGetValue(name, out var n))
        {
            if (n > IncludeRecursionLimit)
                throw new TemplateFunctionException($"rendering template has a nested reference name: {name}: unable to execute template");
            depth[name] = n + 1;
        }
        else
        {
            depth[name] = 1;
        }
        try
        {
            return ctx.ExecuteTemplate(name, data);
        }
        catch (TemplateExecException e) when (e.Kind != MeshErrorKind.LimitsExceeded)
        {
            // A limit error (a tpl nested too deeply) passes unwrapped: it already says where, and rewording it at
            // every level would cost more than the levels did.
            throw new TemplateFunctionException(e.Message, e);
        }
        finally
        {
            if (--depth[name] == 0) depth.Remove(name);
        }
    }

    private static string Tpl(TemplateCallContext ctx, string text, object? data)
    {
        string output;
        try
        {
            output = ctx.ExecuteInline(text, data);
        }
        catch (TemplateParseException e)
        {
            throw new TemplateFunctionException($"cannot parse template {GoQuote.Quote(text)}: {e.Message}", e);
        }
        catch (TemplateExecException e) when (e.Kind != MeshErrorKind.LimitsExceeded)
        {
            // As in Include, a limit error passes unwrapped.
            throw new TemplateFunctionException($"error during tpl function execution for {GoQuote.Quote(text)}: {e.Message}", e);
        }
        // As Helm: missingkey=zero still prints "<no value>" for a missing interface value, which Helm removes.
        return output.Replace("<no value>", "", StringComparison.Ordinal);
    }
}
