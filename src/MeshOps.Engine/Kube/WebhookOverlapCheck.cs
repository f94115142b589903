using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Refuses an install whose sidecar-injector webhooks would select the same pods as another configuration's
/// (istioctl analyze IST0139, "InvalidWebhook ... overlaps with others", which makes injection happen twice).
/// Like Istio's webhook analyzer it enumerates the namespace and pod label sets the selectors can tell apart
/// (each named value, a value none names, and absence, per key) and reports any set two configurations both match.
/// </summary>
internal static class WebhookOverlapCheck
{
    private const int MaxCombinations = 200_000;

    public sealed record Webhook(string Configuration, string Name, LabelSelector NamespaceSelector, LabelSelector ObjectSelector)
    {
        public string DisplayName => $"{Configuration}/{Name}";
    }

    /// <summary>Injector webhooks of a MutatingWebhookConfiguration body (labelled app=sidecar-injector).</summary>
    public static IEnumerable<Webhook> InjectorWebhooks(JsonObject configuration)
    {
        if ((string?)configuration["metadata"]?["labels"]?["app"] != "sidecar-injector") yield break;
        var name = (string?)configuration["metadata"]?["name"] ?? "?";
        foreach (var hook in (configuration["webhooks"] as JsonArray ?? []).OfType<JsonObject>())
            if (!IsDeactivated(hook))
                yield return new Webhook(name, (string?)hook["name"] ?? "?", LabelSelector.From(hook["namespaceSelector"]), LabelSelector.From(hook["objectSelector"]));
    }

    /// <summary>
    /// istioctl switches an injector off by giving it selectors no object carries (util.go neverMatch,
    /// istio.io/deactivated=never-match); such a webhook injects nothing, so it overlaps with nothing.
    /// </summary>
    private static bool IsDeactivated(JsonObject hook) =>
        (string?)hook["namespaceSelector"]?["matchLabels"]?["istio.io/deactivated"] == "never-match"
        && (string?)hook["objectSelector"]?["matchLabels"]?["istio.io/deactivated"] == "never-match";

    /// <summary>Throws WebhookOverlap when a new webhook and an existing one of another configuration can both match one pod.</summary>
    public static void Check(IReadOnlyList<Webhook> incoming, IReadOnlyList<Webhook> existing)
    {
        var incomingNames = incoming.Select(w => w.Configuration).ToHashSet(StringComparer.Ordinal);
        // A configuration we are about to overwrite is replaced, not overlapped.
        var others = existing.Where(w => !incomingNames.Contains(w.Configuration)).ToList();
        if (incoming.Count == 0 || others.Count == 0) return;
        var all = incoming.Concat(others).ToList();

        var nsCases = Cases(all.Select(w => w.NamespaceSelector));
        var podCases = Cases(all.Select(w => w.ObjectSelector));
        if ((long)nsCases.Count * podCases.Count > MaxCombinations)
            throw new MeshException("WebhookOverlapUndecidable", MeshErrorKind.LimitsExceeded,
                "The sidecar-injector webhooks use too many selector labels to check for overlap. Remove stale injector webhooks (kubectl get mutatingwebhookconfigurations -l app=sidecar-injector) and retry.");

        foreach (var ns in nsCases)
        {
            var nsMatches = all.Where(w => w.NamespaceSelector.Matches(ns)).ToList();
            if (nsMatches.Count < 2) continue;
            foreach (var pod in podCases)
            {
                var hits = nsMatches.Where(w => w.ObjectSelector.Matches(pod)).ToList();
                var mine = hits.FirstOrDefault(h => incoming.Contains(h));
                var theirs = hits.FirstOrDefault(h => others.Contains(h));
                if (mine == null || theirs == null) continue;
                throw new MeshException("WebhookOverlap", MeshErrorKind.ResourceExists,
                    $"The sidecar injector webhook {mine.DisplayName} would overlap with the existing {theirs.DisplayName}: " +
                    $"both select pods labelled {Describe(pod)} in namespaces labelled {Describe(ns)}, so such pods would be injected twice (istioctl analyze IST0139). " +
                    $"Remove or retarget MutatingWebhookConfiguration {theirs.Configuration} (e.g. istioctl tag remove / uninstall the other revision), or change this install's revision.",
                    $"{mine.Configuration}, {theirs.Configuration}");
            }
        }
    }

    /// <summary>Every label set that makes a difference to the selectors: per key, each named value, an unnamed value, or absent.</summary>
    private static List<Dictionary<string, string>> Cases(IEnumerable<LabelSelector> selectors)
    {
        var keys = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (key, values) in selectors.SelectMany(s => s.Terms))
        {
            if (!keys.TryGetValue(key, out var set)) keys[key] = set = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var v in values) set.Add(v);
        }
        var cases = new List<Dictionary<string, string>> { new(StringComparer.Ordinal) };
        foreach (var (key, values) in keys)
        {
            var options = values.Select(v => (string?)v).Append("meshops-unlisted-value").Append(null).ToList();
            var next = new List<Dictionary<string, string>>(cases.Count * options.Count);
            foreach (var c in cases)
                foreach (var option in options)
                {
                    var copy = new Dictionary<string, string>(c, StringComparer.Ordinal);
                    if (option != null) copy[key] = option;
                    next.Add(copy);
                }
            cases = next;
            if (cases.Count > MaxCombinations) break;
        }
        return cases;
    }

    private static string Describe(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "(no labels)" : "{" + string.Join(", ", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) + "}";
}
