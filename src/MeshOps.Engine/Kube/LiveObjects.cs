using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// What the cluster holds for one install, read in bulk before anything is written: every object MeshOps wrote
/// (one list per kind, all namespaces, by the <c>meshops.io/component</c> label every one carries), which serves
/// both as the live state to apply against and as the prune candidates. One list finds the revision's own objects,
/// the shared ones (which name no revision, <see cref="OwnershipLabels.IsShared(string?, string?)"/>) and those of
/// other revisions, so the prune can tell whether another revision still uses the shared objects. For an object of the manifest the lists did not return
/// (not ours yet: new, or made by istioctl or Helm), <see cref="ProbeAsync"/> finds out whether it exists at all:
/// nothing does in a namespace that did not exist, and for two or more of one kind and namespace one list of
/// metadata answers for all of them. What remains <see cref="Presence.Unknown"/> is read with a GET when applied.
/// A first install (nothing of the revision was ever recorded, so nothing can carry its labels) reads instead one whole
/// list per kind and namespace where its objects may exist (<see cref="Read"/>): objects of any owner at hand in one
/// request, and what the list did not return is absent without a probe.
/// </summary>
internal sealed class LiveObjects
{
    public enum Presence
    {
        /// <summary>Carries MeshOps' labels (this revision's, shared, or another revision's): the object is at hand.</summary>
        Ours,

        /// <summary>Does not exist.</summary>
        Absent,

        /// <summary>Exists without our label, or was not looked for: read it before applying.</summary>
        Unknown,
    }

    private readonly Dictionary<string, JsonObject> ours = new(StringComparer.Ordinal);
    private readonly HashSet<string> absent = new(StringComparer.Ordinal);
    // Kinds and namespaces (null: cluster-scoped) listed whole: what such a list did not return does not exist.
    private readonly HashSet<(ResourceType Type, string? Namespace)> complete = [];

