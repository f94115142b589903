using System.Text;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Waits until workloads have rolled out. A workload the caller already saw rolled out (e.g. unchanged and ready)
/// costs nothing; one the caller saw not ready, alone of its kind and namespace, is watched from the resourceVersion
/// it was seen at; the others are read once per kind and namespace (one list with the caller's label selector when
/// two or more are pending, else a GET), then watched from that read, one watch per kind and namespace
/// (<see cref="CollectionWatch"/>). A watch that ends early means another read; a server that does not watch for us
/// is polled with <see cref="PollSchedule"/> instead. On timeout it fails with RolloutTimeout
/// naming each workload that is not ready and what its pods report (container waiting/termination reasons,
/// unschedulable conditions, warning events).
/// </summary>
internal sealed class RolloutWaiter
{
    private readonly ClusterConnection connection;
    private readonly IMeshHost host;
    private readonly TimeSpan pollInterval;

    public RolloutWaiter(ClusterConnection connection, IMeshHost host, TimeSpan pollInterval)
    {
        this.connection = connection;
        this.host = host;
        this.pollInterval = pollInterval;
    }

    /// <param name="known">Each workload as last seen (e.g. as the apply returned it); a missing one counts as not seen yet.</param>
    /// <param name="listSelector">A label selector all the workloads carry (the revision's), for listing them together.</param>
    public async Task WaitAsync(IReadOnlyList<WorkloadRef> workloads, IReadOnlyDictionary<WorkloadRef, JsonObject?> known, string? listSelector,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (workloads.Count == 0) return;
        var deadline = DateTime.UtcNow + timeout;
        var schedule = new PollSchedule(pollInterval);
        var pending = workloads.ToList();
        var reasons = new Dictionary<WorkloadRef, (string Reason, JsonObject? Object)>();
        var seen = workloads.ToDictionary(w => w, w => known.TryGetValue(w, out var o) ? o : null);
        using var progress = new ProgressActivity(host, ProgressIds.RolloutWait, "Waiting for workloads to roll out");
        var watching = true;
        var delayRead = false;
        var expired = false;
        List<CollectionWatch.Target>? targets = null; // set by a read, for the watch that follows it
        var first = true;
        while (true)
        {
            reasons.Clear();
            foreach (var w in pending)
            {
                var obj = seen.GetValueOrDefault(w);
                var reason = obj == null ? "it does not exist" : RolloutStatus.NotReadyReason(w.Type.Kind, obj);
                if (reason != null) reasons[w] = (reason, obj);
            }
            pending = pending.Where(reasons.ContainsKey).ToList();
            var done = workloads.Count - pending.Count;
            var status = $"{done} of {workloads.Count} ready";
            if (pending.Count == 0)
            {
                progress.Complete(status);
                return;
            }
            progress.Report(status + ": waiting for " + string.Join(", ", pending.Take(3).Select(p => p.DisplayName)) + (pending.Count > 3 ? ", ..." : ""), done * 100 / workloads.Count);
            if (DateTime.UtcNow >= deadline) break;
            // The first watch may start from the workloads as the caller saw them, without a read.
            if (first && (targets = WatchFromKnown(pending, seen)) != null)
                host.WriteVerbose($"Waiting for {string.Join(", ", pending.Select(p => $"{p.DisplayName} ({reasons[p].Reason})"))}: watching from the apply's answer");
            first = false;
            if (targets != null && watching)
            {
                var waiting = pending.ToHashSet();
                var byKey = pending.ToDictionary(w => (w.Type.CollectionPath(w.Namespace), w.Name));
                var outcome = await CollectionWatch.RunAsync(connection, targets, (collection, type, obj) =>
                {
                    if ((string?)obj["metadata"]?["name"] is not { } name || !byKey.TryGetValue((collection, name), out var w)) return false;
                    seen[w] = type == "DELETED" ? null : obj;
                    if (type != "DELETED" && RolloutStatus.NotReadyReason(w.Type.Kind, obj) == null) waiting.Remove(w);
                    else waiting.Add(w);
                    return waiting.Count == 0;
                }, deadline, cancellationToken).ConfigureAwait(false);
                targets = null;
                if (outcome == CollectionWatch.Outcome.Unsupported)
                    host.WriteVerbose("The server does not watch workloads for us: polling instead.");
                (watching, delayRead) = CollectionWatch.After(outcome, expired);
                expired = outcome == CollectionWatch.Outcome.Expired;
                continue;
            }
            host.WriteVerbose($"Waiting for {string.Join(", ", pending.Select(p => $"{p.DisplayName} ({reasons[p].Reason})"))}");
            // Watching, the first read comes at once: the watch that follows it waits for the change.
            if (!watching || delayRead) await Task.Delay(schedule.Next(deadline), cancellationToken).ConfigureAwait(false);
            (seen, targets) = await ReadAsync(pending, listSelector, cancellationToken).ConfigureAwait(false);
        }

        var message = new StringBuilder($"Workloads not ready after {timeout.TotalSeconds:0} s:");
        foreach (var w in pending)
        {
            var (reason, obj) = reasons[w];
            message.Append($"\n- {w.DisplayName}: {reason}");
            foreach (var line in await DescribePodsAsync(w, obj, cancellationToken).ConfigureAwait(false))
                message.Append("\n    ").Append(line);
        }
        message.Append("\nFix the cause shown (image, resources, scheduling), or re-run with a longer -Timeout or -SkipWait.");
        throw new MeshException("RolloutTimeout", MeshErrorKind.OperationTimeout, connection.Redact(message.ToString()),
            string.Join(", ", pending.Select(p => p.DisplayName)));
    }

