using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists the Istio control-plane revisions in a cluster, whoever installed them.</summary>
[Cmdlet(VerbsCommon.Get, "MeshRevision", DefaultParameterSetName = ByNameSet)]
[OutputType(typeof(MeshRevision))]
public sealed class GetMeshRevisionCommand : MeshClusterCmdlet
{
    private const string ByNameSet = "ByName";
    private const string ByWorkloadSet = "ByWorkload";

    /// <summary>
    /// Revision names or tags; wildcards allowed. All revisions when absent. Alias -Revision, by which objects that name
    /// a revision (Get-MeshRevisionTag's, Get-MeshConfig's) bind from the pipeline.
    /// </summary>
    [Parameter(ParameterSetName = ByNameSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Revision")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    [NotFromClusterInfo]
    public string[]? Name { get; set; }

    /// <summary>
    /// Workloads from Get-MeshWorkload: the revision that injected each one's sidecar, once per revision and cluster.
    /// A set of its own, because PowerShell would bind a workload's Name (the Deployment) to -Name before the
    /// -Revision alias; a pod without a sidecar gives nothing.
    /// </summary>
    [Parameter(ParameterSetName = ByWorkloadSet, Mandatory = true, ValueFromPipeline = true)]
    public MeshWorkload[] InputObject { get; set; } = Array.Empty<MeshWorkload>();

    // Revisions already written for piped workloads, by cluster: many pods share one revision.
    private readonly HashSet<(string, string)> _written = new();

    // Each cluster's revisions, read once for all the names piped in.
    private readonly Dictionary<string, IReadOnlyList<RevisionInfo>> _read = new(StringComparer.Ordinal);

    protected override void Process() => ForEachCluster(ProcessCluster);

    private void ProcessCluster(ClusterRun run)
    {
        IReadOnlyList<RevisionInfo>? _revisions;
        lock (_read) _read.TryGetValue(run.RequestedContext ?? "", out _revisions);
        if (_revisions == null)
        {
            _revisions = run.Engine((host, cancel) => new RevisionReader(run.Cluster, host).ListAsync(cancel));
            lock (_read) _read[run.RequestedContext ?? ""] = _revisions;
        }
        var names = ParameterSetName == ByWorkloadSet ? WorkloadRevisions(run) : WithoutClusterInfo(Name);
        if (names == null)
        {
            foreach (var revision in _revisions) run.WriteObject(new MeshRevision(revision));
            return;
        }
        foreach (var name in names)
        {
            var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var matches = _revisions.Where(r => pattern.IsMatch(r.Name) || r.Tags.Any(pattern.IsMatch)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                run.WriteError(new ErrorRecord(new ItemNotFoundException($"No control-plane revision or tag named '{name}' in the cluster. Revisions there: " +
                    (_revisions.Count == 0 ? "none (install one with Install-MeshControlPlane)." : string.Join(", ", _revisions.Select(r => r.Name)) + ".")),
                    "RevisionNotFound", ErrorCategory.ObjectNotFound, name));
            }
            foreach (var revision in matches) run.WriteObject(new MeshRevision(revision));
        }
    }

    /// <summary>The revisions that injected the piped workloads and are not written yet for this cluster (never null: none means none, not all).</summary>
    private string[] WorkloadRevisions(ClusterRun run)
    {
        var key = run.RequestedContext ?? "";
        lock (_written)
            return InputObject.Select(w => w.Revision).OfType<string>().Distinct(StringComparer.Ordinal)
                .Where(r => _written.Add((key, r))).ToArray();
    }
}
