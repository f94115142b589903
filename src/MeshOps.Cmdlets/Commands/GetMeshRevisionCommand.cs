using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Lists the Istio control-plane revisions in a cluster, whoever installed them.</summary>
[Cmdlet(VerbsCommon.Get, "MeshRevision")]
[OutputType(typeof(MeshRevision))]
public sealed class GetMeshRevisionCommand : MeshClusterCmdlet
{
    /// <summary>
    /// Revision names or tags; wildcards allowed. All revisions when absent. Alias -Revision, by which objects that name
    /// a revision (Get-MeshRevisionTag's, Get-MeshConfig's) bind from the pipeline.
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Revision")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    [NotFromClusterInfo]
    public string[]? Name { get; set; }

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
        var names = WithoutClusterInfo(Name);
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
}
