using System.Globalization;
using System.Net.Http;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Restarts the workloads owning pods, as `kubectl rollout restart` does: a kubectl.kubernetes.io/restartedAt
/// annotation on the pod template. Pods are followed to their Deployment (through the ReplicaSet), StatefulSet or
/// DaemonSet; bare pods and other owners are reported and left alone.
/// </summary>
internal sealed class MeshConfigRestarter
{
    private const string RestartedAt = "kubectl.kubernetes.io/restartedAt";
    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public MeshConfigRestarter(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>Restarts each owner once; returns them as "Kind namespace/name".</summary>
    public async Task<List<string>> RestartOwnersAsync(IEnumerable<JsonObject> pods, CancellationToken ct)
    {
        var owners = new SortedSet<(string Kind, string Namespace, string Name)>();
        foreach (var pod in pods)
        {
            var owner = await OwnerAsync(pod, ct).ConfigureAwait(false);
            if (owner == null) _host.WriteWarning($"Pod {MeshConfigPods.Key(pod)} has no Deployment, StatefulSet or DaemonSet owner; delete it to re-inject it.");
            else owners.Add(owner.Value);
        }
        var stamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var restarted = new List<string>();
        using var progress = new ProgressActivity(_host, ProgressIds.RestartWorkloads, "Restarting workloads");
        foreach (var (kind, ns, name) in owners)
        {
            var patch = new JsonObject
            {
                ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAt] = stamp } } } },
            };
            var plural = kind.ToLowerInvariant() + "s";
            await _cluster.Connection.SendAsync(HttpMethod.Patch,
                $"/apis/apps/v1/namespaces/{Uri.EscapeDataString(ns)}/{plural}/{Uri.EscapeDataString(name)}?fieldManager={MeshConfigEditor.FieldManager}",
                patch.ToJsonString(), "application/merge-patch+json", ct).ConfigureAwait(false);
            _host.WriteVerbose($"Restarted {kind} {ns}/{name}");
            restarted.Add($"{kind} {ns}/{name}");
            progress.Step($"Restarted {kind} {ns}/{name}", owners.Count);
        }
        return restarted;
    }

    private async Task<(string, string, string)?> OwnerAsync(JsonObject pod, CancellationToken ct)
    {
        var ns = pod.Str("metadata", "namespace") ?? "";
        var owner = Controller(pod);
        if (owner == null) return null;
        var (kind, name) = owner.Value;
        if (kind is "StatefulSet" or "DaemonSet" or "Deployment") return (kind, ns, name);
        if (kind != "ReplicaSet") return null;
        var replicaSet = await _cluster.GetAsync("apps/v1", "ReplicaSet", ns, name, ct).ConfigureAwait(false);
        var rsOwner = replicaSet == null ? null : Controller(replicaSet);
        return rsOwner is { Kind: "Deployment" } d ? ("Deployment", ns, d.Name) : null;
    }

    private static (string Kind, string Name)? Controller(JsonObject obj)
    {
        var refs = obj.At("metadata", "ownerReferences") as JsonArray;
        var controller = refs?.OfType<JsonObject>().FirstOrDefault(r => r.At("controller") is JsonValue v && v.TryGetValue<bool>(out var b) && b)
            ?? refs?.OfType<JsonObject>().FirstOrDefault();
        return controller == null ? null : (controller.Str("kind") ?? "", controller.Str("name") ?? "");
    }
}
