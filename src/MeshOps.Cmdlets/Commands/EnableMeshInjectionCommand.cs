using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Makes namespaces inject sidecars from a revision or tag: istio.io/rev set, an overriding istio-injection removed.</summary>
[Cmdlet(VerbsLifecycle.Enable, "MeshInjection", SupportsShouldProcess = true)]
[OutputType(typeof(MeshNamespace))]
public sealed class EnableMeshInjectionCommand : MeshInjectionCommand
{
    /// <summary>The revision or revision tag whose istiod injects new pods.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string Revision { get; set; } = "";

    /// <summary>Label the namespaces even when no such revision or tag exists (yet).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>-Force lets the revision not exist yet; it never lets a name that cannot be one through (RevisionInvalid), before any request.</summary>
    protected override void Begin() => RevisionNames.Validate(Revision);

    private protected override void Check(InjectionTargets targets)
    {
        if (!Force && !targets.Exists(Revision)) throw targets.NotFound(Revision);
    }

    private protected override InjectionLabelChange Plan(string ns, IReadOnlyDictionary<string, string> labels) =>
        InjectionLabelChange.Enable(ns, labels, Revision);
}
