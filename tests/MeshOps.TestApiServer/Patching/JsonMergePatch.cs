using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Patching;

/// <summary>RFC 7386 JSON merge patch (application/merge-patch+json): objects merge, null deletes, the rest replaces.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject p) return patch?.DeepClone();
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (value is null || value is JsonValue v && v.GetValueKind() == JsonValueKind.Null) result.Remove(key);
            else result[key] = Apply(result[key], value);
        }
        return result;
    }
}
