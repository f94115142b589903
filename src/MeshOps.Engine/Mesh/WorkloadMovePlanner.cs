using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Plans a move of workloads from one revision to another, reading only (revisions and tags, namespaces, pods,
/// ReplicaSets: a handful of lists). A namespace is in the move when -From selects it, or when -To selects it but pods
/// still run -From's sidecars (a move that was interrupted): re-running a move resumes it. Inside a namespace a workload
/// restarts when any of its pods would get another sidecar once the namespace selects -To; workloads already on -To are
/// skipped, or only checked when some of their pods are not ready yet.
/// </summary>
public sealed class WorkloadMovePlanner
{
    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public WorkloadMovePlanner(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    public async Task<WorkloadMovePlan> PlanAsync(WorkloadMoveRequest request, CancellationToken ct)
    {
        if (request.BatchSize < 1) throw Invalid("BatchSize", "-BatchSize must be at least 1.");
        if (request.MaxParallel < 1) throw Invalid("MaxParallel", "-MaxParallel must be at least 1.");
        var targets = await InjectionTargets.LoadAsync(_cluster, ct).ConfigureAwait(false);
        var fromRevision = targets.Resolve(request.From) ?? throw targets.NotFound(request.From);
        var toRevision = targets.Resolve(request.To) ?? throw targets.NotFound(request.To);
        if (fromRevision == toRevision && request.Tag == null)
            throw new MeshException("MoveSameRevision", MeshErrorKind.InvalidArgument,
                $"-From '{request.From}' and -To '{request.To}' are both revision '{toRevision}': there is nothing to move. Name the revision the workloads should move to.", request.To);

        var after = targets;
        var moveTag = false;
        if (request.Tag is { } tag)
        {
            if (!targets.Tags.TryGetValue(tag, out var tagRevision))
                throw new MeshException("RevisionTagNotFound", MeshErrorKind.ObjectNotFound,
                    $"No revision tag named '{tag}' in the cluster. Create it first (Set-MeshRevisionTag -Tag {tag} -Revision {fromRevision}), or move namespaces by label without -Tag.", tag);
            if (tagRevision != fromRevision && tagRevision != toRevision)
                throw new MeshException("RevisionTagElsewhere", MeshErrorKind.InvalidOperation,
                    $"Revision tag '{tag}' points at revision '{tagRevision}', neither -From '{fromRevision}' nor -To '{toRevision}'. Check the tag with Get-MeshRevisionTag.", tag);
            moveTag = tagRevision == fromRevision;
            after = new InjectionTargets(targets.Revisions, new Dictionary<string, string>(targets.Tags) { [tag] = toRevision });
        }

        // A tag as -From means the namespaces that use the tag, not every namespace of its revision.
        var fromTag = request.Tag == null && targets.Tags.ContainsKey(request.From) ? request.From : null;
        var snapshot = await new WorkloadReader(_cluster).ReadAsync(request.Namespaces, targets, ct).ConfigureAwait(false);
        var missing = request.Namespaces?.Where(n => !snapshot.Namespaces.ContainsKey(n)).Distinct(StringComparer.Ordinal).ToList() ?? new List<string>();
        var podsByNamespace = snapshot.Pods.GroupBy(p => p.Namespace, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var plans = new List<NamespaceMovePlan>();
        foreach (var (name, ns) in snapshot.Namespaces.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            var pods = podsByNamespace.GetValueOrDefault(name) ?? new List<WorkloadPod>();
            var labels = NamespaceReader.LabelsOf(ns);
            var selected = targets.InjectorFor(labels, null);
            var explicitlyAsked = request.Namespaces != null;
            string? skip = null;
            InjectionLabelChange? relabel = null;
            if (request.Tag is { } t)
            {
                if (!RevisionTagManager.NamespacesUsing(t, new[] { ns }).Any())
                {
                    if (!explicitlyAsked) continue; // not part of this move at all
                    skip = $"it does not use revision tag '{t}'";
                }
            }
            else if (selected == fromRevision)
            {
                if (fromTag != null && !explicitlyAsked && !RevisionTagManager.NamespacesUsing(fromTag, new[] { ns }).Any()) continue;
                relabel = InjectionLabelChange.Enable(name, labels, request.To);
            }
            else if (selected != toRevision)
            {
                if (!explicitlyAsked) continue;
                skip = selected == null ? "no revision injects it" : $"it selects revision '{selected}', neither -From nor -To";
            }
            else if (!explicitlyAsked && !pods.Any(p => p.InjectedRevision == fromRevision))
            {
                continue; // selects -To and has nothing of -From: not part of this move at all
            }

            var postLabels = NamespaceReader.LabelsOf(relabel?.ApplyTo(ns) ?? ns);
            var workloads = new List<MoveWorkload>();
            var unowned = new List<string>();
            if (skip == null)
            {
                foreach (var group in pods.GroupBy(p => (p.WorkloadKind, p.WorkloadName)))
                {
                    var toMove = group.Count(p => NamespaceReader.NeedsRestart(p.Object, postLabels, after, out _, out _));
                    if (group.Key.WorkloadKind == null)
                    {
                        unowned.AddRange(group.Where(p => NamespaceReader.NeedsRestart(p.Object, postLabels, after, out _, out _)).Select(p => p.Name));
                        continue;
                    }
                    var w = new MoveWorkload(group.Key.WorkloadKind, name, group.Key.WorkloadName!) { PodsToMove = toMove, RestartedAt = group.Select(p => p.RestartedAt).Where(r => r != null).Max(StringComparer.Ordinal) };
                    if (toMove > 0) workloads.Add(w);
                    else if (group.Any(p => p.InjectedRevision == toRevision && !p.Ready && p.Phase is not ("Succeeded" or "Failed")))
                        workloads.Add(w with { CheckOnly = true });
                }
                if ((relabel == null || relabel.IsEmpty) && !(request.Tag != null && moveTag) && workloads.Count == 0)
                    skip = $"it is already on revision '{toRevision}'";
            }
            if (unowned.Count > 0)
                _host.WriteWarning($"{unowned.Count} pod(s) in namespace '{name}' have no Deployment, StatefulSet or DaemonSet to restart and keep revision " +
                    $"'{fromRevision}' until you recreate them: {string.Join(", ", unowned.Take(10))}{(unowned.Count > 10 ? ", ..." : "")}.");
            plans.Add(new NamespaceMovePlan
            {
                Namespace = name,
                Relabel = skip == null && relabel is { IsEmpty: false } ? relabel : null,
                PreviousLabels = labels.Where(l => l.Key is MeshLabels.Revision or MeshLabels.LegacyInjection).ToDictionary(l => l.Key, l => l.Value),
                Workloads = skip == null ? workloads.OrderBy(w => w.Kind, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal).ToList() : Array.Empty<MoveWorkload>(),
                UnownedPods = unowned.OrderBy(n => n, StringComparer.Ordinal).ToList(),
                SkipReason = skip,
            });
        }

        var batch = 0;
        var inBatch = 0;
        var numbered = plans.Select(p =>
        {
            if (p.SkipReason != null) return p;
            if (inBatch == 0) batch++;
            inBatch = (inBatch + 1) % request.BatchSize;
            return p with { Batch = batch };
        }).ToList();
        _host.WriteVerbose($"Move plan: {numbered.Count(n => n.Batch > 0)} namespace(s) in {batch} batch(es), " +
            $"{numbered.Sum(n => n.Workloads.Count(w => !w.CheckOnly))} workload(s) to restart, {numbered.Count(n => n.Batch == 0)} skipped.");
        return new WorkloadMovePlan
        {
            Request = request, FromRevision = fromRevision, ToRevision = toRevision, MoveTag = moveTag,
            Namespaces = numbered, MissingNamespaces = missing,
        };
    }

    private static MeshException Invalid(string parameter, string message) => new("InvalidMoveParameter", MeshErrorKind.InvalidArgument, message, parameter);
}
