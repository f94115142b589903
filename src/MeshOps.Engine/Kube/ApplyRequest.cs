using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>One component's rendered objects, e.g. ("Pilot", [Deployment istiod, ...]). An empty list removes the component (prune).</summary>
public sealed record ComponentManifest(string ComponentName, IReadOnlyList<ManifestObject> Objects);

/// <summary>What <see cref="ManifestApplier.ApplyAsync"/> should do.</summary>
public sealed record ApplyRequest
{
    /// <summary>Components in istioctl's terms (Base, Pilot, IngressGateways, EgressGateways, Cni, Ztunnel, ...). Order within a phase is kept.</summary>
    public required IReadOnlyList<ComponentManifest> Components { get; init; }

    /// <summary>The Istio revision; empty for the default revision.</summary>
    public string? Revision { get; init; }

    /// <summary>
    /// The Istio release the objects were rendered from: recorded on shared objects (<see cref="SharedObjectRelease"/>),
    /// and a shared object a newer release wrote is left as it is. Null: nothing recorded, nothing compared.
    /// </summary>
    public Releases.IstioVersion? Release { get; init; }

    /// <summary>The control-plane namespace: created first, and used for namespaced objects that name none.</summary>
    public required string Namespace { get; init; }

    /// <summary>Take over fields from any other field manager instead of failing with FieldManagerConflict.</summary>
    public bool Force { get; init; }

    /// <summary>Plan only (-WhatIf): server-side dry runs, nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>How long to wait for CRDs to be Established and workloads to roll out.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Do not wait for workloads to roll out.</summary>
    public bool SkipWait { get; init; }

    /// <summary>Delete our objects of the listed components that the manifest no longer holds.</summary>
    public bool Prune { get; init; } = true;

    /// <summary>Extra label selector every pruned object must also match (e.g. "install.operator.istio.io/owning-resource=x").</summary>
    public string? PruneSelector { get; init; }

    /// <summary>Also prune CustomResourceDefinitions (off: deleting a CRD deletes every resource of it).</summary>
    public bool PruneCustomResourceDefinitions { get; init; }

    /// <summary>
    /// The caller found no other revision in the cluster, so objects shared by every revision
    /// (<see cref="OwnershipLabels.IsShared(string?, string?)"/>) may be pruned too. Off: they are kept. Even on, they
    /// are kept while any object MeshOps wrote names another revision.
    /// </summary>
    public bool PruneSharedObjects { get; init; }

    /// <summary>
    /// The objects an earlier install of this revision applied (its install record's inventory), or null when unknown.
    /// Known, prune lists only the kinds of entries the manifest no longer holds, instead of every kind prune may ever
    /// need; every candidate's labels are checked as always. Unknown (a record older than inventories): every kind.
    /// Known and empty (no record: a first install, since every install records its objects before writing them): no
    /// object carries the revision's labels, so nothing is listed for prune and live state is read only where the
    /// manifest's objects may exist, whole (see <see cref="LiveObjects"/>).
    /// </summary>
    public IReadOnlyCollection<InventoryEntry>? PruneInventory { get; init; }

    /// <summary>
    /// Called before the first write (not in a plan) with the inventory widened by the objects about to be applied,
    /// when <see cref="PruneInventory"/> is known and lacks some of them: an install that fails half-way then still
    /// leaves a record naming everything it may have written.
    /// </summary>
    public Func<IReadOnlyList<InventoryEntry>, CancellationToken, Task>? SaveInventoryAsync { get; init; }

    /// <summary>
    /// Requests sent at once: objects applied within a component, kinds listed before the first write. 16, as the
    /// label writes (InjectionLabeler.DefaultParallelism): with 8, istiod's 17 objects took two round trips, not one.
    /// </summary>
    public int MaxParallelism { get; init; } = 16;

    /// <summary>Managers whose fields are taken over without <see cref="Force"/>: istioctl and Helm.</summary>
    public IReadOnlyCollection<string> TakeOverManagers { get; init; } = ["istio-operator", "helm"];

    /// <summary>The longest interval between two polls of a wait; polls start 100 ms apart and double up to it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Every MutatingWebhookConfiguration of the cluster (admissionregistration.k8s.io/v1), when the caller listed them
    /// just before (the installer does, to find the injectors): the live state of the manifest's own, without a list of
    /// its own, and the injectors (app=sidecar-injector) the webhook overlap check compares with; else it reads those.
    /// </summary>
    internal IReadOnlyList<JsonObject>? ExistingMutatingWebhooks { get; init; }

    /// <summary>
    /// Every ValidatingWebhookConfiguration of the cluster, when the caller listed them just before (the installer
    /// does, for its default tag too): the live state of the manifest's own, without a list of its own.
    /// </summary>
    internal IReadOnlyList<JsonObject>? ExistingValidatingWebhooks { get; init; }

    /// <summary>
    /// When (Stopwatch ticks) the caller started: discovery read since then is current, so a CRD of the manifest whose
    /// kind it does not serve does not exist (<see cref="ResourceDiscovery.ServesAnyVersion"/>). Null: the apply's start.
    /// </summary>
    internal long? DiscoveryCurrentSince { get; init; }

    /// <summary>Whether <see cref="Namespace"/> exists, when the caller read it just before (the installer does); null: the apply reads it.</summary>
    internal bool? NamespaceExists { get; init; }
}
