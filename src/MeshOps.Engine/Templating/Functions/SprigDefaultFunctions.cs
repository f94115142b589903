using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's defaults.go and reflect.go: default, empty, coalesce, all, any, ternary, JSON, kinds and types.</summary>
internal static class SprigDefaultFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["default"] = (_, a) =>
        {
            FuncArgs.AtLeast("default", a, 1);
            // Sprig: the given value wins unless it is absent or empty().
            return a.Length < 2 || SprigCast.Empty(a[1]) ? a[0] : a[1];
        };
        t["empty"] = (_, a) =>
        {
            FuncArgs.Count("empty", a, 1);
            return SprigCast.Empty(a[0]);
        };
        t["coalesce"] = (_, a) => a.FirstOrDefault(v => !SprigCast.Empty(v));
        t["all"] = (_, a) => a.All(v => !SprigCast.Empty(v));
        t["any"] = (_, a) => a.Any(v => !SprigCast.Empty(v));
        t["ternary"] = (_, a) =>
        {
            FuncArgs.Count("ternary", a, 3);
            return FuncArgs.Bool(a[2]) ? a[0] : a[1];
        };
        t["fromJson"] = (_, a) =>
        {
            FuncArgs.Count("fromJson", a, 1);
            return TryParseJson(FuncArgs.Str(a[0]), out var v, out var _) ? v : null;
        };
        t["mustFromJson"] = (_, a) =>
        {
            FuncArgs.Count("mustFromJson", a, 1);
            return TryParseJson(FuncArgs.Str(a[0]), out var v, out var error) ? v : throw new TemplateFunctionException(error);
        };
        t["toJson"] = (_, a) =>
        {
            FuncArgs.Count("toJson", a, 1);
            return TrySerializeJson(a[0], false, out var s, out var _) ? s : "";
        };
        t["mustToJson"] = (_, a) =>
        {
            FuncArgs.Count("mustToJson", a, 1);
            return TrySerializeJson(a[0], false, out var s, out var e) ? s : throw new TemplateFunctionException(e!.Message, e);
        };
        t["toPrettyJson"] = (_, a) =>
        {
            FuncArgs.Count("toPrettyJson", a, 1);
            return TrySerializeJson(a[0], true, out var s, out var _) ? s : "";
        };
        t["mustToPrettyJson"] = (_, a) =>
        {
            FuncArgs.Count("mustToPrettyJson", a, 1);
            return TrySerializeJson(a[0], true, out var s, out var e) ? s : throw new TemplateFunctionException(e!.Message, e);
        };
        TemplateFunc raw(string name) => (_, a) =>
        {
            FuncArgs.Count(name, a, 1);
            // json.Encoder with SetEscapeHTML(false): our serializer escapes <, > and & as \u003c etc., which we undo.
            if (!TrySerializeJson(a[0], false, out var s, out var e)) throw new TemplateFunctionException(e!.Message, e);
            return UnescapeHtml(s);
        };
        t["toRawJson"] = raw("toRawJson");
        t["mustToRawJson"] = raw("mustToRawJson");
        t["typeOf"] = (_, a) =>
        {
            FuncArgs.Count("typeOf", a, 1);
            return GoValues.TypeOf(a[0]);
        };
        t["typeIs"] = (_, a) =>
        {
            FuncArgs.Count("typeIs", a, 2);
            return FuncArgs.Str(a[0]) == GoValues.TypeOf(a[1]);
        };
        t["typeIsLike"] = (_, a) =>
        {
            FuncArgs.Count("typeIsLike", a, 2);
            var target = FuncArgs.Str(a[0]);
            var type = GoValues.TypeOf(a[1]);
            return target == type || "*" + target == type;
        };
        t["kindOf"] = (_, a) =>
        {
            FuncArgs.Count("kindOf", a, 1);
            return GoValues.KindOf(a[0]);
        };
        t["kindIs"] = (_, a) =>
        {
            FuncArgs.Count("kindIs", a, 2);
            return FuncArgs.Str(a[0]) == GoValues.KindOf(a[1]);
        };
        t["deepEqual"] = (_, a) =>
        {
            FuncArgs.Count("deepEqual", a, 2);
            return SprigCast.DeepEqual(a[0], a[1]);
        };
        t["fail"] = (_, a) =>
        {
            FuncArgs.Count("fail", a, 1);
            throw new TemplateFunctionException(FuncArgs.Str(a[0]));
        };
    }

    internal static bool TryParseJson(string text, out object? value, out string error)
    {
        try
        {
            value = GoJson.Parse(text);
            error = "";
            return true;
        }
        catch (MeshException e)
        {
            value = null;
            error = e is JsonParseException j ? j.What : e.Message;
            return false;
        }
    }

    /// <summary>
    /// encoding/json's Marshal; false with the error for what it refuses (NaN, a cycle, a value nested too deeply),
    /// which toJson turns into "" as Sprig does and mustToJson reports (a limit error keeps its id: see the executor's
    /// function-call rule). A value too large to build is an error for both.
    /// </summary>
    internal static bool TrySerializeJson(object? v, bool indent, out string text, out MeshException? error)
    {
        try
        {
            text = GoJson.Serialize(v, indent);
            error = null;
            return true;
        }
        catch (MeshException e) when (e.ErrorId != TemplateLimits.ValueTooLargeId)
        {
            text = "";
            error = e;
            return false;
        }
    }

    /// <summary>Turns the \u003c, \u003e and \u0026 escapes of HTML-safe JSON back into the characters.</summary>
    private static string UnescapeHtml(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (c == '\\' && i + 1 < json.Length)
            {
                if (json[i + 1] == 'u' && i + 5 < json.Length)
                {
                    var code = json.Substring(i + 2, 4);
                    var ch = code switch { "003c" => '<', "003e" => '>', "0026" => '&', _ => '\0' };
                    if (ch != '\0')
                    {
                        sb.Append(ch);
                        i += 5;
                        continue;
                    }
                }
                sb.Append(c).Append(json[i + 1]);
                i++;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
