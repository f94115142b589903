using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Patching;

/// <summary>RFC 6902 JSON patch (application/json-patch+json): add, remove, replace, move, copy, test.</summary>
public static class JsonPatch
{
    public static JsonObject Apply(JsonObject target, JsonArray ops)
    {
        JsonNode root = target.DeepClone();
        foreach (var opNode in ops)
        {
            if (opNode is not JsonObject op) throw ApiException.BadRequest("json patch: operation is not an object");
            var kind = JsonTools.Str(op, "op") ?? throw ApiException.BadRequest("json patch: missing op");
            var path = JsonTools.Str(op, "path") ?? throw ApiException.BadRequest("json patch: missing path");
            switch (kind)
            {
                case "add": root = Add(root, path, op["value"]?.DeepClone()); break;
                case "remove": Remove(root, path); break;
                case "replace": Remove(root, path); root = Add(root, path, op["value"]?.DeepClone()); break;
                case "move":
                {
                    var from = JsonTools.Str(op, "from") ?? throw ApiException.BadRequest("json patch: move without from");
                    var v = Get(root, from); Remove(root, from); root = Add(root, path, v?.DeepClone()); break;
                }
                case "copy":
                {
                    var from = JsonTools.Str(op, "from") ?? throw ApiException.BadRequest("json patch: copy without from");
                    root = Add(root, path, Get(root, from)?.DeepClone()); break;
                }
                case "test":
                    if (!JsonTools.DeepEquals(Get(root, path), op["value"]))
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    break;
                default: throw ApiException.BadRequest($"json patch: unexpected op \"{kind}\"");
            }
        }
        return root as JsonObject ?? throw ApiException.BadRequest("json patch: result is not an object");
    }

    static string[] Tokens(string path)
    {
        if (path.Length == 0) return [];
        if (path[0] != '/') throw ApiException.BadRequest($"json patch: invalid path \"{path}\"");
        return path[1..].Split('/').Select(t => t.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    static JsonNode? Get(JsonNode root, string path)
    {
        JsonNode? cur = root;
        foreach (var t in Tokens(path))
        {
            cur = cur switch
            {
                JsonObject o when o.TryGetPropertyValue(t, out var v) => v,
                JsonArray a when int.TryParse(t, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Missing(path),
            };
        }
        return cur;
    }

    static ApiException Missing(string path) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: doc is missing path: \"{path}\"");

    static JsonNode Add(JsonNode root, string path, JsonNode? value)
    {
        var tokens = Tokens(path);
        if (tokens.Length == 0) return value ?? throw ApiException.BadRequest("json patch: null root");
        var parent = Get(root, tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a:
                if (last == "-") a.Add(value);
                else if (int.TryParse(last, out var i) && i >= 0 && i <= a.Count) a.Insert(i, value);
                else throw Missing(path);
                break;
            default: throw Missing(path);
        }
        return root;
    }

    static string Escape(string t) => t.Replace("~", "~0").Replace("/", "~1");

    static void Remove(JsonNode root, string path)
    {
        var tokens = Tokens(path);
        var parent = Get(root, tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(Escape)));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last): o.Remove(last); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count: a.RemoveAt(i); break;
            default: throw Missing(path);
        }
    }
}
