using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Shows the mesh config istiod reads for each revision and where installed-state or MeshOps' install record
/// disagree with it (for example an installed-state edited by hand, which nothing applies).
/// </summary>
[Cmdlet(VerbsCommon.Get, "MeshConfig")]
[OutputType(typeof(MeshConfigState))]
public sealed class GetMeshConfigCommand : MeshClusterCmdlet
{
    /// <summary>The revision or tag; all revisions when absent. Get-MeshRevision objects bind by their Name.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string? Revision { get; set; }

    protected override void Process()
    {
        if (Revision != null) RevisionNames.Validate(Revision);
        ForEachCluster(ProcessCluster);
    }

    private void ProcessCluster(ClusterRun run)
    {
        var states = run.Engine((host, cancel) => DriftFinder.ReadAsync(run.Cluster, host, Revision, cancel));
        foreach (var state in states)
        {
            foreach (var drift in state.Drift)
                run.WriteWarning($"Revision {drift.Revision}: meshConfig.{drift.Path} is {MeshConfigPaths.Display(drift.SourceValue)} in {drift.Source} {drift.SourceName} " +
                    $"but {(drift.LiveSet ? MeshConfigPaths.Display(drift.LiveValue) : "unset")} in the live ConfigMap {state.Namespace}/{state.ConfigMapName}: {drift.Message}");
            run.WriteObject(new MeshConfigState(state));
        }
    }
}
