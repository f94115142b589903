using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Creates or retargets a revision tag (istioctl tag set): a webhook that injects namespaces labelled
/// istio.io/rev=TAG with the given revision; the default tag also takes over istio-injection=enabled and validation.
/// </summary>
[Cmdlet(VerbsCommon.Set, "MeshRevisionTag", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(MeshRevisionTag))]
public sealed class SetMeshRevisionTagCommand : MeshClusterCmdlet
{
    /// <summary>The tag name (label value for istio.io/rev): the noun's identity, so -Name at position 0; -Tag is kept as an alias.
    /// Not bound from the pipeline: a piped Get-MeshRevision object's Name is a revision, not a tag.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("Tag")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionTagNameCompleter))]
    public string Name { get; set; } = "";

    /// <summary>The revision to point the tag at. A piped Get-MeshRevision object binds by value (its ToString is its Name);
    /// a piped Get-MeshRevisionTag object binds by its Revision property. No "Name" alias: -Name is the tag.</summary>
    [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    [NotFromClusterInfo]
    public string Revision { get; set; } = "";

    /// <summary>Retarget the tag when it points at another revision.</summary>
    [Parameter]
    public SwitchParameter Overwrite { get; set; }

    /// <summary>Tag a revision even when no istiod Deployment of it is found (its injector webhook must exist).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>For the default tag: also inject namespaces with no injection label (istioctl --auto-inject-namespaces).</summary>
    [Parameter]
    public SwitchParameter AutoInjectNamespaces { get; set; }

    /// <summary>Returns the tag as it is afterwards.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        RevisionNames.Validate(RequireNotClusterInfo(Revision, "-Revision"));
        var request = new SetRevisionTagRequest
        {
            Tag = Name, Revision = Revision, Overwrite = Overwrite.IsPresent, Force = Force.IsPresent, AutoInjectNamespaces = AutoInjectNamespaces.IsPresent,
        };
        ForEachCluster(run => SetOn(run, request));
    }

    private void SetOn(ClusterRun run, SetRevisionTagRequest request)
    {
        var plan = run.Engine((host, cancel) => new RevisionTagManager(run.Cluster, host).PlanSetAsync(request, cancel));
        var description = $"Point revision tag '{Name}' at revision '{Revision}':{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", plan.Changes);
        // -WhatIf prints to the host only; -Verbose also lists the plan where scripts can capture it.
        foreach (var change in plan.Changes) run.WriteVerbose("Plan: " + change);
        if (!run.ShouldProcess(description, $"Point revision tag '{Name}' at revision '{Revision}' ({plan.Changes.Count} change(s))?", "Set-MeshRevisionTag"))
            return;
        run.Engine(async (host, cancel) =>
        {
            await new RevisionTagManager(run.Cluster, host).ExecuteAsync(plan, cancel).ConfigureAwait(false);
            return true;
        });
        if (plan.Namespaces.Count > 0)
            run.WriteWarning($"Namespace(s) {string.Join(", ", plan.Namespaces)} use tag '{Name}': restart their workloads to move existing pods to revision '{Revision}'.");
        else
            run.WriteVerbose($"Label a namespace istio.io/rev={Name} to have revision '{Revision}' inject it.");
        if (PassThru)
        {
            var tags = run.Engine((host, cancel) => new RevisionTagManager(run.Cluster, host).ListAsync(cancel));
            foreach (var tag in tags.Where(t => t.Tag == Name)) run.WriteObject(new MeshRevisionTag(tag));
        }
    }
}