    private LiveObjects(IReadOnlyList<(ResourceType Type, JsonObject Item)> owned, string revisionValue)
    {
        Owned = owned;
        var others = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, item) in owned)
        {
            ours[Key(type, (string?)item["metadata"]?["namespace"], (string?)item["metadata"]?["name"] ?? "")] = item;
            if (OwnershipLabels.OwnerRevision(item["metadata"]?["labels"] as JsonObject) is { } owner && owner != revisionValue) others.Add(owner);
        }
        OtherRevisions = others;
    }

    /// <summary>
    /// Every object the lists returned, by kind in the order the kinds were given (whole lists: of any owner; prune
    /// re-checks each one's labels).
    /// </summary>
    public IReadOnlyList<(ResourceType Type, JsonObject Item)> Owned { get; }

    /// <summary>The revisions other than this one that own any listed object.</summary>
    public IReadOnlySet<string> OtherRevisions { get; }

    /// <summary>The object's presence; <paramref name="live"/> is set for <see cref="Presence.Ours"/>.</summary>
    public Presence Find(ResourceType type, string? ns, string name, out JsonObject? live)
    {
        var key = Key(type, ns, name);
        if (ours.TryGetValue(key, out live)) return Presence.Ours;
        return absent.Contains(key) ? Presence.Absent : Presence.Unknown;
    }

    /// <summary>
    /// One list to read: <see cref="Whole"/> false, every object MeshOps wrote of the kind in all namespaces (by label);
    /// true, every object of the kind in <see cref="Namespace"/> (null: cluster-scoped), ours or not, so that what the
    /// list does not return is known not to exist.
    /// </summary>
    public sealed record Read(ResourceType Type, string? Namespace, bool Whole)
    {
        /// <summary>The list's items when the caller read them already (a whole list): no request.</summary>
        public IReadOnlyList<JsonObject>? Known { get; init; }
    }

    /// <summary>
    /// Sends the lists together (bounded); items of whole lists that carry no label of ours are at hand all the same.
    /// <paramref name="later"/>, when given, names more lists known only once it completes (e.g. after a namespace
    /// was found to exist); they are sent then, while the first ones may still be under way.
    /// </summary>
    public static async Task<LiveObjects> ReadAsync(ClusterConnection connection, string revisionValue, IReadOnlyList<Read> reads, int parallelism,
        CancellationToken cancellationToken, Task<IReadOnlyList<Read>>? later = null)
    {
        async Task<(IReadOnlyList<Read> Reads, List<JsonObject>[] Lists)> ListLaterAsync()
        {
            var more = later == null ? [] : await later.ConfigureAwait(false);
            return (more, await ListAsync(connection, more, parallelism, cancellationToken).ConfigureAwait(false));
        }
        var first = ListAsync(connection, reads, parallelism, cancellationToken);
        var second = ListLaterAsync();
        await Task.WhenAll(first, second).ConfigureAwait(false);
        var all = reads.Concat(second.Result.Reads).ToList();
        var lists = first.Result.Concat(second.Result.Lists).ToList();
        var owned = new List<(ResourceType, JsonObject)>();
        for (var i = 0; i < all.Count; i++)
        {
            foreach (var item in lists[i])
            {
                // Lists leave apiVersion and kind off their items; put them back so an item compares with an applied object.
                item["apiVersion"] = all[i].Type.ApiVersion;
                item["kind"] = all[i].Type.Kind;
                owned.Add((all[i].Type, item));
            }
        }
        var result = new LiveObjects(owned, revisionValue);
        foreach (var r in all.Where(r => r.Whole)) result.complete.Add((r.Type, r.Type.Namespaced ? r.Namespace : null));
        return result;
    }

    private static async Task<List<JsonObject>[]> ListAsync(ClusterConnection connection, IReadOnlyList<Read> reads, int parallelism, CancellationToken cancellationToken)
    {
        var lists = new List<JsonObject>[reads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => lists[i] = reads[i].Known is { } known ? known.ToList() : await connection.ListAsync(reads[i].Type.CollectionPath(reads[i].Namespace),
                reads[i].Whole ? null : OwnershipLabels.AnyOwnerSelector, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return lists;
    }

    /// <summary>
    /// Settles which of <paramref name="wanted"/> that are not ours do not exist: all in <paramref name="absentNamespaces"/>,
    /// and, per kind and namespace with two or more of them, those a metadata list does not name.
    /// </summary>
    public async Task ProbeAsync(ClusterConnection connection, IEnumerable<(ResourceType Type, string? Namespace, string Name)> wanted,
        IReadOnlySet<string> absentNamespaces, int parallelism, CancellationToken cancellationToken)
    {
        var groups = new List<(ResourceType Type, string? Namespace, List<string> Names)>();
        foreach (var g in wanted.Where(w => !ours.ContainsKey(Key(w.Type, w.Namespace, w.Name))).GroupBy(w => (w.Type, w.Namespace)))
        {
            if (g.Key.Namespace != null && absentNamespaces.Contains(g.Key.Namespace) || complete.Contains((g.Key.Type, g.Key.Type.Namespaced ? g.Key.Namespace : null)))
                foreach (var w in g) absent.Add(Key(w.Type, w.Namespace, w.Name));
            else if (g.Count() > 1)
                groups.Add((g.Key.Type, g.Key.Namespace, g.Select(w => w.Name).Distinct().ToList()));
        }
        var found = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (g, ct) =>
        {
            foreach (var item in await connection.ListAsync(g.Type.CollectionPath(g.Namespace), null, ct, ClusterConnection.MetadataListAccept).ConfigureAwait(false))
                found.Add(Key(g.Type, g.Namespace, (string?)item["metadata"]?["name"] ?? ""));
        }).ConfigureAwait(false);
        var existing = found.ToHashSet(StringComparer.Ordinal);
        foreach (var (type, ns, names) in groups)
            foreach (var name in names)
                if (!existing.Contains(Key(type, ns, name))) absent.Add(Key(type, ns, name));
    }

    private static string Key(ResourceType type, string? ns, string name) => Pruner.Key(type.Group, type.Kind, type.Namespaced ? ns : null, name);
}
