using System.Management.Automation;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Stops sidecar injection in namespaces: istio.io/rev removed, and istio-injection=enabled removed (it would go on
/// injecting from the default revision). -Explicit sets istio-injection=disabled instead, which also overrides pods
/// that ask for a revision with their own istio.io/rev label.
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "MeshInjection", SupportsShouldProcess = true)]
[OutputType(typeof(MeshNamespace))]
public sealed class DisableMeshInjectionCommand : MeshInjectionCommand
{
    /// <summary>Set istio-injection=disabled, so that no revision injects there, even for pods that opt in.</summary>
    [Parameter]
    public SwitchParameter Explicit { get; set; }

    private protected override InjectionLabelChange Plan(string ns, IReadOnlyDictionary<string, string> labels) =>
        InjectionLabelChange.Disable(ns, labels, Explicit);
}