    /// <summary>
    /// Watches that need no read first: each workload alone of its kind and namespace, and seen by the caller (e.g. as
    /// its apply returned it), is watched by name from that object's resourceVersion, so every later change, readiness
    /// included, comes as an event. Null when any is not (several of one kind and namespace, or not seen): they are read.
    /// </summary>
    private static List<CollectionWatch.Target>? WatchFromKnown(List<WorkloadRef> workloads, Dictionary<WorkloadRef, JsonObject?> seen)
    {
        var targets = new List<CollectionWatch.Target>();
        foreach (var group in workloads.GroupBy(w => (w.Type, w.Namespace)))
        {
            if (group.Count() != 1) return null;
            var w = group.Single();
            if ((string?)seen.GetValueOrDefault(w)?["metadata"]?["resourceVersion"] is not { Length: > 0 } version) return null;
            targets.Add(CollectionWatch.Target.ByName(w.Type.CollectionPath(w.Namespace), w.Name, version));
        }
        return targets;
    }

    /// <summary>The current state of each workload (one list per kind and namespace with two or more of them, else a GET), and the watches that follow.</summary>
    private async Task<(Dictionary<WorkloadRef, JsonObject?> Seen, List<CollectionWatch.Target> Targets)> ReadAsync(List<WorkloadRef> workloads, string? listSelector,
        CancellationToken cancellationToken)
    {
        var seen = new Dictionary<WorkloadRef, JsonObject?>();
        var targets = new List<CollectionWatch.Target>();
        foreach (var group in workloads.GroupBy(w => (w.Type, w.Namespace)))
        {
            var byName = group.ToDictionary(w => w.Name, StringComparer.Ordinal);
            var (type, ns) = group.Key;
            var (objects, target) = await CollectionWatch.ReadAsync(connection, type.CollectionPath(ns), name => type.ObjectPath(ns, name), byName.Keys, listSelector,
                cancellationToken).ConfigureAwait(false);
            foreach (var (name, obj) in objects) seen[byName[name]] = obj;
            targets.Add(target);
        }
        return (seen, targets);
    }

    /// <summary>Per pod: why its containers are not running; then warning events of the workload and its pods.</summary>
    private async Task<List<string>> DescribePodsAsync(WorkloadRef workload, JsonObject? obj, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var selector = MatchLabelsSelector(obj?["spec"]?["selector"]);
        var podNames = new List<string>();
        if (selector != null)
        {
            var pods = await TryGetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(workload.Namespace)}/pods?labelSelector={Uri.EscapeDataString(selector)}", cancellationToken).ConfigureAwait(false);
            var items = pods?["items"] as JsonArray ?? [];
            if (items.Count == 0) lines.Add("no pods exist for it");
            foreach (var pod in items.OfType<JsonObject>())
            {
                var name = (string?)pod["metadata"]?["name"] ?? "?";
                podNames.Add(name);
                var problems = PodProblems(pod);
                lines.Add($"pod {name}: {(problems.Count == 0 ? (string?)pod["status"]?["phase"] ?? "no status" : string.Join("; ", problems))}");
            }
        }
        var events = await TryGetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(workload.Namespace)}/events", cancellationToken).ConfigureAwait(false);
        foreach (var ev in (events?["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var involved = (string?)ev["involvedObject"]?["name"];
            if ((string?)ev["type"] != "Warning" || involved == null || (involved != workload.Name && !podNames.Contains(involved))) continue;
            lines.Add($"event {ev["reason"]} on {involved}: {ev["message"]}");
        }
        return lines;
    }

    internal static List<string> PodProblems(JsonObject pod)
    {
        var problems = new List<string>();
        foreach (var list in new[] { "initContainerStatuses", "containerStatuses" })
        {
            foreach (var cs in (pod["status"]?[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                var container = (string?)cs["name"] ?? "?";
                if (cs["state"]?["waiting"] is JsonObject waiting)
                    problems.Add($"container {container} waiting: {waiting["reason"]}{Suffix(waiting["message"])}");
                else if (cs["state"]?["terminated"] is JsonObject terminated && (string?)terminated["reason"] != "Completed")
                    problems.Add($"container {container} terminated: {terminated["reason"]}{Suffix(terminated["message"])}");
                else if (cs["ready"] is JsonValue r && r.TryGetValue<bool>(out var ready) && !ready && list == "containerStatuses")
                    problems.Add($"container {container} not ready");
            }
        }
        foreach (var cond in (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((string?)cond["type"] == "PodScheduled" && (string?)cond["status"] == "False")
                problems.Add($"not scheduled: {cond["reason"]}{Suffix(cond["message"])}");
        }
        return problems;
    }

    private static string Suffix(JsonNode? message) =>
        message is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? $" ({s})" : "";

    private async Task<JsonObject?> TryGetAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.GetOrNullAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (MeshException e)
        {
            // Diagnostics are best effort; the timeout is the error to report.
            host.WriteVerbose($"Could not read {path.Split('?')[0]} for diagnostics: {e.Message}");
            return null;
        }
    }

    private static string? MatchLabelsSelector(JsonNode? selector)
    {
        if (selector?["matchLabels"] is not JsonObject labels || labels.Count == 0) return null;
        return string.Join(",", labels.Select(p => $"{p.Key}={p.Value}"));
    }
}
