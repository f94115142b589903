using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Finds and deletes objects that carry this revision's and component's MeshOps labels but are no longer in the
/// component's manifest. The candidates are MeshOps' objects as listed by label once per install
/// (<see cref="LiveObjects.Owned"/>, or <see cref="ListCandidatesAsync"/> when an extra selector narrows them on the
/// server); every label is checked again here, so an object of another revision, another component, or one
/// without our labels is never touched. A shared object (<see cref="OwnershipLabels.IsShared(JsonObject?)"/>:
/// every revision's, whatever revision label an older MeshOps left on it) is a candidate only when the caller
/// says no other revision uses it.
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

    /// <summary>The kinds prune looks at, in the order it deletes them, resolved on this cluster (kinds it does not serve are left out).</summary>
    public async Task<List<ResourceType>> KindsAsync(bool includeCrds, CancellationToken cancellationToken)
    {
        var kinds = new List<ResourceType>();
        foreach (var (apiVersion, kind) in PruneKinds.All)
        {
            if (kind == PruneKinds.CrdKind && !includeCrds) continue;
            if (await connection.Discovery.TryResolveAsync(apiVersion, kind, cancellationToken).ConfigureAwait(false) is { } type) kinds.Add(type);
        }
        return kinds;
    }

    /// <summary>MeshOps' objects that also match <paramref name="extraSelector"/>, selected by the server (one list per kind).</summary>
    public async Task<List<(ResourceType Type, JsonObject Item)>> ListCandidatesAsync(IReadOnlyList<ResourceType> kinds, string extraSelector, CancellationToken cancellationToken)
    {
        var selector = $"{OwnershipLabels.AnyOwnerSelector},{extraSelector.Trim()}";
        var result = new List<(ResourceType, JsonObject)>();
        foreach (var type in kinds)
            foreach (var item in await connection.ListAsync(type.CollectionPath(null), selector, cancellationToken).ConfigureAwait(false))
                result.Add((type, item));
        return result;
    }

    /// <summary>
    /// Our objects of <paramref name="component"/> among <paramref name="candidates"/> that <paramref name="keep"/> does
    /// not name, in the order of <see cref="PruneKinds.All"/>. Shared objects only with <paramref name="includeShared"/>
    /// (no other revision exists); those kept instead are added to <paramref name="keptShared"/>.
    /// </summary>
    public List<Stale> Find(IEnumerable<(ResourceType Type, JsonObject Item)> candidates, string component, string revision, IReadOnlySet<string> keep,
        string? extraSelector, bool includeCrds, bool includeShared, List<Stale>? keptShared = null)
    {
        var revisionValue = OwnershipLabels.RevisionValue(revision);
        var extra = EqualityTerms(extraSelector);
        var stale = new List<(int Order, Stale Stale)>();
        var keptSharedNames = new List<string>();
        foreach (var (type, item) in candidates)
        {
            var order = PruneOrder(type);
            if (order < 0 || type.Kind == PruneKinds.CrdKind && !includeCrds) continue;
            var meta = item["metadata"] as JsonObject;
            var name = (string?)meta?["name"];
            var ns = type.Namespaced ? (string?)meta?["namespace"] : null;
            if (name == null) continue;
            var labels = meta?["labels"] as JsonObject;
            string? Label(string key) => OwnershipLabels.Label(labels, key);
            if (Label(OwnershipLabels.MeshOpsComponent) != component) continue;
            if (OwnershipLabels.IsShared(labels))
            {
                if (!includeShared)
                {
                    if (!keep.Contains(Key(type.Group, type.Kind, ns, name)))
                    {
                        keptSharedNames.Add($"{type.Kind} {(ns == null ? "" : ns + "/")}{name}");
                        keptShared?.Add(new Stale(type, ns, name));
                    }
                    continue;
                }
            }
            else if (Label(OwnershipLabels.MeshOpsRevision) != revisionValue) continue;
            else if (Label(OwnershipLabels.IstioRevision) is { } rev && rev != revisionValue)
            {
                host.WriteVerbose($"Prune: skipping {type.Kind} {ns}/{name}: it carries our labels but {OwnershipLabels.IstioRevision}={rev}.");
                continue;
            }
            if (!extra.All(t => t.Equal ? Label(t.Key) == t.Value : Label(t.Key) != t.Value))
            {
                host.WriteVerbose($"Prune: skipping {type.Kind} {ns}/{name}: the server returned it for '{extraSelector}' but its labels do not match.");
                continue;
            }
            if (!keep.Contains(Key(type.Group, type.Kind, ns, name))) stale.Add((order, new Stale(type, ns, name)));
        }
        if (keptSharedNames.Count > 0)
            host.WriteVerbose($"Prune: keeping {keptSharedNames.Count} object(s) of {component} shared by every revision, as another revision may use them: {string.Join(", ", keptSharedNames.Take(20))}{(keptSharedNames.Count > 20 ? ", ..." : "")}");
        return stale.OrderBy(s => s.Order).Select(s => s.Stale).ToList();
    }

    public async Task DeleteAsync(Stale stale, CancellationToken cancellationToken)
    {
        var deleted = await connection.DeleteAsync(stale.Type.ObjectPath(stale.Namespace, stale.Name), dryRun: false, cancellationToken).ConfigureAwait(false);
        host.WriteVerbose(deleted ? $"Pruned {stale.Type.Kind} {stale.Namespace}/{stale.Name}" : $"{stale.Type.Kind} {stale.Namespace}/{stale.Name} was already gone");
    }

    /// <summary>The identity prune compares by: API group (not version), kind, namespace, name.</summary>
    public static string Key(string group, string kind, string? ns, string name) => $"{group}|{kind}|{ns}|{name}";

    private static int PruneOrder(ResourceType type)
    {
        for (var i = 0; i < PruneKinds.All.Count; i++)
        {
            var (apiVersion, kind) = PruneKinds.All[i];
            var slash = apiVersion.IndexOf('/');
            if (kind == type.Kind && (slash < 0 ? "" : apiVersion[..slash]) == type.Group) return i;
        }
        return -1;
    }

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
