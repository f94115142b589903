using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Moves workloads from one revision to another in batches of namespaces, with a health gate after each batch and a
/// rollback of the batch that fails it. ShouldProcess is asked per namespace; -WhatIf shows the plan in order.
/// </summary>
[Cmdlet(VerbsCommon.Move, "MeshWorkload", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MeshWorkloadMove))]
public sealed class MoveMeshWorkloadCommand : MeshClusterCmdlet
{
    /// <summary>The revision or tag the workloads run now.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string From { get; set; } = "";

    /// <summary>The revision or tag to move them to.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string To { get; set; } = "";

    /// <summary>Namespaces to move (names or objects with a Name, e.g. from Get-MeshNamespace); every namespace -From selects when absent.
    /// No "Name" alias: a workload's Name is the workload, not its namespace; piped objects are named by the transformation.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Namespace { get; set; }

    /// <summary>Move this revision tag from -From to -To instead of relabelling namespaces.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionTagNameCompleter))]
    public string? Tag { get; set; }

    /// <summary>Namespaces per batch.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int BatchSize { get; set; } = 1;

    /// <summary>At most this many label and restart requests in flight.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int MaxParallel { get; set; } = InjectionLabeler.DefaultParallelism;

    /// <summary>How long each batch's health gate may take.</summary>
    [Parameter]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(5);

    // Namespaces asked for, each with the cluster it was piped from (null: every cluster worked on).
    private readonly List<(string? Cluster, string Name)> _names = new();
    private bool _all = true;

    protected override void Process()
    {
        if (WithoutClusterInfo(Namespace) is not { } names) return;
        _all = false;
        foreach (var name in names)
            if (!_names.Contains((RecordCluster, name))) _names.Add((RecordCluster, name));
    }

    protected override void End()
    {
        if (Timeout <= TimeSpan.Zero)
            throw new Engine.Hosting.MeshException("InvalidMoveParameter", Engine.Hosting.MeshErrorKind.InvalidArgument, "-Timeout must be longer than zero.", Timeout);
        var request = new WorkloadMoveRequest
        {
            From = From, To = To, Tag = Tag, Namespaces = null,
            BatchSize = BatchSize, MaxParallel = MaxParallel, Timeout = Timeout,
        };
        ForEachCluster(run => MoveOn(run, request));
    }

    private void MoveOn(ClusterRun run, WorkloadMoveRequest request)
    {
        if (!_all) request = request with { Namespaces = ItemsFor(run, _names) };
        var plan = run.Engine((host, cancel) => new WorkloadMovePlanner(run.Cluster, host).PlanAsync(request, cancel));
        foreach (var missing in plan.MissingNamespaces)
            run.WriteMeshError(new Engine.Hosting.MeshException("NamespaceNotFound", Engine.Hosting.MeshErrorKind.ObjectNotFound,
                $"Namespace '{missing}' does not exist. Check the name and -Context.", missing));

        var approved = new HashSet<string>(StringComparer.Ordinal);
        var tagNote = Tag == null ? "" : plan.MoveTag ? $" (revision tag '{Tag}' moves from {plan.FromRevision} to {plan.ToRevision} before batch 1)" : $" (revision tag '{Tag}' already points at {plan.ToRevision})";
        foreach (var ns in plan.Namespaces.Where(n => n.Batch > 0))
        {
            var action = $"Move from revision {plan.FromRevision} to {plan.ToRevision} in batch {ns.Batch} of {plan.BatchCount}{tagNote}: " +
                (ns.Relabel != null ? $"label {ns.Relabel.Describe()}; " : "") +
                (ns.Workloads.Count == 0 ? "no workload to restart" : "restart " + string.Join(", ", ns.Workloads.Select(w => $"{w.Kind}/{w.Name}{(w.CheckOnly ? " (check only)" : "")}"))) +
                (ns.UnownedPods.Count > 0 ? $"; pods without a workload stay: {string.Join(", ", ns.UnownedPods)}" : "");
            if (run.ShouldProcess($"namespace '{ns.Namespace}'", action)) approved.Add(ns.Namespace);
        }
        foreach (var skipped in plan.Namespaces.Where(n => n.Batch == 0))
            run.WriteVerbose($"Namespace '{skipped.Namespace}' is skipped: {skipped.SkipReason}.");
        var approvedPlan = plan.Only(approved);
        var declined = plan.Namespaces.Where(n => n.Batch > 0 && !approved.Contains(n.Namespace)).Select(n => n.Namespace).ToHashSet(StringComparer.Ordinal);
        if (declined.Count > 0 && !approvedPlan.Namespaces.Any(n => n.Batch > 0))
        {
            // -WhatIf (or every namespace declined): nothing runs; the plan was shown by ShouldProcess.
            return;
        }

        var report = run.Engine((host, cancel) => new WorkloadMover(run.Cluster, host).ExecuteAsync(approvedPlan, cancel));
        foreach (var result in report.Results)
        {
            if (declined.Contains(result.Namespace)) continue;
            run.WriteObject(new MeshWorkloadMove(result));
        }
        if (report.Error != null) run.WriteMeshError(report.Error);
    }
}
