using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Patching;

/// <summary>How a list field merges: replaced whole (atomic), a set of scalars, or a map keyed by item fields.</summary>
public enum ListType { Atomic, Set, Map }

/// <summary>List semantics for one list: SSA keys (listMapKeys) and the strategic-merge-patch merge key.</summary>
public sealed record ListInfo(ListType Type, string[] Keys, string? MergeKey)
{
    static readonly ListInfo AtomicList = new(ListType.Atomic, [], null);

    /// <summary>
    /// The built-in types' list semantics, chosen by field name (and item shape for "ports"), the subset of the
    /// k8s OpenAPI x-kubernetes-list-type / patchMergeKey annotations the module's kinds use.
    /// Custom resources are atomic, as for CRDs without list-type annotations.
    /// </summary>
    public static ListInfo For(string field, JsonArray list, bool custom)
    {
        if (field == "finalizers") return new ListInfo(ListType.Set, [], null);
        if (custom) return AtomicList;
        switch (field)
        {
            case "containers": case "initContainers": case "ephemeralContainers": case "env": case "volumes":
            case "imagePullSecrets": case "webhooks":
                return new ListInfo(ListType.Map, ["name"], "name");
            case "conditions": return new ListInfo(ListType.Map, ["type"], "type");
            case "ownerReferences": return new ListInfo(ListType.Map, ["uid"], "uid");
            case "hostAliases": return new ListInfo(ListType.Map, ["ip"], "ip");
            case "volumeMounts": return new ListInfo(ListType.Map, ["mountPath"], "mountPath");
            case "volumeDevices": return new ListInfo(ListType.Map, ["devicePath"], "devicePath");
            case "topologySpreadConstraints": return new ListInfo(ListType.Map, ["topologyKey", "whenUnsatisfiable"], "topologyKey");
            case "versions": return new ListInfo(ListType.Map, ["name"], null);
            case "ports":
                var first = list.OfType<JsonObject>().FirstOrDefault();
                if (first == null) return AtomicList;
                if (first.ContainsKey("containerPort")) return new ListInfo(ListType.Map, ["containerPort", "protocol"], "containerPort");
                if (first.ContainsKey("port") && !first.ContainsKey("endPort")) return new ListInfo(ListType.Map, ["port", "protocol"], "port");
                return AtomicList;
            default:
                return AtomicList;
        }
    }

    /// <summary>The value of a key field, with the API defaults that apply before keys are compared (protocol TCP).</summary>
    public static JsonNode? KeyValue(JsonObject item, string key)
    {
        if (item.TryGetPropertyValue(key, out var v) && v != null) return v;
        return key == "protocol" ? JsonValue.Create("TCP") : null;
    }

    public bool SameKey(JsonObject a, JsonObject b, bool forPatch)
    {
        if (forPatch) return MergeKey != null && Json.JsonTools.DeepEquals(KeyValue(a, MergeKey), KeyValue(b, MergeKey));
        return Keys.All(k => Json.JsonTools.DeepEquals(KeyValue(a, k), KeyValue(b, k)));
    }
}
