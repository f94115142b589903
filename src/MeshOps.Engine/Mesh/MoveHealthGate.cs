using System.Text;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The health gate after a batch: every restarted rollout completes, every new pod (the pods that carry the batch's
/// restartedAt stamp) is Ready, and every new pod was injected by the wanted revision. Each poll lists, per workload kind
/// and once for pods, either the batch's few namespaces or the whole cluster: never one read per object. A new pod
/// injected by another revision, or whose container cannot start (image pull, crash loop), fails the gate at once;
/// anything else may take until the timeout.
/// </summary>
internal sealed class MoveHealthGate
{
    /// <summary>Waiting reasons that do not heal by waiting: a canary that shows them has failed.</summary>
    private static readonly HashSet<string> FatalWaiting = new(StringComparer.Ordinal)
    {
        "ImagePullBackOff", "ErrImagePull", "InvalidImageName", "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "ErrImageNeverPull",
    };

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public MoveHealthGate(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>A workload that did not pass, and why (with pod problems and warning events).</summary>
    public sealed record Problem(MoveWorkload Workload, string Reason, IReadOnlyList<string> Details);

    /// <summary>Waits for the workloads; returns the problems (empty when the gate passed).</summary>
    /// <param name="stamps">The restartedAt each restarted workload's new pods carry; absent for workloads only checked.</param>
    public async Task<IReadOnlyList<Problem>> WaitAsync(IReadOnlyList<MoveWorkload> workloads, IReadOnlyDictionary<MoveWorkload, string> stamps,
        string revision, TimeSpan timeout, TimeSpan pollInterval, CancellationToken ct)
    {
        if (workloads.Count == 0) return Array.Empty<Problem>();
        var deadline = DateTime.UtcNow + timeout;
        var schedule = new PollSchedule(pollInterval);
        var namespaces = workloads.Select(w => w.Namespace).Distinct(StringComparer.Ordinal).ToList();
        var pending = workloads.ToList();
        var reasons = new Dictionary<MoveWorkload, (string Reason, bool Fatal, List<JsonObject> Pods)>();
        using var progress = new ProgressActivity(_host, ProgressIds.MoveHealthGate, "Health gate", ProgressIds.Move);
        while (true)
        {
            await Task.Delay(schedule.Next(deadline), ct).ConfigureAwait(false);
            var objects = new Dictionary<(string Kind, string Ns, string Name), JsonObject>();
            foreach (var kind in pending.Select(w => w.Kind).Distinct(StringComparer.Ordinal))
                foreach (var obj in await ListAsync("apps/v1", kind, namespaces, ct).ConfigureAwait(false))
                    objects[(kind, obj.Str("metadata", "namespace") ?? "", obj.Str("metadata", "name") ?? "")] = obj;
            var pods = (await ListAsync("v1", "Pod", namespaces, ct).ConfigureAwait(false))
                .Where(p => p.At("metadata", "deletionTimestamp") == null)
                .GroupBy(p => p.Str("metadata", "namespace") ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

            reasons.Clear();
            foreach (var w in pending)
            {
                var check = Check(w, objects.GetValueOrDefault((w.Kind, w.Namespace, w.Name)), pods.GetValueOrDefault(w.Namespace) ?? new List<JsonObject>(),
                    stamps.GetValueOrDefault(w), revision);
                if (check != null) reasons[w] = check.Value;
            }
            pending = pending.Where(reasons.ContainsKey).ToList();
            var done = workloads.Count - pending.Count;
            progress.Report($"{done} of {workloads.Count} workload(s) healthy on revision {revision}", done * 100 / workloads.Count);
            if (pending.Count == 0) return Array.Empty<Problem>();
            if (reasons.Values.Any(r => r.Fatal) || DateTime.UtcNow >= deadline) break;
            _host.WriteVerbose($"Waiting for {string.Join(", ", pending.Take(5).Select(p => $"{p.DisplayName} ({reasons[p].Reason})"))}{(pending.Count > 5 ? ", ..." : "")}");
        }

        var events = new Dictionary<string, List<JsonObject>>(StringComparer.Ordinal);
        foreach (var ns in pending.Select(p => p.Namespace).Distinct(StringComparer.Ordinal))
        {
            try { events[ns] = (await _cluster.ListAsync("v1", "Event", ns, null, ct).ConfigureAwait(false)).ToList(); }
            catch (MeshException e) { _host.WriteVerbose($"Could not read events of {ns} for diagnostics: {e.Message}"); }
        }
        // Fatal ones first: they are the cause; the others may only have been waiting when the gate stopped.
        return pending.OrderByDescending(p => reasons[p].Fatal)
            .Select(p => new Problem(p, reasons[p].Reason, Describe(p, reasons[p].Pods, events.GetValueOrDefault(p.Namespace) ?? new List<JsonObject>()))).ToList();
    }

    /// <summary>Null when the workload passed; else why not, and whether waiting cannot help.</summary>
    private static (string Reason, bool Fatal, List<JsonObject> Pods)? Check(MoveWorkload w, JsonObject? obj, List<JsonObject> namespacePods, string? stamp, string revision)
    {
        // Deleted while moving: nothing left to be unhealthy.
        if (obj == null) return null;
        var selector = obj.At("spec", "selector", "matchLabels") as JsonObject;
        var owned = namespacePods.Where(p => selector != null && selector.All(l => p.Str("metadata", "labels", l.Key) == l.Value?.ToString())).ToList();
        var fresh = stamp == null ? owned : owned.Where(p => p.Str("metadata", "annotations", InjectionRestarter.RestartedAtAnnotation) == stamp).ToList();
        foreach (var pod in fresh)
        {
            var injected = RevisionReader.InjectedRevision(pod);
            if (injected != revision)
                return ($"new pod {pod.Str("metadata", "name")} was injected by {(injected == null ? "no revision (it has no sidecar)" : $"revision '{injected}'")}, not '{revision}'", true, fresh);
            var fatal = RolloutWaiter.PodProblems(pod).FirstOrDefault(p => FatalWaiting.Any(r => p.Contains(": " + r, StringComparison.Ordinal)));
            if (fatal != null) return ($"new pod {pod.Str("metadata", "name")}: {fatal}", true, fresh);
        }
        var progressing = (obj.At("status", "conditions") as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c.Str("type") == "Progressing");
        if (progressing.Str("status") == "False" && progressing.Str("reason") == "ProgressDeadlineExceeded")
            return ($"its rollout exceeded its progress deadline: {progressing.Str("message")}", true, fresh);
        if (RolloutStatus.NotReadyReason(w.Kind, obj) is { } notRolledOut) return ($"rollout not complete: {notRolledOut}", false, fresh);
        var desired = w.Kind == "DaemonSet" ? obj.Int("status", "desiredNumberScheduled") ?? 0 : obj.Int("spec", "replicas") ?? 1;
        var ready = fresh.Count(WorkloadReader.IsReady);
        if (fresh.Count < desired) return ($"{fresh.Count} of {desired} new pod(s) exist", false, fresh);
        if (ready < fresh.Count) return ($"{ready} of {fresh.Count} new pod(s) are Ready", false, fresh);
        return null;
    }

    private static List<string> Describe(MoveWorkload w, List<JsonObject> pods, List<JsonObject> events)
    {
        var lines = new List<string>();
        var podNames = new HashSet<string>(StringComparer.Ordinal);
        if (pods.Count == 0) lines.Add("no new pods exist for it");
        foreach (var pod in pods.OrderBy(p => p.Str("metadata", "name"), StringComparer.Ordinal))
        {
            var name = pod.Str("metadata", "name") ?? "?";
            podNames.Add(name);
            var problems = RolloutWaiter.PodProblems(pod);
            lines.Add($"pod {name}: {(problems.Count == 0 ? (WorkloadReader.IsReady(pod) ? "Ready" : pod.Str("status", "phase") ?? "no status") : string.Join("; ", problems))}");
        }
        foreach (var ev in events.Where(e => e.Str("type") == "Warning"))
        {
            var involved = ev.Str("involvedObject", "name") ?? "";
            var kind = ev.Str("involvedObject", "kind");
            // The workload, its pods, or its ReplicaSets (name-<hash>): FailedCreate, e.g. an injector that cannot be called, shows there.
            var ours = involved == w.Name || podNames.Contains(involved)
                || (kind == "ReplicaSet" && w.Kind == "Deployment" && involved.StartsWith(w.Name + "-", StringComparison.Ordinal) && !involved[(w.Name.Length + 1)..].Contains('-'));
            if (ours) lines.Add($"event {ev.Str("reason")} on {kind}/{involved}: {ev.Str("message")}");
        }
        return lines;
    }

    private async Task<IReadOnlyList<JsonObject>> ListAsync(string apiVersion, string kind, IReadOnlyList<string> namespaces, CancellationToken ct)
    {
        if (namespaces.Count > WorkloadReader.PerNamespaceListLimit)
        {
            var wanted = new HashSet<string>(namespaces, StringComparer.Ordinal);
            return (await _cluster.ListAsync(apiVersion, kind, null, null, ct).ConfigureAwait(false))
                .Where(o => wanted.Contains(o.Str("metadata", "namespace") ?? "")).ToList();
        }
        var items = new List<JsonObject>();
        foreach (var ns in namespaces) items.AddRange(await _cluster.ListAsync(apiVersion, kind, ns, null, ct).ConfigureAwait(false));
        return items;
    }

    /// <summary>The failure text: per workload the reason, then its pods and events, indented.</summary>
    public static string Format(IReadOnlyList<Problem> problems)
    {
        var text = new StringBuilder();
        foreach (var p in problems)
        {
            text.Append($"\n- {p.Workload.DisplayName}: {p.Reason}");
            foreach (var line in p.Details) text.Append("\n    ").Append(line);
        }
        return text.ToString();
    }
}
