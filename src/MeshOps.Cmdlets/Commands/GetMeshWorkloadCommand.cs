using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists pods with their workload, the revision that injected them, the proxy version and whether they are out of date.</summary>
[Cmdlet(VerbsCommon.Get, "MeshWorkload", DefaultParameterSetName = ByNamespaceSet)]
[OutputType(typeof(MeshWorkload))]
public sealed class GetMeshWorkloadCommand : MeshClusterCmdlet
{
    private const string ByNamespaceSet = "ByNamespace";
    private const string ByRevisionObjectSet = "ByRevisionObject";

    /// <summary>Namespaces (names or objects with a Name, e.g. from Get-MeshNamespace); every namespace when absent.
    /// No "Name" alias: a workload's Name is the workload, not its namespace; piped objects are named by the transformation.</summary>
    [Parameter(ParameterSetName = ByNamespaceSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Namespace { get; set; }

    /// <summary>Only pods whose sidecar this revision (or the revision of this tag) injected.</summary>
    [Parameter(ParameterSetName = ByNamespaceSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string? Revision { get; set; }

    /// <summary>Only pods that need a restart to get the sidecar their namespace selects now.</summary>
    [Parameter]
    public SwitchParameter OutOfDate { get; set; }

    /// <summary>Revisions from Get-MeshRevision: the pods whose sidecar each injected, in every namespace.</summary>
    [Parameter(ParameterSetName = ByRevisionObjectSet, Mandatory = true, ValueFromPipeline = true)]
    public MeshRevision[] InputObject { get; set; } = Array.Empty<MeshRevision>();

    // Namespaces asked for, each with the cluster it was piped from (null: every cluster worked on).
    private readonly List<(string? Cluster, string Name)> _names = new();
    // Revisions piped in, each with the cluster it came from.
    private readonly List<(string? Cluster, string Name)> _revisions = new();
    private bool _all = true;

    protected override void Process()
    {
        foreach (var revision in InputObject)
            if (!_revisions.Contains((RecordCluster, revision.Name))) _revisions.Add((RecordCluster, revision.Name));
        if (WithoutClusterInfo(Namespace) is not { } names) return;
        _all = false;
        foreach (var name in names)
            if (!_names.Contains((RecordCluster, name))) _names.Add((RecordCluster, name));
    }

    protected override void End() => ForEachCluster(EndCluster);

    private void EndCluster(ClusterRun run)
    {
        var names = ItemsFor(run, _names);
        var revisions = ItemsFor(run, _revisions);
        var (targets, snapshot) = run.Engine(async (host, cancel) =>
        {
            var t = await InjectionTargets.LoadAsync(run.Cluster, cancel).ConfigureAwait(false);
            return (t, await new WorkloadReader(run.Cluster).ReadAsync(_all ? null : names, t, cancel).ConfigureAwait(false));
        });
        foreach (var missing in names.Where(n => !snapshot.Namespaces.ContainsKey(n)))
            run.WriteError(new ErrorRecord(new ItemNotFoundException($"Namespace '{missing}' does not exist. Check the name and -Context."),
                "NamespaceNotFound", ErrorCategory.ObjectNotFound, missing));
        var revision = Revision == null ? null : targets.Resolve(Revision) ?? throw targets.NotFound(Revision);
        foreach (var pod in snapshot.Pods)
        {
            if (revision != null && pod.InjectedRevision != revision) continue;
            if (ParameterSetName == ByRevisionObjectSet && (pod.InjectedRevision == null || !revisions.Contains(pod.InjectedRevision, StringComparer.Ordinal))) continue;
            if (OutOfDate && !pod.OutOfDate) continue;
            run.WriteObject(new MeshWorkload(pod));
        }
    }
}
