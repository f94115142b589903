using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Reads namespaces with their injection state and the pods that need a restart. Lists namespaces once and pods
/// once (all namespaces, paged) and groups in memory, so 1,000 namespaces cost a handful of calls.
/// </summary>
public sealed class NamespaceReader
{
    /// <summary>Up to this many namespaces, pods are listed per namespace; above it, once for the whole cluster.</summary>
    private const int PerNamespacePodListLimit = 8;

    private readonly MeshCluster _cluster;

    public NamespaceReader(MeshCluster cluster) => _cluster = cluster;

    /// <summary>Every namespace of the cluster, sorted by name.</summary>
    public async Task<IReadOnlyList<NamespaceInjection>> ListAsync(InjectionTargets targets, CancellationToken ct)
    {
        var namespaces = await _cluster.ListAsync("v1", "Namespace", null, null, ct).ConfigureAwait(false);
        return await DescribeAsync(namespaces, targets, ct).ConfigureAwait(false);
    }

    /// <summary>Describes namespace objects already read (or just patched), reading their pods.</summary>
    public async Task<IReadOnlyList<NamespaceInjection>> DescribeAsync(IReadOnlyCollection<JsonObject> namespaces, InjectionTargets targets, CancellationToken ct)
    {
        var pods = await ListPodsAsync(namespaces.Select(n => n.Str("metadata", "name")!).ToList(), ct).ConfigureAwait(false);
        return Describe(namespaces, pods, targets);
    }

    /// <summary>Describes namespace objects with pods read before by <see cref="ListPodsAsync"/> (labelling a namespace changes none of its pods).</summary>
    public static IReadOnlyList<NamespaceInjection> Describe(IReadOnlyCollection<JsonObject> namespaces, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> pods, InjectionTargets targets) =>
        namespaces
            .Select(n => Describe(n, pods.TryGetValue(n.Str("metadata", "name")!, out var list) ? list : Array.Empty<JsonObject>(), targets))
            .OrderBy(n => n.Name, StringComparer.Ordinal).ToList();

    /// <summary>Pods by namespace: one call per namespace for a few, one paged list of the cluster for many.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> ListPodsAsync(IReadOnlyList<string> names, CancellationToken ct)
    {
        var byNamespace = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        if (names.Count == 0) return byNamespace;
        if (names.Count <= PerNamespacePodListLimit)
        {
            foreach (var name in names) byNamespace[name] = await _cluster.ListAsync("v1", "Pod", name, null, ct).ConfigureAwait(false);
            return byNamespace;
        }
        var wanted = new HashSet<string>(names, StringComparer.Ordinal);
        foreach (var group in (await _cluster.ListAsync("v1", "Pod", null, null, ct).ConfigureAwait(false))
                     .GroupBy(p => p.Str("metadata", "namespace") ?? "", StringComparer.Ordinal))
        {
            if (wanted.Contains(group.Key)) byNamespace[group.Key] = group.ToList();
        }
        return byNamespace;
    }

    /// <summary>metadata.name of an object.</summary>
    public static string NameOf(JsonObject obj) => obj.Str("metadata", "name") ?? "";

    /// <summary>metadata.labels of an object (string values only).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject obj) => obj.StringMap("metadata", "labels");

    /// <summary>One namespace's injection state from its object and its pods.</summary>
    public static NamespaceInjection Describe(JsonObject ns, IReadOnlyCollection<JsonObject> pods, InjectionTargets targets)
    {
        var labels = ns.StringMap("metadata", "labels");
        var name = ns.Str("metadata", "name")!;
        var restarts = new List<PodRestart>();
        foreach (var pod in pods)
        {
            if (NeedsRestart(pod, labels, targets, out var current, out var target))
            {
                var owner = (pod.At("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>()
                    .FirstOrDefault(o => o.At("controller") is JsonValue v && v.TryGetValue<bool>(out var c) && c);
                restarts.Add(new PodRestart
                {
                    Namespace = name,
                    Name = pod.Str("metadata", "name")!,
                    CurrentRevision = current,
                    TargetRevision = target,
                    OwnerKind = owner.Str("kind"),
                    OwnerName = owner.Str("name"),
                });
            }
        }
        return new NamespaceInjection
        {
            Name = name,
            RevisionLabel = labels.GetValueOrDefault(MeshLabels.Revision),
            InjectionLabel = labels.GetValueOrDefault(MeshLabels.LegacyInjection),
            InjectedBy = targets.InjectorFor(labels, null),
            Pods = pods.Count,
            PodsToRestart = restarts.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>
    /// True when a running pod's sidecar differs from what injection would give it now: another revision's sidecar,
    /// none while the namespace injects, or one while nothing injects. Pods opted out with sidecar.istio.io/inject=false
    /// and finished pods never need one.
    /// </summary>
    internal static bool NeedsRestart(JsonObject pod, IReadOnlyDictionary<string, string> namespaceLabels, InjectionTargets targets, out string? current, out string? target)
    {
        current = RevisionReader.InjectedRevision(pod);
        target = null;
        var phase = pod.Str("status", "phase");
        if (phase is "Succeeded" or "Failed") return false;
        var podLabels = pod.StringMap("metadata", "labels");
        var optOut = podLabels.GetValueOrDefault(InjectionTargets.InjectLabel) ?? pod.Str("metadata", "annotations", InjectionTargets.InjectLabel);
        if (string.Equals(optOut, "false", StringComparison.OrdinalIgnoreCase)) return false;
        // Host-network pods are never injected.
        if (pod.At("spec", "hostNetwork") is JsonValue host && host.TryGetValue<bool>(out var isHost) && isHost) return false;
        target = targets.InjectorFor(namespaceLabels, podLabels);
        return !string.Equals(current, target, StringComparison.Ordinal);
    }
}
