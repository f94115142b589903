using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Removes a revision tag (istioctl tag remove), refusing while namespaces still use it.</summary>
[Cmdlet(VerbsCommon.Remove, "MeshRevisionTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveMeshRevisionTagCommand : MeshClusterCmdlet
{
    /// <summary>The tag to remove; -Tag is kept as an alias. Get-MeshRevisionTag objects bind by their Tag property through that alias.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Tag")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionTagNameCompleter))]
    [NotFromClusterInfo]
    public string Name { get; set; } = "";

    /// <summary>Remove it even while namespaces use it (their new pods then get no sidecar).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        RequireNotClusterInfo(Name, "-Name");
        ForEachCluster(RemoveOn);
    }

    private void RemoveOn(ClusterRun run)
    {
        var plan = run.Engine((host, cancel) => new RevisionTagManager(run.Cluster, host).PlanRemoveAsync(Name, Force.IsPresent, cancel));
        var description = $"Remove revision tag '{Name}' (revision '{plan.Revision}'):{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", plan.Changes);
        // -WhatIf prints to the host only; -Verbose also lists the plan where scripts can capture it.
        foreach (var change in plan.Changes) run.WriteVerbose("Plan: " + change);
        if (!run.ShouldProcess(description, $"Remove revision tag '{Name}' ({plan.Changes.Count} object(s))" +
                (plan.Namespaces.Count > 0 ? $"; namespaces {string.Join(", ", plan.Namespaces)} lose injection" : "") + "?", "Remove-MeshRevisionTag"))
            return;
        run.Engine(async (host, cancel) =>
        {
            await new RevisionTagManager(run.Cluster, host).ExecuteAsync(plan, cancel).ConfigureAwait(false);
            return true;
        });
    }
}
