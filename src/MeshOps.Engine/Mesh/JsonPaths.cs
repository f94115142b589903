using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>Null-tolerant reads of Kubernetes objects held as JSON.</summary>
internal static class JsonPaths
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node)) return null;
        }
        return node;
    }

    public static string? Str(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static long? Int(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value ? value.TryGetValue<long>(out var n) ? n : value.TryGetValue<int>(out var i) ? i : null : null;

    public static IReadOnlyDictionary<string, string> StringMap(this JsonNode? node, params string[] path)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node.At(path) is JsonObject map)
        {
            foreach (var (key, value) in map)
                if (value is JsonValue v && v.TryGetValue<string>(out var text)) result[key] = text;
        }
        return result;
    }

    public static IEnumerable<JsonObject> Items(this JsonObject list) =>
        (list["items"] as JsonArray ?? new JsonArray()).OfType<JsonObject>();
}
