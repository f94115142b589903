using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Selectors;

/// <summary>
/// A metav1.LabelSelector object (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist), as admission
/// webhooks' namespaceSelector and objectSelector use it. A null or empty selector matches everything.
/// </summary>
public static class ObjectLabelSelector
{
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject sel) return true;
        if (sel["matchLabels"] is JsonObject matchLabels)
            foreach (var (key, value) in matchLabels)
                if (!labels.TryGetValue(key, out var have) || have != value?.ToString()) return false;
        if (sel["matchExpressions"] is JsonArray expressions)
        {
            foreach (var e in expressions.OfType<JsonObject>())
            {
                var key = JsonTools.Str(e, "key") ?? "";
                var values = (e["values"] as JsonArray)?.Select(v => v?.ToString()).ToList() ?? new List<string?>();
                var has = labels.TryGetValue(key, out var value);
                var ok = JsonTools.Str(e, "operator") switch
                {
                    "In" => has && values.Contains(value),
                    "NotIn" => !has || !values.Contains(value),
                    "Exists" => has,
                    "DoesNotExist" => !has,
                    _ => false, // the real server rejects unknown operators when the webhook is written
                };
                if (!ok) return false;
            }
        }
        return true;
    }

    /// <summary>metadata.labels of an object as a string map.</summary>
    public static Dictionary<string, string> LabelsOf(JsonObject? obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj?["metadata"]?["labels"] is JsonObject l)
            foreach (var (k, v) in l) labels[k] = v?.ToString() ?? "";
        return labels;
    }
}
