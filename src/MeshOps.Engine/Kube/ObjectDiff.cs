using System.Text.Json.Nodes;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Compares a live object with what applying would make of it (a server-side dry run), ignoring what the server
/// maintains itself (managedFields, resourceVersion, generation, uid, timestamps, status), and lists the changed
/// field paths, e.g. <c>spec.replicas</c>, <c>metadata.labels.app</c>, <c>spec.template.spec.containers[0].image</c>.
/// </summary>
internal static class ObjectDiff
{
    private static readonly HashSet<string> MetadataNoise = new(StringComparer.Ordinal)
    {
        "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink",
    };

    public static IReadOnlyList<string> ChangedPaths(JsonObject live, JsonObject desired)
    {
        var paths = new List<string>();
        Compare(Clean(live), Clean(desired), "", paths);
        return paths;
    }

    private static JsonObject Clean(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("status");
        if (copy["metadata"] is JsonObject meta)
            foreach (var key in MetadataNoise) meta.Remove(key);
        return copy;
    }

    private static void Compare(JsonNode? a, JsonNode? b, string path, List<string> paths)
    {
        using var nesting = NestingGuard.Enter();
        switch (a, b)
        {
            case (JsonObject oa, JsonObject ob):
                foreach (var key in oa.Select(p => p.Key).Union(ob.Select(p => p.Key)).OrderBy(k => k, StringComparer.Ordinal))
                {
                    var hasA = oa.TryGetPropertyValue(key, out var va);
                    var hasB = ob.TryGetPropertyValue(key, out var vb);
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (hasA != hasB) paths.Add(child);
                    else Compare(va, vb, child, paths);
                }
                break;
            case (JsonArray la, JsonArray lb) when la.Count == lb.Count:
                for (var i = 0; i < la.Count; i++) Compare(la[i], lb[i], $"{path}[{i}]", paths);
                break;
            default:
                if (!JsonNode.DeepEquals(a, b)) paths.Add(path.Length == 0 ? "(object)" : path);
                break;
        }
    }
}
