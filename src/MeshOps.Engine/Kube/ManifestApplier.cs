using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Installs or upgrades a control plane from rendered manifests the way istioctl orders it, with server-side apply
/// (field manager "meshops"): the namespace first; Base with its CRDs, waiting until they are Established; Pilot;
/// gateways and CNI in parallel; ztunnel. Objects of one component are applied in parallel (bounded). After each
/// phase its Deployments/DaemonSets/StatefulSets must roll out. Then our stale objects are pruned.
/// Every step is idempotent: an interrupted run converges when re-run; an unchanged object is not written.
/// </summary>
/// <remarks>
/// Requests are spent sparingly, as each costs a round trip: discovery is read whole once (<see cref="ResourceDiscovery"/>);
/// MeshOps' objects are listed once per kind before the first write (<see cref="LiveObjects"/>) and serve as the
/// live state for every apply and as the prune candidates; objects not among them are probed in bulk; an object
/// proven unchanged from its managedFields is not sent at all (<see cref="NoOpApplyCheck"/>); waits start from what
/// the applies returned and poll with a short, growing interval.
/// </remarks>
public sealed class ManifestApplier
{
    private readonly ClusterConnection connection;

    public ManifestApplier(ClusterConnection connection)
    {
        this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
    }

    /// <summary>Applies (or with <see cref="ApplyRequest.DryRun"/> plans) the request. See the class summary for the order.</summary>
    /// <exception cref="MeshException">WebhookOverlap, FieldManagerConflict, RolloutTimeout, CrdNotEstablished, KubeApiError, KubeConnectionFailed, ...</exception>
    public async Task<ApplyResult> ApplyAsync(ApplyRequest request, IMeshHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(host);
        Validate(request);
        var run = new Run(connection, request, host);
        return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Validate(ApplyRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Namespace))
            throw new MeshException("NamespaceRequired", MeshErrorKind.InvalidArgument, "The apply request has no namespace. Pass the control-plane namespace.");
        if (request.MaxParallelism < 1)
            throw new MeshException("InvalidParallelism", MeshErrorKind.InvalidArgument, $"MaxParallelism must be at least 1, not {request.MaxParallelism}.");
        var duplicates = request.Components.GroupBy(c => c.ComponentName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new MeshException("DuplicateComponent", MeshErrorKind.InvalidArgument, $"Component(s) listed twice: {string.Join(", ", duplicates)}. Merge their objects into one entry.");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in request.Components)
            foreach (var o in c.Objects)
            {
                var key = $"{o.Group}|{o.Kind}|{o.Namespace}|{o.Name}";
                if (seen.TryGetValue(key, out var other))
                    throw new MeshException("DuplicateObject", MeshErrorKind.InvalidData,
                        $"{o.DisplayName} appears twice (components {other} and {c.ComponentName}). Each object must be rendered once.", o.DisplayName);
                seen[key] = c.ComponentName;
            }
    }

    /// <summary>State of one ApplyAsync call.</summary>
    private sealed class Run
    {
        private readonly ClusterConnection connection;
        private readonly ApplyRequest request;
        private readonly IMeshHost host;
        private readonly ServerSideApplier applier;
        private readonly Pruner pruner;
        private readonly string revisionSelector;
        private ProgressActivity applying = null!;
        private int componentsStarted;
        private readonly ConcurrentBag<(int Order, ObjectOutcome Outcome)> outcomes = [];
        private readonly Dictionary<ManifestObject, int> order = new(ReferenceEqualityComparer.Instance);
        // The group and kind each CRD of the manifest defines.
        private readonly HashSet<(string Group, string Kind)> requestedCrdKinds;
        private readonly long discoveryCurrentSince;
        private readonly HashSet<string> absentNamespaces = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string ApiVersion, string Kind), ResourceType?> types = new();
        // Each applied object as it now is (or, unchanged, as listed), for the waits.
        private readonly ConcurrentDictionary<string, JsonObject?> latest = new(StringComparer.Ordinal);
        private LiveObjects live = null!;
        // The install record written ahead (SaveInventoryAheadAsync); every object labelled for the revision waits for it.
        private Task recordAhead = Task.CompletedTask;
        // Shared objects left as a newer release wrote them (SharedObjectRelease).
        private readonly ConcurrentBag<(string Display, Releases.IstioVersion Owner)> keptNewer = [];
        private List<ResourceType> pruneKinds = [];
        // Shared objects no longer rendered that prune kept for another revision: still the revision's, so still in the inventory.
        private readonly List<Pruner.Stale> keptShared = [];

        public Run(ClusterConnection connection, ApplyRequest request, IMeshHost host)
        {
            this.connection = connection;
            this.request = request;
            this.host = host;
            applier = new ServerSideApplier(connection, host, request.Force, request.TakeOverManagers);
            pruner = new Pruner(connection, host);
            revisionSelector = $"{OwnershipLabels.MeshOpsRevision}={OwnershipLabels.RevisionValue(request.Revision)}";
            discoveryCurrentSince = request.DiscoveryCurrentSince ?? System.Diagnostics.Stopwatch.GetTimestamp();
            var i = 0;
            foreach (var c in request.Components) foreach (var o in c.Objects) order[o] = ++i;
            requestedCrdKinds = request.Components.SelectMany(c => c.Objects).Where(IsCrd)
                .Select(o => o.CloneBody()).Select(b => ((string?)b["spec"]?["group"] ?? "", (string?)b["spec"]?["names"]?["kind"] ?? "")).ToHashSet();
        }

        private IEnumerable<ManifestObject> AllObjects => request.Components.SelectMany(c => c.Objects);

        public async Task<ApplyResult> ExecuteAsync(CancellationToken ct)
        {
            // Shown per component and per wait; ended (also when a wait fails) as the run ends.
            using var progress = applying = new ProgressActivity(host, ProgressIds.Apply, request.DryRun ? "Planning the apply" : "Applying manifests");
            // Discovery first and alone (the installer has read it already): if the server cannot be reached, one
            // call's retries are all that is spent.
            await connection.Discovery.PrefetchAsync(ct).ConfigureAwait(false);
            var nsType = await connection.Discovery.ResolveAsync("v1", "Namespace", ct).ConfigureAwait(false);
            // Then every read that needs no other, together; nothing is written before the webhook check passed.
            var overlap = CheckWebhookOverlapAsync(ct);
            var nsRead = request.NamespaceExists is { } exists ? Task.FromResult(exists) : NamespaceExistsAsync(nsType, ct);
            var owned = ReadOwnedAsync(nsRead, ct);
            await Task.WhenAll(overlap, nsRead, owned).ConfigureAwait(false);
            live = owned.Result;
            var nsExists = nsRead.Result;
            if (!nsExists) absentNamespaces.Add(request.Namespace);
            // The namespace first (it carries no label of ours and holds the install record), while the objects not
            // ours yet are looked for; then the record names what is about to be written. Shared objects (the CRDs)
            // go meanwhile: the record must come before the first object labelled for the revision, which waits for it.
            await Task.WhenAll(EnsureNamespaceAsync(nsType, nsExists, ct), ProbeAsync(ct)).ConfigureAwait(false);
            recordAhead = SaveInventoryAheadAsync(ct);

            foreach (var phase in InstallOrder.Phased(request.Components))
            {
                await Task.WhenAll(phase.Select(c => ApplyComponentAsync(c, ct))).ConfigureAwait(false);
                if (!request.DryRun && !request.SkipWait)
                {
                    var workloads = await WorkloadsAsync(phase, ct).ConfigureAwait(false);
                    if (workloads.Count > 0) applying.Report($"Waiting for {string.Join(", ", phase.Where(c => c.Objects.Count > 0).Select(c => c.ComponentName))} to roll out", Percent(componentsStarted));
                    var known = workloads.ToDictionary(w => w, w => latest.GetValueOrDefault(Pruner.Key(w.Type.Group, w.Type.Kind, w.Namespace, w.Name)));
                    await new RolloutWaiter(connection, host, request.PollInterval).WaitAsync(workloads, known, revisionSelector, request.Timeout, ct).ConfigureAwait(false);
                }
            }

            await recordAhead.ConfigureAwait(false);
            if (!keptNewer.IsEmpty) host.WriteWarning(SharedObjectRelease.KeptMessage(request.Release!, keptNewer));

            if (request.Prune)
            {
                applying.Complete(request.DryRun ? "Planned" : "Applied");
                var candidates = string.IsNullOrWhiteSpace(request.PruneSelector)
                    ? live.Owned
                    : await pruner.ListCandidatesAsync(pruneKinds, request.PruneSelector, ct).ConfigureAwait(false);
                var keep = await KeepAsync(ct).ConfigureAwait(false);
                // The caller's word that no other revision exists, checked against what the lists show.
                var pruneShared = request.PruneSharedObjects && live.OtherRevisions.Count == 0;
                if (request.PruneSharedObjects && !pruneShared)
                    host.WriteVerbose($"Prune: shared objects are kept: revision(s) {string.Join(", ", live.OtherRevisions)} still have objects in the cluster.");
                await PruneAsync(candidates, keep, pruneShared, ct).ConfigureAwait(false);
            }

            var result = new ApplyResult(request.DryRun, outcomes.OrderBy(o => o.Order).Select(o => o.Outcome).ToList())
            {
                Inventory = Rendered().Concat(keptShared.Select(k => new InventoryEntry(k.Type.ApiVersion, k.Type.Kind, k.Namespace, k.Name))).ToList(),
            };
            host.WriteVerbose(request.DryRun
                ? $"Plan: {result.Created} to create, {result.Updated} to update, {result.Unchanged} unchanged, {result.Pruned} to prune"
                : $"Applied: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, {result.Pruned} pruned");
            return result;
        }

        private async Task CheckWebhookOverlapAsync(CancellationToken ct)
        {
            var incoming = AllObjects
                .Where(o => o.Kind == "MutatingWebhookConfiguration" && o.Group == "admissionregistration.k8s.io")
                .SelectMany(o => WebhookOverlapCheck.InjectorWebhooks(o.CloneBody())).ToList();
            if (incoming.Count == 0) return;
            // Every configuration the caller listed: InjectorWebhooks takes only the injectors' (app=sidecar-injector).
            var injectors = request.ExistingMutatingWebhooks;
            if (injectors == null)
            {
                var type = await connection.Discovery.TryResolveAsync("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", ct).ConfigureAwait(false);
                if (type == null) return;
                injectors = await connection.ListAsync(type.CollectionPath(null), "app=sidecar-injector", ct).ConfigureAwait(false);
            }
            WebhookOverlapCheck.Check(incoming, injectors.SelectMany(WebhookOverlapCheck.InjectorWebhooks).ToList());
        }

        /// <summary>
        /// Nothing of the revision was ever recorded (<see cref="ApplyRequest.PruneInventory"/> known and empty): as
        /// every install records what it is about to write before writing it, no object carries the revision's labels.
        /// </summary>
        private bool NothingRecorded => request.PruneInventory is { Count: 0 };

        private async Task<bool> NamespaceExistsAsync(ResourceType nsType, CancellationToken ct) =>
            await connection.GetOrNullAsync(nsType.ObjectPath(null, request.Namespace), ct).ConfigureAwait(false) != null;

        /// <summary>
        /// MeshOps' objects of every kind the manifest holds or prune looks at: one list per kind (a first install:
        /// <see cref="ReadFirstAsync"/>).
        /// </summary>
        private async Task<LiveObjects> ReadOwnedAsync(Task<bool> nsRead, CancellationToken ct)
        {
            foreach (var (apiVersion, kind) in AllObjects.Select(o => (o.ApiVersion, o.Kind)).Distinct())
                types[(apiVersion, kind)] = await connection.Discovery.TryResolveAsync(apiVersion, kind, ct).ConfigureAwait(false);
            var revisionValue = OwnershipLabels.RevisionValue(request.Revision);
            if (NothingRecorded) return await ReadFirstAsync(revisionValue, nsRead, ct).ConfigureAwait(false);
            if (request.Prune) pruneKinds = await PruneKindsAsync(ct).ConfigureAwait(false);
            // One list per group and kind: the manifest's version where it names one, so live objects compare with applied ones.
            var kinds = types.Values.OfType<ResourceType>().Concat(pruneKinds)
                .GroupBy(t => (t.Group, t.Kind)).Select(g => g.First()).ToList();
            return await LiveObjects.ReadAsync(connection, revisionValue, kinds.Select(k => KnownRead(k) ?? new LiveObjects.Read(k, null, Whole: false)).ToList(),
                request.MaxParallelism, ct).ConfigureAwait(false);
        }

        /// <summary>The caller's list of every Mutating- or ValidatingWebhookConfiguration, in place of a list of ours (it holds them all).</summary>
        private LiveObjects.Read? KnownRead(ResourceType type)
        {
            if (type is not { Group: "admissionregistration.k8s.io", Version: "v1" }) return null;
            var known = type.Kind switch
            {
                "MutatingWebhookConfiguration" => request.ExistingMutatingWebhooks,
                "ValidatingWebhookConfiguration" => request.ExistingValidatingWebhooks,
                _ => null,
            };
            return known == null ? null : new LiveObjects.Read(type, null, Whole: true) { Known = known };
        }

        /// <summary>
        /// A first install's live state (<see cref="NothingRecorded"/>): no prune list (the revision owns nothing to
        /// prune), and only where the manifest's objects may already exist, one whole list per kind and namespace (the
        /// objects of any owner: other revisions' shared ones, istioctl's or Helm's to take over), so that what it does
        /// not return is known to be absent. None in the control-plane namespace when it did not exist; those lists
        /// wait for its GET, the cluster-scoped ones do not. CRDs (large bodies, hundreds on some clusters) and
        /// Secrets (their data) are listed by our label, and the rest looked for with a metadata list, as before;
        /// unless discovery, read during this install, serves none of the manifest's CRD kinds: then none of its CRDs
        /// exists (a CRD's kinds are served once it is Established), and none is read.
        /// </summary>
        private Task<LiveObjects> ReadFirstAsync(string revisionValue, Task<bool> nsRead, CancellationToken ct)
        {
            var scopes = AllObjects
                .Select(o => types.GetValueOrDefault((o.ApiVersion, o.Kind)) is { } t ? (Type: t, Namespace: t.Namespaced ? o.Namespace ?? request.Namespace : null) : default)
                .Where(s => s.Type != null).Distinct().ToList();
            var noCrdServed = NoCrdServed();
            LiveObjects.Read ReadOf((ResourceType Type, string? Namespace) s) =>
                KnownRead(s.Type) ?? (s.Type.Kind == PruneKinds.CrdKind && noCrdServed ? new LiveObjects.Read(s.Type, null, Whole: true) { Known = [] }
                    : s.Type.Kind is PruneKinds.CrdKind or "Secret" ? new LiveObjects.Read(s.Type, null, Whole: false) : new LiveObjects.Read(s.Type, s.Namespace, Whole: true));
            var now = scopes.Where(s => s.Namespace != request.Namespace).Select(ReadOf).Distinct().ToList();
            async Task<IReadOnlyList<LiveObjects.Read>> LaterAsync()
            {
                if (!await nsRead.ConfigureAwait(false)) return [];
                return scopes.Where(s => s.Namespace == request.Namespace).Select(ReadOf).Distinct().Except(now).ToList();
            }
            return LiveObjects.ReadAsync(connection, revisionValue, now, request.MaxParallelism, ct, LaterAsync());
        }

        /// <summary>Whether current discovery serves none of the kinds the manifest's CRDs define (false when it cannot tell).</summary>
        private bool NoCrdServed() =>
            requestedCrdKinds.Count > 0 && requestedCrdKinds.All(k => connection.Discovery.ServesAnyVersion(k.Group, k.Kind, discoveryCurrentSince) == false);

        /// <summary>
        /// The kinds prune lists: every kind it may ever need when no inventory is known; else only the kinds of
        /// inventory entries the manifest no longer holds (the manifest's own kinds are listed anyway, as live state).
        /// </summary>
        private async Task<List<ResourceType>> PruneKindsAsync(CancellationToken ct)
        {
            var all = await pruner.KindsAsync(request.PruneCustomResourceDefinitions, ct).ConfigureAwait(false);
            if (request.PruneInventory == null) return all;
            var rendered = Rendered().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var stale = request.PruneInventory.Where(e => !rendered.Contains(e.Key)).Select(e => (e.Group, e.Kind)).ToHashSet();
            if (stale.Count > 0) host.WriteVerbose($"Prune: the install record names {stale.Count} kind(s) with objects no longer rendered: {string.Join(", ", stale.Select(k => k.Kind))}");
            return all.Where(t => stale.Contains((t.Group, t.Kind))).ToList();
        }

        /// <summary>The manifest's objects as inventory entries, the namespace resolved as for the apply (types are resolved first).</summary>
        private List<InventoryEntry> Rendered() =>
            AllObjects.Select(o =>
            {
                var type = types.GetValueOrDefault((o.ApiVersion, o.Kind));
                return new InventoryEntry(o.ApiVersion, o.Kind, type == null ? o.Namespace ?? request.Namespace : type.Namespaced ? o.Namespace ?? request.Namespace : null, o.Name);
            }).ToList();

        /// <summary>
        /// Before the first write: widens the known inventory by the objects about to be applied, so that an install
        /// that stops half-way leaves a record naming everything it may have written (its next run prunes them).
        /// </summary>
        private async Task SaveInventoryAheadAsync(CancellationToken ct)
        {
            if (request.DryRun || request.PruneInventory == null || request.SaveInventoryAsync == null) return;
            var known = request.PruneInventory.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
            var added = Rendered().Where(e => !known.Contains(e.Key)).ToList();
            if (added.Count == 0) return;
            host.WriteVerbose(NothingRecorded
                ? $"Recording the install and its {added.Count} object(s) before writing them"
                : $"Recording {added.Count} object(s) not yet in the install record's inventory before writing them");
            await request.SaveInventoryAsync(request.PruneInventory.Concat(added).ToList(), ct).ConfigureAwait(false);
        }

        /// <summary>Which objects not ours yet exist at all, so only those are read one by one.</summary>
        private Task ProbeAsync(CancellationToken ct)
        {
            var wanted = new List<(ResourceType, string?, string)>();
            foreach (var o in AllObjects)
                if (types.GetValueOrDefault((o.ApiVersion, o.Kind)) is { } type)
                    wanted.Add((type, type.Namespaced ? o.Namespace ?? request.Namespace : null, o.Name));
            return live.ProbeAsync(connection, wanted, absentNamespaces, request.MaxParallelism, ct);
        }

        private async Task EnsureNamespaceAsync(ResourceType type, bool exists, CancellationToken ct)
        {
            var ns = request.Namespace;
            if (exists)
            {
                outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, ApplyAction.Unchanged, [], [])));
                return;
            }
            if (request.DryRun)
            {
                outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, ApplyAction.Create, [], [])));
                return;
            }
            // Namespaces are shared by revisions, so they get no ownership labels and are never pruned.
            var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } };
            var outcome = await applier.ApplyAsync(type, null, ns, body, $"Namespace {ns}", false, LiveObjects.Presence.Absent, null, ct).ConfigureAwait(false);
            outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, outcome.Action, outcome.ChangedFields, outcome.TakenOverFrom)));
        }

        private async Task ApplyComponentAsync(ComponentManifest component, CancellationToken ct)
        {
            var crds = component.Objects.Where(IsCrd).ToList();
            var rest = component.Objects.Where(o => !IsCrd(o)).ToList();
            if (component.Objects.Count > 0)
            {
                var started = Interlocked.Increment(ref componentsStarted);
                applying.Report($"{component.ComponentName}: {component.Objects.Count} objects (component {started} of {ComponentsToApply})", Percent(started - 1));
            }
            await ApplyAllAsync(component.ComponentName, crds, ct).ConfigureAwait(false);
            if (crds.Count > 0 && !request.DryRun)
            {
                applying.Report($"{component.ComponentName}: waiting for {crds.Count} CRDs to be Established", -1);
                var crdType = await connection.Discovery.ResolveAsync("apiextensions.k8s.io/v1", PruneKinds.CrdKind, ct).ConfigureAwait(false);
                var known = crds.ToDictionary(c => c.Name, c => latest.GetValueOrDefault(Pruner.Key(crdType.Group, crdType.Kind, null, c.Name)), StringComparer.Ordinal);
                // The component label: CRDs are shared (no revision label), and every object carries it.
                var crdSelector = $"{OwnershipLabels.MeshOpsComponent}={component.ComponentName}";
                await CrdWaiter.WaitEstablishedAsync(connection, crdType, known, crdSelector, request.Timeout, request.PollInterval, host, ct).ConfigureAwait(false);
            }
            await ApplyAllAsync(component.ComponentName, rest, ct).ConfigureAwait(false);
            host.WriteVerbose($"Component {component.ComponentName}: {(request.DryRun ? "planned" : "applied")} {component.Objects.Count} objects");
        }

        private Task ApplyAllAsync(string component, IReadOnlyList<ManifestObject> objects, CancellationToken ct) =>
            Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = request.MaxParallelism, CancellationToken = ct },
                async (obj, token) => outcomes.Add((order[obj], await ApplyOneAsync(component, obj, token).ConfigureAwait(false))));

        private async Task<ResourceType?> TypeAsync(ManifestObject obj, CancellationToken ct)
        {
            if (types.TryGetValue((obj.ApiVersion, obj.Kind), out var known) && (known != null || request.DryRun)) return known; // a plan establishes no CRD
            var type = await connection.Discovery.TryResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false);
            if (type != null) types[(obj.ApiVersion, obj.Kind)] = type;
            return type;
        }

        private async Task<ObjectOutcome> ApplyOneAsync(string component, ManifestObject obj, CancellationToken ct)
        {
            var type = await TypeAsync(obj, ct).ConfigureAwait(false);
            if (type == null)
            {
                // In a plan the CRD of a kind may be part of this very install and so not served yet.
                if (request.DryRun && requestedCrdKinds.Contains((obj.Group, obj.Kind)))
                    return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, obj.Namespace ?? request.Namespace, obj.Name, ApplyAction.Create, [], []);
                type = await connection.Discovery.ResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false); // throws with advice
            }
            var ns = type.Namespaced ? obj.Namespace ?? request.Namespace : null;
            var body = Prepare(obj, component, ns);
            if (body["metadata"]?["labels"]?[OwnershipLabels.MeshOpsRevision] != null) await recordAhead.ConfigureAwait(false);
            if (request.DryRun && ns != null && absentNamespaces.Contains(ns))
                return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, ns, obj.Name, ApplyAction.Create, [], []);
            var display = ns == null ? $"{obj.Kind} {obj.Name}" : $"{obj.Kind} {ns}/{obj.Name}";
            var presence = live.Find(type, ns, obj.Name, out var liveObject);
            if (presence == LiveObjects.Presence.Unknown && SharedObjectRelease.Compares(body, request.Release))
            {
                // Another installer's shared object may name a newer release: read it now (the applier would read it anyway, and uses this copy).
                liveObject = await connection.GetOrNullAsync(type.ObjectPath(ns, obj.Name), ct).ConfigureAwait(false);
                presence = liveObject == null ? LiveObjects.Presence.Absent : LiveObjects.Presence.Ours;
            }
            if (SharedObjectRelease.NewerOwner(body, liveObject, request.Release) is { } owner)
            {
                latest[Pruner.Key(type.Group, type.Kind, ns, obj.Name)] = liveObject;
                keptNewer.Add((display, owner));
                host.WriteVerbose($"{display}: kept as Istio {owner} wrote it (shared by every revision, newer than {request.Release})");
                return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, ns, obj.Name, ApplyAction.Unchanged, [], []);
            }
            var outcome = await applier.ApplyAsync(type, ns, obj.Name, body, display, request.DryRun, presence, liveObject, ct).ConfigureAwait(false);
            latest[Pruner.Key(type.Group, type.Kind, ns, obj.Name)] = outcome.Result;
            host.WriteVerbose($"{display}: {outcome.Action}{(outcome.ChangedFields.Count > 0 ? " (" + string.Join(", ", outcome.ChangedFields) + ")" : "")}");
            return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, ns, obj.Name, outcome.Action, outcome.ChangedFields, outcome.TakenOverFrom);
        }

        /// <summary>The body to send: our ownership labels added (revision-owned or shared, <see cref="OwnershipLabels.Stamp"/>), namespace set for namespaced kinds and dropped otherwise.</summary>
        private JsonObject Prepare(ManifestObject obj, string component, string? ns)
        {
            var body = obj.CloneBody();
            var meta = (JsonObject)body["metadata"]!;
            if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
            OwnershipLabels.Stamp(labels, component, request.Revision);
            SharedObjectRelease.Stamp(labels, request.Release);
            if (ns == null) meta.Remove("namespace");
            else meta["namespace"] = ns;
            return body;
        }

        private async Task<List<WorkloadRef>> WorkloadsAsync(IReadOnlyList<ComponentManifest> phase, CancellationToken ct)
        {
            var result = new List<WorkloadRef>();
            foreach (var obj in phase.SelectMany(c => c.Objects).Where(o => WorkloadRef.IsWorkloadKind(o.ApiVersion, o.Kind)))
            {
                var type = await TypeAsync(obj, ct).ConfigureAwait(false) ?? await connection.Discovery.ResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false);
                result.Add(new WorkloadRef(type, obj.Namespace ?? request.Namespace, obj.Name));
            }
            return result;
        }

        /// <summary>
        /// Every object of the manifest, whatever its component: the candidates were listed before the apply, so an
        /// object that moved to another component still carries its old component label there.
        /// </summary>
        private async Task<HashSet<string>> KeepAsync(CancellationToken ct)
        {
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in AllObjects)
            {
                var type = await TypeAsync(o, ct).ConfigureAwait(false);
                var ns = type == null ? o.Namespace : type.Namespaced ? o.Namespace ?? request.Namespace : null;
                keep.Add(Pruner.Key(o.Group, o.Kind, ns, o.Name));
            }
            return keep;
        }

        private int ComponentsToApply => request.Components.Count(c => c.Objects.Count > 0);

        private int Percent(int componentsDone) => ComponentsToApply == 0 ? -1 : componentsDone * 100 / ComponentsToApply;

        /// <summary>Deletes each component's stale objects, kind by kind in prune order, with one progress step per kind.</summary>
        private async Task PruneAsync(IReadOnlyList<(ResourceType Type, JsonObject Item)> candidates, IReadOnlySet<string> keep, bool pruneShared, CancellationToken ct)
        {
            var groups = request.Components
                .SelectMany(c => pruner.Find(candidates, c.ComponentName, request.Revision ?? "", keep, request.PruneSelector, request.PruneCustomResourceDefinitions, pruneShared, keptShared)
                    .GroupBy(s => s.Type).Select(g => (Component: c.ComponentName, Kind: g.Key.Kind, Stale: g.ToList())))
                .ToList();
            if (groups.Count == 0) return;
            using var progress = new ProgressActivity(host, ProgressIds.Prune, request.DryRun ? "Planning the prune" : "Pruning objects");
            for (var i = 0; i < groups.Count; i++)
            {
                var (component, kind, stale) = groups[i];
                progress.Report($"{kind}: {stale.Count} object(s) of {component} (kind {i + 1} of {groups.Count})", i * 100 / groups.Count);
                foreach (var s in stale)
                {
                    if (!request.DryRun) await pruner.DeleteAsync(s, ct).ConfigureAwait(false);
                    outcomes.Add((int.MaxValue, new ObjectOutcome(component, s.Type.ApiVersion, s.Type.Kind, s.Namespace, s.Name, ApplyAction.Prune, [], [])));
                }
            }
            progress.Complete($"{groups.Sum(g => g.Stale.Count)} objects of {groups.Count} kinds {(request.DryRun ? "to prune" : "pruned")}");
        }

        private static bool IsCrd(ManifestObject o) => o.Kind == PruneKinds.CrdKind && o.Group == "apiextensions.k8s.io";
    }
}
