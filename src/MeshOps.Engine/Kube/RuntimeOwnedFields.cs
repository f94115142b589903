using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Fields a running control plane owns on the objects we apply, left to it rather than fought over. istiod's webhook
/// controllers write, with an Update under their own manager (the user agent, <c>pilot-discovery</c>), the caBundle of
/// every webhook of the injector and validator configurations (revision-tag injectors too) and, once validation is
/// served, the validator's <c>failurePolicy: Fail</c> over the chart's <c>Ignore</c> (pkg/webhooks/webhookpatch.go,
/// pkg/webhooks/validation/controller/controller.go). Applying the chart's value there again would conflict, or with
/// force reset the field and open validation or break injection until istiod re-patches. So when the live object has
/// such a field under a manager that is neither ours nor one we take over, the field is left out of our apply, as
/// Helm's three-way merge leaves a field the chart did not change; a first install (no live object) applies the
/// chart's values.
/// </summary>
internal static class RuntimeOwnedFields
{
    private const string Group = "admissionregistration.k8s.io";

    /// <summary>Per kind, the paths inside each item of <c>webhooks</c> (keyed by name) that istiod writes.</summary>
    private static readonly Dictionary<string, string[][]> WebhookFields = new(StringComparer.Ordinal)
    {
        ["MutatingWebhookConfiguration"] = [["clientConfig", "caBundle"]],
        ["ValidatingWebhookConfiguration"] = [["clientConfig", "caBundle"], ["failurePolicy"]],
    };

    /// <summary>
    /// The body without the runtime-owned fields that <paramref name="live"/> holds under another manager (the same
    /// body when there are none); <paramref name="leftOut"/> names them (<c>webhooks[NAME].clientConfig.caBundle</c>)
    /// with their owners.
    /// </summary>
    public static JsonObject LeaveToOwners(JsonObject body, JsonObject live, string manager, IReadOnlySet<string> takeOver, out IReadOnlyList<string> leftOut)
    {
        leftOut = [];
        var kind = (string?)body["kind"];
        var apiVersion = (string?)body["apiVersion"] ?? "";
        if (kind == null || !WebhookFields.TryGetValue(kind, out var paths) || !apiVersion.StartsWith(Group + "/", StringComparison.Ordinal)) return body;
        if (body["webhooks"] is not JsonArray hooks || hooks.Count == 0) return body;

        var foreign = (live["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(e => (string?)e["manager"] is { } m && m != manager && !takeOver.Contains(m) && string.IsNullOrEmpty((string?)e["subresource"]))
            .Select(e => (Manager: (string)e["manager"]!, Fields: e["fieldsV1"]?["f:webhooks"] as JsonObject))
            .Where(e => e.Fields != null)
            .ToList();
        if (foreign.Count == 0) return body;

        JsonObject? copy = null;
        var left = new List<string>();
        for (var i = 0; i < hooks.Count; i++)
        {
            if (hooks[i] is not JsonObject hook || (string?)hook["name"] is not { } name) continue;
            foreach (var path in paths)
            {
                if (!Has(hook, path)) continue;
                var owners = foreign.Where(e => ItemOwns(e.Fields!, name, path)).Select(e => e.Manager).Distinct(StringComparer.Ordinal).ToList();
                if (owners.Count == 0) continue;
                copy ??= (JsonObject)body.DeepClone();
                Remove((JsonObject)((JsonArray)copy["webhooks"]!)[i]!, path);
                left.Add($"webhooks[{name}].{string.Join('.', path)} ({string.Join(", ", owners)})");
            }
        }
        leftOut = left;
        return copy ?? body;
    }

    private static bool Has(JsonObject hook, string[] path)
    {
        JsonNode? node = hook;
        foreach (var step in path)
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(step, out node)) return false;
        }
        return true;
    }

    private static void Remove(JsonObject hook, string[] path)
    {
        var parent = hook;
        foreach (var step in path[..^1]) parent = (JsonObject)parent[step]!;
        parent.Remove(path[^1]);
    }

    /// <summary>Whether a FieldsV1 set of <c>webhooks</c> holds the path in the item keyed <c>{"name":NAME}</c>.</summary>
    private static bool ItemOwns(JsonObject webhooks, string name, string[] path)
    {
        foreach (var (key, value) in webhooks)
        {
            if (!key.StartsWith("k:", StringComparison.Ordinal) || value is not JsonObject item || !KeyIsName(key[2..], name)) continue;
            JsonObject? node = item;
            foreach (var step in path) node = node?["f:" + step] as JsonObject;
            if (node != null) return true;
        }
        return false;
    }

    private static bool KeyIsName(string keyJson, string name)
    {
        try
        {
            return JsonNode.Parse(keyJson) is JsonObject key && key.Count == 1 && (string?)key["name"] == name;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
