using System.Text.Json.Nodes;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Which Istio release wrote an object shared by every revision (<see cref="OwnershipLabels.IsShared(JsonObject?)"/>:
/// the Base component's CRDs, cluster roles, service accounts), and the rule that keeps them from going back to an
/// older release. Revisions of different releases share these objects on one cluster during a canary upgrade; the
/// newest release's are what every revision runs on: Istio's CRDs are backward compatible (a newer CRD serves every
/// version an older istiod reads), while an older CRD lacks versions and fields the newer istiod needs, and the API
/// server refuses to drop a version still in <c>status.storedVersions</c>. So an install of an older release than the
/// one recorded on a live shared object leaves that object as it is.
/// </summary>
internal static class SharedObjectRelease
{
    /// <summary>The label on shared objects naming the Istio release whose Base chart wrote them, e.g. <c>1.28.10</c>.</summary>
    public const string Label = "meshops.io/release";

    /// <summary>Records <paramref name="release"/> on a shared object's labels about to be applied; a revision-owned object gets none (its install record names its release).</summary>
    public static void Stamp(JsonObject labels, IstioVersion? release)
    {
        if (release != null && OwnershipLabels.IsShared(labels)) labels[Label] = release.ToString();
        else labels.Remove(Label);
    }

    /// <summary>
    /// The release recorded on a live object: MeshOps' label, or on an object another installer (istioctl, Helm) wrote,
    /// the release label Istio's charts put on it from 1.24 (<c>app.kubernetes.io/version</c> with
    /// <c>app.kubernetes.io/part-of=istio</c>). Null when it records none, or one that is not a version.
    /// </summary>
    public static IstioVersion? Of(JsonObject? liveObject)
    {
        var labels = liveObject?["metadata"]?["labels"] as JsonObject;
        var recorded = OwnershipLabels.Label(labels, OwnershipLabels.MeshOpsComponent) != null
            ? OwnershipLabels.Label(labels, Label)
            : OwnershipLabels.Label(labels, "app.kubernetes.io/part-of") == "istio" ? OwnershipLabels.Label(labels, "app.kubernetes.io/version") : null;
        return IstioVersion.TryParse(recorded, out var version) ? version : null;
    }

    /// <summary>Whether applying <paramref name="body"/> for <paramref name="installing"/> is subject to the rule, so the live object must be at hand.</summary>
    public static bool Compares(JsonObject body, IstioVersion? installing) =>
        installing != null && OwnershipLabels.IsShared(body["metadata"]?["labels"] as JsonObject);

    /// <summary>
    /// The newer release that owns the live object when applying <paramref name="body"/> for <paramref name="installing"/>
    /// would take a shared object back to an older release; null when the apply may go ahead (not shared, no release
    /// recorded on either side, or the same or an older one recorded).
    /// </summary>
    public static IstioVersion? NewerOwner(JsonObject body, JsonObject? liveObject, IstioVersion? installing)
    {
        if (liveObject == null || !Compares(body, installing)) return null;
        var owner = Of(liveObject);
        return owner != null && owner.CompareTo(installing!) > 0 ? owner : null;
    }

    /// <summary>The one warning an install gives for the shared objects it left at a newer release (verbose names each).</summary>
    public static string KeptMessage(IstioVersion installing, IReadOnlyCollection<(string Display, IstioVersion Owner)> kept)
    {
        var owners = string.Join(", ", kept.Select(k => k.Owner).Distinct().OrderByDescending(v => v).Select(v => v.ToString()));
        var crds = kept.Count(k => k.Display.StartsWith(PruneKinds.CrdKind + " ", StringComparison.Ordinal));
        return $"{kept.Count} object(s) shared by every revision ({crds} CRD(s) among them) stay at Istio {owners}, newer than the {installing} being installed: " +
               "shared objects are never downgraded, and the newer release's CRDs serve this revision too (nothing to do).";
    }
}
