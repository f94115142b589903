using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Finds and deletes objects that carry this revision's and component's MeshOps labels but are no longer in the
/// component's manifest. Selection is by label on the server and checked again here, so an object of another
/// revision, another component, or one without our labels is never touched.
/// </summary>
internal sealed class Pruner
{
    private readonly ClusterConnection connection;
    private readonly IMeshHost host;

    public Pruner(ClusterConnection connection, IMeshHost host)
    {
        this.connection = connection;
        this.host = host;
    }

    public sealed record Stale(ResourceType Type, string? Namespace, string Name);

    /// <summary>Our objects of <paramref name="component"/> that <paramref name="keep"/> does not name.</summary>
    public async Task<List<Stale>> FindAsync(string component, string revision, IReadOnlySet<string> keep, string? extraSelector, bool includeCrds, CancellationToken cancellationToken)
    {
        var revisionValue = OwnershipLabels.RevisionValue(revision);
        var selector = $"{OwnershipLabels.MeshOpsRevision}={revisionValue},{OwnershipLabels.MeshOpsComponent}={component}";
        if (!string.IsNullOrWhiteSpace(extraSelector)) selector += "," + extraSelector.Trim();
        var extra = EqualityTerms(extraSelector);
        var stale = new List<Stale>();
        foreach (var (apiVersion, kind) in PruneKinds.All)
        {
            if (kind == PruneKinds.CrdKind && !includeCrds) continue;
            var type = await connection.Discovery.TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false);
            if (type == null) continue; // not served by this cluster, so nothing of it can exist
            var list = await connection.GetAsync($"{type.CollectionPath(null)}?labelSelector={Uri.EscapeDataString(selector)}", cancellationToken).ConfigureAwait(false);
            foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var meta = item["metadata"] as JsonObject;
                var name = (string?)meta?["name"];
                var ns = type.Namespaced ? (string?)meta?["namespace"] : null;
                if (name == null) continue;
                var labels = meta?["labels"] as JsonObject;
                string? Label(string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                var ours = Label(OwnershipLabels.MeshOpsRevision) == revisionValue
                    && Label(OwnershipLabels.MeshOpsComponent) == component
                    && (Label(OwnershipLabels.IstioRevision) is not { } rev || rev == revisionValue)
                    && extra.All(t => t.Equal ? Label(t.Key) == t.Value : Label(t.Key) != t.Value);
                if (!ours)
                {
                    host.WriteVerbose($"Prune: skipping {kind} {ns}/{name}: the server returned it for '{selector}' but its labels do not match.");
                    continue;
                }
                if (!keep.Contains(Key(type.Group, kind, ns, name))) stale.Add(new Stale(type, ns, name));
            }
        }
        return stale;
    }

    public async Task DeleteAsync(Stale stale, CancellationToken cancellationToken)
    {
        var deleted = await connection.DeleteAsync(stale.Type.ObjectPath(stale.Namespace, stale.Name), dryRun: false, cancellationToken).ConfigureAwait(false);
        host.WriteVerbose(deleted ? $"Pruned {stale.Type.Kind} {stale.Namespace}/{stale.Name}" : $"{stale.Type.Kind} {stale.Namespace}/{stale.Name} was already gone");
    }

    /// <summary>The identity prune compares by: API group (not version), kind, namespace, name.</summary>
    public static string Key(string group, string kind, string? ns, string name) => $"{group}|{kind}|{ns}|{name}";

    /// <summary>The equality terms of a selector ("a=b,c!=d"), re-checked client side; set-based terms are left to the server.</summary>
    private static List<(string Key, string Value, bool Equal)> EqualityTerms(string? selector)
    {
        var terms = new List<(string, string, bool)>();
        if (string.IsNullOrWhiteSpace(selector) || selector.Contains('(')) return terms;
        foreach (var part in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            if (ne > 0) { terms.Add((part[..ne].Trim(), part[(ne + 2)..].Trim(), false)); continue; }
            var eq = part.IndexOf('=');
            if (eq > 0) terms.Add((part[..eq].Trim(), part[(eq + 1)..].TrimStart('=').Trim(), true));
        }
        return terms;
    }
}
