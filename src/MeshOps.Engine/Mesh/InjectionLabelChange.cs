using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>The label changes on one namespace: values to set and labels to remove, as one JSON merge patch.</summary>
public sealed record InjectionLabelChange
{
    public required string Namespace { get; init; }
    public IReadOnlyDictionary<string, string> Set { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Remove { get; init; } = Array.Empty<string>();

    /// <summary>True when the namespace already looks like this and nothing needs writing.</summary>
    public bool IsEmpty => Set.Count == 0 && Remove.Count == 0;

    /// <summary>kubectl-label style: "istio.io/rev=canary istio-injection-".</summary>
    public string Describe() => string.Join(" ", Set.Select(s => $"{s.Key}={s.Value}").Concat(Remove.Select(r => r + "-")));

    /// <summary>The merge patch body: null removes a label (RFC 7386), so the whole change is one request.</summary>
    public JsonObject ToMergePatch()
    {
        var labels = new JsonObject();
        foreach (var (key, value) in Set) labels[key] = value;
        foreach (var key in Remove) labels[key] = null;
        return new JsonObject { ["metadata"] = new JsonObject { ["labels"] = labels } };
    }

    /// <summary>A copy of a namespace object with this change made in memory (to predict restarts without writing).</summary>
    public JsonObject ApplyTo(JsonObject ns)
    {
        var copy = (JsonObject)ns.DeepClone();
        if (copy["metadata"] is not JsonObject meta) copy["metadata"] = meta = new JsonObject();
        if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
        foreach (var key in Remove) labels.Remove(key);
        foreach (var (key, value) in Set) labels[key] = value;
        return copy;
    }

    /// <summary>
    /// The change that makes a namespace inject from <paramref name="revision"/>: istio.io/rev set, and any istio-injection
    /// label removed because it would win over istio.io/rev (FACTS.md section 4). Nothing when already so.
    /// </summary>
    public static InjectionLabelChange Enable(string ns, IReadOnlyDictionary<string, string> labels, string revision)
    {
        RevisionNames.Validate(revision); // whoever calls: never a label value that cannot name a revision or tag
        return new()
        {
            Namespace = ns,
            Set = labels.GetValueOrDefault(MeshLabels.Revision) == revision
                ? new Dictionary<string, string>()
                : new Dictionary<string, string> { [MeshLabels.Revision] = revision },
            Remove = labels.ContainsKey(MeshLabels.LegacyInjection) ? new[] { MeshLabels.LegacyInjection } : Array.Empty<string>(),
        };
    }

    /// <summary>
    /// The change that stops injection in a namespace: istio.io/rev removed and istio-injection=enabled removed (it would go on
    /// injecting from the default revision). With <paramref name="explicitly"/>, istio-injection=disabled is set instead, which
    /// also blocks pods that opt in with their own istio.io/rev label.
    /// </summary>
    public static InjectionLabelChange Disable(string ns, IReadOnlyDictionary<string, string> labels, bool explicitly)
    {
        var remove = new List<string>();
        if (labels.ContainsKey(MeshLabels.Revision)) remove.Add(MeshLabels.Revision);
        var legacy = labels.GetValueOrDefault(MeshLabels.LegacyInjection);
        var set = new Dictionary<string, string>();
        if (explicitly)
        {
            if (legacy != "disabled") set[MeshLabels.LegacyInjection] = "disabled";
        }
        else if (legacy == "enabled")
        {
            remove.Add(MeshLabels.LegacyInjection);
        }
        return new InjectionLabelChange { Namespace = ns, Set = set, Remove = remove };
    }
}
