using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Mesh;

/// <summary>What a move did: one result per namespace in plan order, and the error that stopped it, if any.</summary>
public sealed record WorkloadMoveReport(IReadOnlyList<NamespaceMoveResult> Results, MeshException? Error);

/// <summary>
/// Runs a <see cref="WorkloadMovePlan"/> batch by batch: relabel the batch's namespaces (or, once before the first batch,
/// move the revision tag), restart its workloads as kubectl rollout restart does (one merge patch of the template's
/// kubectl.kubernetes.io/restartedAt each, at most MaxParallel in flight), then the health gate. When a gate fails the
/// move stops there: that batch's labels (or the tag) go back, its workloads restart onto the old revision, earlier
/// batches stay moved, later ones never start.
/// </summary>
public sealed class WorkloadMover
{
    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;
    private DateTimeOffset _lastStamp = DateTimeOffset.MinValue;

    public WorkloadMover(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <summary>Called after each batch with its results (so a caller can show them as they come).</summary>
    public Action<IReadOnlyList<NamespaceMoveResult>>? BatchDone { get; set; }

    public async Task<WorkloadMoveReport> ExecuteAsync(WorkloadMovePlan plan, CancellationToken ct)
    {
        var request = plan.Request;
        var results = new List<NamespaceMoveResult>();
        NamespaceMoveResult Result(NamespaceMovePlan ns, WorkloadMoveOutcome outcome, string? message = null) => new()
        {
            Namespace = ns.Namespace, Outcome = outcome, From = plan.FromRevision, To = plan.ToRevision, Batch = ns.Batch,
            Workloads = outcome is WorkloadMoveOutcome.Skipped ? Array.Empty<string>() : ns.Workloads.Where(w => !w.CheckOnly).Select(w => $"{w.Kind}/{w.Name}").ToList(),
            UnownedPods = ns.UnownedPods, Message = message,
        };
        results.AddRange(plan.Namespaces.Where(n => n.Batch == 0).Select(n => Result(n, WorkloadMoveOutcome.Skipped, n.SkipReason)));
        var batches = plan.Namespaces.Where(n => n.Batch > 0).GroupBy(n => n.Batch).OrderBy(g => g.Key).Select(g => g.ToList()).ToList();
        if (batches.Count == 0) return new WorkloadMoveReport(Order(plan, results), null);

        if (request.Tag != null && plan.MoveTag)
        {
            await SetTagAsync(request.Tag, plan.ToRevision, ct).ConfigureAwait(false);
            _host.WriteVerbose($"Revision tag '{request.Tag}' now points at revision '{plan.ToRevision}'.");
        }

        // Ended also when a batch throws; the restarts and the health gate nest under it.
        using var progress = new ProgressActivity(_host, ProgressIds.Move, $"Moving workloads from {plan.FromRevision} to {plan.ToRevision}");
        for (var b = 0; b < batches.Count; b++)
        {
            var batch = batches[b];
            var names = string.Join(", ", batch.Select(n => n.Namespace));
            progress.Report($"Batch {b + 1} of {batches.Count}: {names}", b * 100 / batches.Count);
            var failure = await RunBatchAsync(plan, batch, b + 1, batches.Count, ct).ConfigureAwait(false);
            if (failure == null)
            {
                var moved = batch.Select(n => Result(n, WorkloadMoveOutcome.Moved)).ToList();
                results.AddRange(moved);
                BatchDone?.Invoke(moved);
                continue;
            }

            // Stop: roll this batch back, never start the rest.
            var (rolledBack, rollbackProblem) = await RollBackAsync(plan, batch, failure.Value.Written, failure.Value.Restarted, ct).ConfigureAwait(false);
            var outcome = rolledBack ? WorkloadMoveOutcome.RolledBack : WorkloadMoveOutcome.Failed;
            var batchResults = batch.Select(n => Result(n, outcome, failure.Value.Summary)).ToList();
            results.AddRange(batchResults);
            BatchDone?.Invoke(batchResults);
            foreach (var later in batches.Skip(b + 1).SelectMany(x => x))
                results.Add(Result(later, WorkloadMoveOutcome.Skipped, $"not started: batch {b + 1} failed"));
            progress.Complete("stopped");

            var where = request.Tag != null ? $"revision tag '{request.Tag}' points at '{plan.FromRevision}' again" : $"the labels of {names} are restored";
            var earlier = b == 0 ? "No earlier batch had moved." : $"Batches 1-{b} stay on '{plan.ToRevision}'" +
                (request.Tag != null ? $" (their pods keep '{plan.ToRevision}' sidecars although the tag selects '{plan.FromRevision}' again)." : ".");
            var error = rolledBack
                ? new MeshException("WorkloadMoveRolledBack", MeshErrorKind.InvalidOperation,
                    $"Batch {b + 1} of {batches.Count} ({names}) failed its health gate on revision '{plan.ToRevision}', so the move stopped and that batch went back: " +
                    $"{where} and its workloads were restarted onto '{plan.FromRevision}'.{failure.Value.Details}\n{earlier} " +
                    $"Fix revision '{plan.ToRevision}' (the cause is shown above), then run the same Move-MeshWorkload again: what is already on '{plan.ToRevision}' is skipped.",
                    failure.Value.Target)
                : new MeshException("WorkloadMoveRollbackFailed", MeshErrorKind.InvalidOperation,
                    $"Batch {b + 1} of {batches.Count} ({names}) failed on revision '{plan.ToRevision}'{failure.Value.Details}\n" +
                    $"Going back to '{plan.FromRevision}' failed too:{rollbackProblem}\nLook at these workloads by hand (Get-MeshWorkload -Namespace ...). {earlier}",
                    failure.Value.Target);
            return new WorkloadMoveReport(Order(plan, results), error);
        }
        progress.Complete("done");
        return new WorkloadMoveReport(Order(plan, results), null);
    }

    private static IReadOnlyList<NamespaceMoveResult> Order(WorkloadMovePlan plan, List<NamespaceMoveResult> results)
    {
        var index = plan.Namespaces.Select((n, i) => (n.Namespace, i)).ToDictionary(p => p.Namespace, p => p.i, StringComparer.Ordinal);
        return results.OrderBy(r => index[r.Namespace]).ToList();
    }

    /// <param name="Restarted">Whether workloads were restarted before the failure (if not, going back needs no restarts).</param>
    private readonly record struct BatchFailure(string Summary, string Details, string Target, IReadOnlyCollection<string> Written, bool Restarted = true);

    /// <summary>Relabel, restart, gate. Null when the batch passed.</summary>
    private async Task<BatchFailure?> RunBatchAsync(WorkloadMovePlan plan, List<NamespaceMovePlan> batch, int number, int count, CancellationToken ct)
    {
        var request = plan.Request;
        var relabels = batch.Where(n => n.Relabel != null).Select(n => n.Relabel!).ToList();
        var written = new List<string>();
        if (relabels.Count > 0)
        {
            var labelled = await new InjectionLabeler(_cluster, _host).ApplyAsync(relabels, request.MaxParallel, ct).ConfigureAwait(false);
            written.AddRange(labelled.Written.Keys);
            if (labelled.Failures.Count > 0)
            {
                var first = labelled.Failures.OrderBy(f => f.Key, StringComparer.Ordinal).First();
                return new BatchFailure($"labelling failed: {first.Value.Message}", "\n- " + string.Join("\n- ", labelled.Failures.Values.Select(f => f.Message)), first.Key, written, Restarted: false);
            }
        }

        var workloads = batch.SelectMany(n => n.Workloads).ToList();
        var (stamps, restartFailures) = await RestartAsync(workloads.Where(w => !w.CheckOnly).ToList(), request.MaxParallel, number, count, ct).ConfigureAwait(false);
        if (restartFailures.Count > 0)
            return new BatchFailure($"restart failed: {restartFailures[0].Message}", "\n- " + string.Join("\n- ", restartFailures.Select(f => f.Message)), restartFailures[0].Target?.ToString() ?? "", written);

        var problems = await new MoveHealthGate(_cluster, _host).WaitAsync(workloads, stamps, plan.ToRevision, request.Timeout, request.PollInterval, ct).ConfigureAwait(false);
        if (problems.Count == 0) return null;
        var first1 = problems[0];
        return new BatchFailure($"{first1.Workload.Kind}/{first1.Workload.Name}: {first1.Reason}", "\n" + $"Health gate ({request.Timeout.TotalSeconds:0.#} s):" + MoveHealthGate.Format(problems),
            first1.Workload.DisplayName, written);
    }

    /// <summary>Restores labels (or the tag), restarts the batch's workloads and waits for them on the old revision.</summary>
    private async Task<(bool Ok, string Problem)> RollBackAsync(WorkloadMovePlan plan, List<NamespaceMovePlan> batch, IReadOnlyCollection<string> relabelled, bool restarted, CancellationToken ct)
    {
        var request = plan.Request;
        // Going back must finish even if the user pressed Ctrl+C during the gate: a half rollback is worse than none.
        var token = CancellationToken.None;
        try
        {
            if (request.Tag != null)
            {
                await SetTagAsync(request.Tag, plan.FromRevision, token).ConfigureAwait(false);
            }
            else
            {
                var restore = batch.Where(n => relabelled.Contains(n.Namespace) && n.Relabel != null).Select(n => Restore(n)).ToList();
                var result = await new InjectionLabeler(_cluster, _host).ApplyAsync(restore, request.MaxParallel, token).ConfigureAwait(false);
                if (result.Failures.Count > 0) return (false, "\n- " + string.Join("\n- ", result.Failures.Values.Select(f => f.Message)));
            }
            if (!restarted) return (true, "");
            var workloads = batch.SelectMany(n => n.Workloads).Select(w => w with { CheckOnly = false }).ToList();
            var (stamps, failures) = await RestartAsync(workloads, request.MaxParallel, 0, 0, token).ConfigureAwait(false);
            if (failures.Count > 0) return (false, "\n- " + string.Join("\n- ", failures.Select(f => f.Message)));
            var problems = await new MoveHealthGate(_cluster, _host).WaitAsync(workloads, stamps, plan.FromRevision, request.Timeout, request.PollInterval, token).ConfigureAwait(false);
            return problems.Count == 0 ? (true, "") : (false, MoveHealthGate.Format(problems));
        }
        catch (MeshException e)
        {
            return (false, "\n- " + e.Message);
        }
    }

    /// <summary>The label change back to what the namespace had: previous values set, labels it did not have removed.</summary>
    private static InjectionLabelChange Restore(NamespaceMovePlan ns) => new()
    {
        Namespace = ns.Namespace,
        Set = ns.PreviousLabels,
        Remove = new[] { MeshLabels.Revision, MeshLabels.LegacyInjection }.Where(k => !ns.PreviousLabels.ContainsKey(k)).ToList(),
    };

    private async Task SetTagAsync(string tag, string revision, CancellationToken ct)
    {
        var manager = new RevisionTagManager(_cluster, _host);
        var tagPlan = await manager.PlanSetAsync(new SetRevisionTagRequest { Tag = tag, Revision = revision, Overwrite = true }, ct).ConfigureAwait(false);
        await manager.ExecuteAsync(tagPlan, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// One merge patch per workload (kubectl rollout restart's), MaxParallel at once. The stamp is unique per restart
    /// (whole seconds, as kubectl writes it, later than any the batch's pods carry), so the gate knows the new pods by it.
    /// </summary>
    private async Task<(IReadOnlyDictionary<MoveWorkload, string> Stamps, IReadOnlyList<MeshException> Failures)> RestartAsync(
        IReadOnlyList<MoveWorkload> workloads, int maxParallel, int number, int count, CancellationToken ct)
    {
        var stamps = new Dictionary<MoveWorkload, string>();
        if (workloads.Count == 0) return (stamps, Array.Empty<MeshException>());
        var now = DateTimeOffset.UtcNow;
        var at = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        // Later than this run's last stamp and than any the workloads' pods carry: an equal stamp would change nothing.
        foreach (var w in workloads)
            if (w.RestartedAt != null && DateTimeOffset.TryParse(w.RestartedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var seen) && seen > _lastStamp) _lastStamp = seen;
        if (at <= _lastStamp) at = _lastStamp.AddSeconds(1);
        _lastStamp = at;
        var stamp = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [InjectionRestarter.RestartedAtAnnotation] = stamp } } } },
        }.ToJsonString();
        var failures = new ConcurrentBag<MeshException>();
        using var progress = new ProgressActivity(_host, ProgressIds.MoveRestart,
            number > 0 ? $"Restarting workloads of batch {number} of {count}" : "Restarting workloads onto the old revision", ProgressIds.Move);
        await Parallel.ForEachAsync(workloads, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = ct }, async (w, token) =>
        {
            var path = $"/apis/apps/v1/namespaces/{Uri.EscapeDataString(w.Namespace)}/{w.Kind.ToLowerInvariant()}s/{Uri.EscapeDataString(w.Name)}";
            try
            {
                await _cluster.Connection.SendAsync(HttpMethod.Patch, path, body, "application/merge-patch+json", token).ConfigureAwait(false);
            }
            catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                _host.WriteVerbose($"{w.DisplayName} no longer exists; nothing to restart.");
            }
            catch (KubeApiException e)
            {
                failures.Add(new MeshException("WorkloadRestartFailed", MeshErrorKind.InvalidOperation,
                    $"Could not restart {w.DisplayName}: {e.Message}.", w.DisplayName, e));
            }
            progress.Step(w.DisplayName, workloads.Count);
        }).ConfigureAwait(false);
        foreach (var w in workloads) stamps[w] = stamp;
        return (stamps, failures.ToList());
    }
}
