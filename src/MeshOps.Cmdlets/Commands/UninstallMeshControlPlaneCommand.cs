using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Removes an Istio control-plane revision, refusing while namespaces or pods still use it.</summary>
[Cmdlet(VerbsLifecycle.Uninstall, "MeshControlPlane", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(MeshApplyOutcome))]
public sealed class UninstallMeshControlPlaneCommand : MeshClusterCmdlet
{
    /// <summary>The revision to remove; takes Get-MeshRevision objects from the pipeline.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    [NotFromClusterInfo]
    public string Revision { get; set; } = "";

    /// <summary>Remove it even while namespaces select it or pods run its sidecars.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Also remove the CRDs and cluster-wide objects when no other revision remains.</summary>
    [Parameter]
    public SwitchParameter Purge { get; set; }

    /// <summary>Returns what was removed.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        RevisionNames.Validate(RequireNotClusterInfo(Revision, "-Revision"));
        var request = new UninstallRequest { Revision = Revision, Force = Force.IsPresent, Purge = Purge.IsPresent };
        ForEachCluster(run => UninstallOn(run, request));
    }

    private void UninstallOn(ClusterRun run, UninstallRequest request)
    {
        var plan = run.Engine((host, cancel) => new ControlPlaneUninstaller(run.Cluster, host).UninstallAsync(request with { DryRun = true }, cancel));
        var removals = plan.Objects.Where(o => o.Action == Engine.Kube.ApplyAction.Prune).ToList();
        if (!run.ShouldProcess($"Istio revision '{Revision}' ({removals.Count} objects{(Purge ? ", with CRDs" : "")})", "Uninstall"))
        {
            foreach (var outcome in removals) run.WriteVerbose($"Would delete {outcome.DisplayName}");
            return;
        }
        var result = run.Engine((host, cancel) => new ControlPlaneUninstaller(run.Cluster, host).UninstallAsync(request, cancel));
        if (PassThru)
            foreach (var outcome in result.Objects.Where(o => o.Action == Engine.Kube.ApplyAction.Prune)) run.WriteObject(new MeshApplyOutcome(outcome));
    }
}
