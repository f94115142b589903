using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Labels that say which install owns an object. Istio's own labels are set by its charts/istioctl; the
/// <c>meshops.io/*</c> labels are stamped by the applier on every object it writes and are what prune selects on,
/// so prune can never reach an object MeshOps did not write for the same revision and component.
/// </summary>
/// <remarks>
/// Two kinds of owner, decided by <see cref="IsShared(string?, string?)"/> alone (the applier when it labels, the
/// pruner when it chooses, and so uninstall, all ask it):
/// <list type="bullet">
/// <item>Revision-owned (every component but Base): <c>meshops.io/revision=&lt;rev&gt;</c> and
/// <c>meshops.io/component</c>. Pruned with the revision.</item>
/// <item>Shared (the Base component's objects: CRDs, the cluster roles and bindings, the reader and istiod service
/// accounts). The Base chart renders them from the release and the control-plane namespace only, never from the
/// revision (1.18.5 renders byte-identical Base manifests with and without a revision), so every revision in the
/// cluster installs the same objects and none of them owns them: <c>meshops.io/scope=cluster</c> and
/// <c>meshops.io/component=Base</c>, and no <c>meshops.io/revision</c>. A Base object the chart labels
/// <c>istio.io/rev</c> is per revision and stays revision-owned. Shared objects are pruned or deleted only when the
/// caller established that no other revision exists (<see cref="ApplyRequest.PruneSharedObjects"/>) and no object in
/// the cluster names another revision: the last revision's uninstall with -Purge, or an install that is alone.</item>
/// </list>
/// Shared objects also record the release that wrote them (<see cref="SharedObjectRelease"/>, <c>meshops.io/release</c>):
/// revisions of different releases share them, and an older release's install never takes them back.
/// Objects written before this rule (a shared object labelled <c>meshops.io/revision</c> of whichever revision
/// installed last) are recognised by their component, so they are shared too: never pruned while another revision
/// exists, and relabelled by the next install (server-side apply drops the revision label we no longer send).
/// </remarks>
public static class OwnershipLabels
{
    /// <summary>istioctl's component label, e.g. <c>Pilot</c>.</summary>
    public const string IstioComponent = "operator.istio.io/component";

    /// <summary>Istio's revision label.</summary>
    public const string IstioRevision = "istio.io/rev";

    /// <summary>istioctl's owning IstioOperator name label.</summary>
    public const string OwningResource = "install.operator.istio.io/owning-resource";

    /// <summary>MeshOps' revision label on revision-owned objects; the value is <see cref="RevisionValue"/> of the revision.</summary>
    public const string MeshOpsRevision = "meshops.io/revision";

    /// <summary>MeshOps' component label, on every object it writes; the value is the component name the object was applied under.</summary>
    public const string MeshOpsComponent = "meshops.io/component";

    /// <summary>MeshOps' scope label, on shared objects instead of <see cref="MeshOpsRevision"/>; the value is <see cref="ClusterScope"/>.</summary>
    public const string MeshOpsScope = "meshops.io/scope";

    /// <summary>The value of <see cref="MeshOpsScope"/>: the object belongs to every revision in the cluster.</summary>
    public const string ClusterScope = "cluster";

    /// <summary>The component whose objects every revision shares.</summary>
    public const string SharedComponent = "Base";

    /// <summary>The label selector that lists every object MeshOps wrote, whatever revision or scope (all carry the component label).</summary>
    public const string AnyOwnerSelector = MeshOpsComponent;

    /// <summary>The label value for a revision: Istio calls the unnamed revision <c>default</c>.</summary>
    public static string RevisionValue(string? revision) => string.IsNullOrEmpty(revision) ? "default" : revision;

    /// <summary>
    /// Whether an object is shared by every revision rather than owned by one: the Base component's objects, except
    /// those the chart itself labels with an Istio revision. The one rule; see the type's remarks.
    /// </summary>
    /// <param name="component">The component the object is (or was) applied under.</param>
    /// <param name="istioRevision">The object's <c>istio.io/rev</c> label, or null.</param>
    public static bool IsShared(string? component, string? istioRevision) =>
        component == SharedComponent && string.IsNullOrEmpty(istioRevision);

    /// <summary><see cref="IsShared(string?, string?)"/> of a live object's labels.</summary>
    public static bool IsShared(JsonObject? labels) => IsShared(Label(labels, MeshOpsComponent), Label(labels, IstioRevision));

    /// <summary>The revision a live object's MeshOps labels say owns it; null for a shared object or one MeshOps did not write.</summary>
    public static string? OwnerRevision(JsonObject? labels) =>
        Label(labels, MeshOpsComponent) == null || IsShared(labels) ? null : Label(labels, MeshOpsRevision);

    /// <summary>Sets the ownership labels of an object about to be applied under <paramref name="component"/> for <paramref name="revision"/>.</summary>
    public static void Stamp(JsonObject labels, string component, string? revision)
    {
        labels[MeshOpsComponent] = component;
        if (IsShared(component, Label(labels, IstioRevision)))
        {
            labels.Remove(MeshOpsRevision);
            labels[MeshOpsScope] = ClusterScope;
        }
        else
        {
            labels.Remove(MeshOpsScope);
            labels[MeshOpsRevision] = RevisionValue(revision);
        }
    }

    internal static string? Label(JsonObject? labels, string key) => labels?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
