namespace MeshOps.Engine.Kube;

/// <summary>
/// Labels that say which install owns an object. Istio's own labels are set by its charts/istioctl; the
/// <c>meshops.io/*</c> pair is stamped by the applier on every object it writes and is what prune selects on,
/// so prune can never reach an object MeshOps did not write for the same revision and component.
/// </summary>
public static class OwnershipLabels
{
    /// <summary>istioctl's component label, e.g. <c>Pilot</c>.</summary>
    public const string IstioComponent = "operator.istio.io/component";

    /// <summary>Istio's revision label.</summary>
    public const string IstioRevision = "istio.io/rev";

    /// <summary>istioctl's owning IstioOperator name label.</summary>
    public const string OwningResource = "install.operator.istio.io/owning-resource";

    /// <summary>MeshOps' revision label; the value is <see cref="RevisionValue"/> of the revision.</summary>
    public const string MeshOpsRevision = "meshops.io/revision";

    /// <summary>MeshOps' component label; the value is the component name the object was applied under.</summary>
    public const string MeshOpsComponent = "meshops.io/component";

    /// <summary>The label value for a revision: Istio calls the unnamed revision <c>default</c>.</summary>
    public static string RevisionValue(string? revision) => string.IsNullOrEmpty(revision) ? "default" : revision;
}
