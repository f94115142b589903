using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Json;

/// <summary>Small helpers over System.Text.Json.Nodes used by every part of the server.</summary>
public static class JsonTools
{
    /// <summary>Compact output escaping like Go's encoding/json for quotes (\" rather than \u0022).</summary>
    public static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Obj(JsonNode? node, string name)
    {
        var o = (JsonObject)node!;
        if (o[name] is JsonObject child) return child;
        var created = new JsonObject();
        o[name] = created;
        return created;
    }

    public static string? Str(JsonNode? node, params string[] path)
    {
        var n = At(node, path);
        return n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    }

    public static long? Long(JsonNode? node, params string[] path)
    {
        var n = At(node, path);
        if (n is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var el)) return el;
        return null;
    }

    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var p in path)
        {
            if (node is not JsonObject o || !o.TryGetPropertyValue(p, out node)) return null;
        }
        return node;
    }

    public static JsonObject Meta(JsonObject obj) => Obj(obj, "metadata");

    public static string Name(JsonObject obj) => Str(obj, "metadata", "name") ?? "";
    public static string Namespace(JsonObject obj) => Str(obj, "metadata", "namespace") ?? "";

    /// <summary>Structural equality (numbers compared by value, object member order ignored).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null || IsNull(a) && IsNull(b);
        switch (a)
        {
            case JsonObject oa when b is JsonObject ob:
                if (oa.Count != ob.Count) return false;
                foreach (var (k, v) in oa)
                {
                    if (!ob.TryGetPropertyValue(k, out var bv) || !DeepEquals(v, bv)) return false;
                }
                return true;
            case JsonArray aa when b is JsonArray ab:
                if (aa.Count != ab.Count) return false;
                for (var i = 0; i < aa.Count; i++) if (!DeepEquals(aa[i], ab[i])) return false;
                return true;
            case JsonValue va when b is JsonValue vb:
                return ScalarText(va) == ScalarText(vb);
            default:
                return false;
        }
    }

    static bool IsNull(JsonNode? n) => n is null || n is JsonValue v && v.GetValueKind() == JsonValueKind.Null;

    /// <summary>Canonical text of a scalar: numbers normalised so 1 and 1.0 compare equal.</summary>
    public static string ScalarText(JsonValue v)
    {
        var kind = v.GetValueKind();
        if (kind == JsonValueKind.Number)
        {
            var raw = v.ToJsonString();
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : raw;
        }
        return v.ToJsonString();
    }

    public static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Parse(string text)
    {
        var n = JsonNode.Parse(text) ?? throw new JsonException("body is null");
        return n as JsonObject ?? throw new JsonException("body is not a JSON object");
    }

    public static JsonObject CloneObj(JsonObject o) => (JsonObject)o.DeepClone();
}
