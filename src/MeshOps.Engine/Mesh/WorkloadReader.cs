using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>Namespaces (as served) and their pods, each mapped to its workload and injection state.</summary>
public sealed record WorkloadSnapshot(IReadOnlyDictionary<string, JsonObject> Namespaces, IReadOnlyList<WorkloadPod> Pods);

/// <summary>
/// Reads pods and maps each to its Deployment, StatefulSet or DaemonSet. Lists, never per-object reads: namespaces once,
/// pods once and ReplicaSets once (per namespace for a few namespaces, for the whole cluster above that), so the cost does
/// not grow with the number of pods.
/// </summary>
public sealed class WorkloadReader
{
    /// <summary>Up to this many namespaces, pods and ReplicaSets are listed per namespace; above it, once for the cluster.</summary>
    internal const int PerNamespaceListLimit = 3;

    private readonly MeshCluster _cluster;

    public WorkloadReader(MeshCluster cluster) => _cluster = cluster;

    /// <summary>The pods of <paramref name="namespaces"/> (every namespace when null), sorted by namespace, workload and name.</summary>
    public async Task<WorkloadSnapshot> ReadAsync(IReadOnlyCollection<string>? namespaces, InjectionTargets targets, CancellationToken ct)
    {
        var all = await _cluster.ListAsync("v1", "Namespace", null, null, ct).ConfigureAwait(false);
        var byName = all.ToDictionary(NamespaceReader.NameOf, StringComparer.Ordinal);
        var wanted = namespaces == null ? byName.Keys.ToList() : namespaces.Where(byName.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        var selected = wanted.ToDictionary(n => n, n => byName[n], StringComparer.Ordinal);
        if (wanted.Count == 0) return new WorkloadSnapshot(selected, Array.Empty<WorkloadPod>());

        var pods = ListAsync("v1", "Pod", wanted, namespaces == null, ct);
        var replicaSets = ListAsync("apps/v1", "ReplicaSet", wanted, namespaces == null, ct);
        var deploymentOf = new Dictionary<(string, string), string>();
        foreach (var rs in await replicaSets.ConfigureAwait(false))
        {
            if (ControllerOf(rs) is { Kind: "Deployment" } owner)
                deploymentOf[(rs.Str("metadata", "namespace") ?? "", rs.Str("metadata", "name") ?? "")] = owner.Name;
        }
        var result = new List<WorkloadPod>();
        foreach (var pod in await pods.ConfigureAwait(false))
        {
            var ns = pod.Str("metadata", "namespace") ?? "";
            if (!selected.TryGetValue(ns, out var nsObj)) continue;
            result.Add(Describe(pod, nsObj, targets, deploymentOf));
        }
        return new WorkloadSnapshot(selected, result
            .OrderBy(p => p.Namespace, StringComparer.Ordinal).ThenBy(p => p.Workload ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(p => p.Name, StringComparer.Ordinal).ToList());
    }

    /// <summary>One list per namespace for a few namespaces, else one for the cluster filtered here.</summary>
    private async Task<List<JsonObject>> ListAsync(string apiVersion, string kind, IReadOnlyList<string> namespaces, bool everyNamespace, CancellationToken ct)
    {
        if (everyNamespace || namespaces.Count > PerNamespaceListLimit)
            return (await _cluster.ListAsync(apiVersion, kind, null, null, ct).ConfigureAwait(false)).ToList();
        var items = new List<JsonObject>();
        foreach (var ns in namespaces) items.AddRange(await _cluster.ListAsync(apiVersion, kind, ns, null, ct).ConfigureAwait(false));
        return items;
    }

    internal static (string Kind, string Name)? ControllerOf(JsonObject obj)
    {
        var owner = (obj.At("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(o => o.At("controller") is JsonValue v && v.TryGetValue<bool>(out var c) && c);
        return owner == null ? null : (owner.Str("kind") ?? "", owner.Str("name") ?? "");
    }

    internal static WorkloadPod Describe(JsonObject pod, JsonObject ns, InjectionTargets targets, IReadOnlyDictionary<(string, string), string> deploymentOf)
    {
        var nsName = NamespaceReader.NameOf(ns);
        var nsLabels = NamespaceReader.LabelsOf(ns);
        var owner = ControllerOf(pod);
        (string Kind, string Name)? workload = owner switch
        {
            { Kind: "ReplicaSet" } o when deploymentOf.TryGetValue((nsName, o.Name), out var d) => ("Deployment", d),
            { Kind: "StatefulSet" or "DaemonSet" } o => o,
            _ => null,
        };
        var outOfDate = NamespaceReader.NeedsRestart(pod, nsLabels, targets, out var current, out var target);
        var image = ((pod.At("spec", "containers") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("name") == "istio-proxy"))?.Str("image");
        return new WorkloadPod
        {
            Namespace = nsName,
            Name = NamespaceReader.NameOf(pod),
            WorkloadKind = workload?.Kind,
            WorkloadName = workload?.Name,
            OwnerKind = owner?.Kind,
            OwnerName = owner?.Name,
            InjectedRevision = current,
            ProxyImage = current == null ? null : image,
            ProxyVersion = current == null ? null : ImageTag(image),
            NamespaceRevision = targets.InjectorFor(nsLabels, null),
            TargetRevision = target,
            OutOfDate = outOfDate,
            Ready = IsReady(pod),
            Phase = pod.Str("status", "phase"),
            RestartedAt = pod.Str("metadata", "annotations", InjectionRestarter.RestartedAtAnnotation),
            Object = pod,
        };
    }

    internal static bool IsReady(JsonObject pod) =>
        (pod.At("status", "conditions") as JsonArray)?.OfType<JsonObject>().Any(c => c.Str("type") == "Ready" && c.Str("status") == "True") == true;

    /// <summary>The tag of an image reference (after the last ':' that follows the last '/', before any digest).</summary>
    internal static string? ImageTag(string? image)
    {
        if (string.IsNullOrEmpty(image)) return null;
        var at = image.IndexOf('@');
        if (at >= 0) image = image[..at];
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : null;
    }
}
