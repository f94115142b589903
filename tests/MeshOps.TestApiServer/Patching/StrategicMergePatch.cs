using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds (the subset the module's kinds need): maps merge, null deletes,
/// lists with a patchMergeKey merge by that key (items with "$patch: delete" are removed, "$patch: replace"
/// replaces the list), finalizers merge as a set, "$deleteFromPrimitiveList/field" removes values,
/// "$setElementOrder/field" and "$retainKeys" directives are accepted; other lists replace.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonObject Apply(JsonObject target, JsonObject patch) => MergeObject((JsonObject)target.DeepClone(), patch);

    static bool IsNull(JsonNode? n) => n is null || n is JsonValue v && v.GetValueKind() == JsonValueKind.Null;

    static JsonObject MergeObject(JsonObject result, JsonObject patch)
    {
        if (JsonTools.Str(patch, "$patch") == "replace")
        {
            var replaced = (JsonObject)patch.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        foreach (var (key, value) in patch)
        {
            if (key is "$patch" or "$retainKeys" || key.StartsWith("$setElementOrder/", StringComparison.Ordinal)) continue;
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray existing && value is JsonArray drop)
                {
                    var kept = existing.Where(e => !drop.Any(d => JsonTools.DeepEquals(d, e))).Select(e => e?.DeepClone()).ToArray();
                    result[field] = new JsonArray(kept);
                }
                continue;
            }
            if (IsNull(value)) { result.Remove(key); continue; }
            var current = result[key];
            if (value is JsonObject po)
            {
                if (JsonTools.Str(po, "$patch") == "delete") { result.Remove(key); continue; }
                result[key] = MergeObject(current is JsonObject co ? (JsonObject)co.DeepClone() : new JsonObject(), po);
            }
            else if (value is JsonArray pa && current is JsonArray ca)
            {
                result[key] = MergeList(key, ca, pa);
            }
            else
            {
                result[key] = StripDirectives(value!.DeepClone());
            }
        }
        return result;
    }

    static JsonNode StripDirectives(JsonNode node)
    {
        if (node is JsonArray a)
        {
            var items = a.Where(i => !(i is JsonObject o && JsonTools.Str(o, "$patch") == "delete")).Select(i => i is null ? null : StripDirectives(i.DeepClone())).ToArray();
            return new JsonArray(items);
        }
        if (node is JsonObject o2)
        {
            foreach (var k in o2.Select(p => p.Key).Where(k => k.StartsWith('$')).ToList()) o2.Remove(k);
        }
        return node;
    }

    static JsonArray MergeList(string field, JsonArray current, JsonArray patch)
    {
        var info = ListInfo.For(field, current.Count > 0 ? current : patch, custom: false);
        if (patch.OfType<JsonObject>().Any(o => JsonTools.Str(o, "$patch") == "replace"))
            return (JsonArray)StripDirectives(new JsonArray(patch.Where(i => !(i is JsonObject o && JsonTools.Str(o, "$patch") == "replace")).Select(i => i?.DeepClone()).ToArray()));
        if (info.Type == ListType.Set)
        {
            var merged = current.Select(i => i?.DeepClone()).ToList();
            foreach (var v in patch) if (!merged.Any(m => JsonTools.DeepEquals(m, v))) merged.Add(v?.DeepClone());
            return new JsonArray(merged.ToArray());
        }
        if (info.MergeKey == null || patch.Any(i => i is not JsonObject)) return (JsonArray)StripDirectives(patch.DeepClone());
        var result = current.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch.OfType<JsonObject>())
        {
            var idx = result.FindIndex(r => r is JsonObject ro && info.SameKey(ro, item, forPatch: true));
            if (JsonTools.Str(item, "$patch") == "delete")
            {
                if (idx >= 0) result.RemoveAt(idx);
                continue;
            }
            if (idx >= 0) result[idx] = MergeObject((JsonObject)result[idx]!, item);
            else result.Add(MergeObject(new JsonObject(), item));
        }
        return new JsonArray(result.ToArray());
    }
}
