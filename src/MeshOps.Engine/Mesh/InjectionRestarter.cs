using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>A Deployment, StatefulSet or DaemonSet to restart, and the pods that restart fixes.</summary>
public sealed record WorkloadRestart(string Kind, string Namespace, string Name, IReadOnlyList<PodRestart> Pods)
{
    public string DisplayName => $"{Kind}/{Name} in {Namespace}";
}

/// <summary>
/// Restarts the workloads that own pods needing a new sidecar, as `kubectl rollout restart` does: a patch of
/// spec.template.metadata.annotations kubectl.kubernetes.io/restartedAt. Pods go to their workload through
/// ownerReferences (Pod, ReplicaSet, Deployment).
/// </summary>
public sealed class InjectionRestarter
{
    public const string RestartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public InjectionRestarter(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>
    /// The workloads to restart for these pods (one GET per distinct ReplicaSet to find its Deployment); pods with no
    /// restartable owner (bare pods, Jobs) are returned in <paramref name="unowned"/>, for the caller to name.
    /// </summary>
    public async Task<IReadOnlyList<WorkloadRestart>> PlanAsync(IEnumerable<PodRestart> pods, List<PodRestart> unowned, CancellationToken ct)
    {
        var list = pods.ToList();
        var replicaSets = list.Where(p => p.OwnerKind == "ReplicaSet").Select(p => (p.Namespace, p.OwnerName!)).Distinct().ToList();
        var deploymentOf = new ConcurrentDictionary<(string, string), string?>();
        await Parallel.ForEachAsync(replicaSets, new ParallelOptions { MaxDegreeOfParallelism = InjectionLabeler.DefaultParallelism, CancellationToken = ct }, async (rs, token) =>
        {
            var replicaSet = await _cluster.GetAsync("apps/v1", "ReplicaSet", rs.Item1, rs.Item2, token).ConfigureAwait(false);
            var owner = (replicaSet?.At("metadata", "ownerReferences") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o.Str("kind") == "Deployment");
            deploymentOf[rs] = owner.Str("name");
        }).ConfigureAwait(false);

        var workloads = new Dictionary<(string Kind, string Ns, string Name), List<PodRestart>>();
        foreach (var pod in list)
        {
            (string Kind, string Ns, string Name)? key = pod.OwnerKind switch
            {
                "ReplicaSet" when deploymentOf.GetValueOrDefault((pod.Namespace, pod.OwnerName!)) is { } deployment => ("Deployment", pod.Namespace, deployment),
                "StatefulSet" or "DaemonSet" => (pod.OwnerKind, pod.Namespace, pod.OwnerName!),
                _ => null,
            };
            if (key == null)
            {
                unowned.Add(pod);
                continue;
            }
            if (!workloads.TryGetValue(key.Value, out var podsOf)) workloads[key.Value] = podsOf = new List<PodRestart>();
            podsOf.Add(pod);
        }
        return workloads.Select(w => new WorkloadRestart(w.Key.Kind, w.Key.Ns, w.Key.Name, w.Value))
            .OrderBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Kind, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>Restarts each workload with one patch; failures are returned by workload, the rest carry on.</summary>
    public async Task<IReadOnlyList<MeshException>> RestartAsync(IReadOnlyList<WorkloadRestart> workloads, DateTimeOffset now, CancellationToken ct)
    {
        var failures = new ConcurrentBag<MeshException>();
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [RestartedAtAnnotation] = stamp } } } },
        }.ToJsonString();
        using var progress = new ProgressActivity(_host, ProgressIds.RestartWorkloads, "Restarting workloads");
        await Parallel.ForEachAsync(workloads, new ParallelOptions { MaxDegreeOfParallelism = InjectionLabeler.DefaultParallelism, CancellationToken = ct }, async (w, token) =>
        {
            var path = $"/apis/apps/v1/namespaces/{Uri.EscapeDataString(w.Namespace)}/{w.Kind.ToLowerInvariant()}s/{Uri.EscapeDataString(w.Name)}";
            try
            {
                await _cluster.Connection.SendAsync(HttpMethod.Patch, path, body, "application/merge-patch+json", token).ConfigureAwait(false);
                _host.WriteVerbose($"Restarted {w.DisplayName} ({w.Pods.Count} pod(s) need a new sidecar)");
            }
            catch (Kube.KubeApiException e)
            {
                failures.Add(new MeshException("WorkloadRestartFailed", MeshErrorKind.InvalidOperation,
                    $"Could not restart {w.DisplayName}: {e.Message}. Restart it yourself with kubectl rollout restart {w.Kind.ToLowerInvariant()}/{w.Name} -n {w.Namespace}.", w.DisplayName, e));
            }
            progress.Step($"Restarted {w.DisplayName}", workloads.Count);
        }).ConfigureAwait(false);
        return failures.ToList();
    }
}
