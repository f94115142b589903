using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>A metav1.LabelSelector (matchLabels + matchExpressions) evaluated against a label set.</summary>
internal sealed class LabelSelector
{
    private readonly List<(string Key, string Operator, string[] Values)> requirements = [];

    private LabelSelector() { }

    /// <summary>Null or an empty selector matches everything, as for webhooks.</summary>
    public static LabelSelector From(JsonNode? node)
    {
        var selector = new LabelSelector();
        if (node is not JsonObject obj) return selector;
        foreach (var (k, v) in obj["matchLabels"] as JsonObject ?? [])
            selector.requirements.Add((k, "In", [(string?)v ?? ""]));
        foreach (var expr in (obj["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var values = (expr["values"] as JsonArray ?? []).Select(x => (string?)x ?? "").ToArray();
            selector.requirements.Add(((string?)expr["key"] ?? "", (string?)expr["operator"] ?? "", values));
        }
        return selector;
    }

    /// <summary>The keys the selector looks at, with the values it names.</summary>
    public IEnumerable<(string Key, string[] Values)> Terms => requirements.Select(r => (r.Key, r.Values));

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var (key, op, values) in requirements)
        {
            var has = labels.TryGetValue(key, out var value);
            var ok = op switch
            {
                "In" => has && values.Contains(value),
                "NotIn" => !has || !values.Contains(value),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false, // unknown operators match nothing, as the API server rejects them
            };
            if (!ok) return false;
        }
        return true;
    }
}
