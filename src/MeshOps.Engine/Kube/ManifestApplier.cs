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
        private readonly ConcurrentBag<(int Order, ObjectOutcome Outcome)> outcomes = [];
        private readonly Dictionary<ManifestObject, int> order = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<string> requestedCrdKinds;
        private readonly HashSet<string> pendingNamespaces = new(StringComparer.Ordinal);

        public Run(ClusterConnection connection, ApplyRequest request, IMeshHost host)
        {
            this.connection = connection;
            this.request = request;
            this.host = host;
            applier = new ServerSideApplier(connection, host, request.Force, request.TakeOverManagers);
            var i = 0;
            foreach (var c in request.Components) foreach (var o in c.Objects) order[o] = ++i;
            requestedCrdKinds = request.Components.SelectMany(c => c.Objects).Where(IsCrd)
                .Select(o => o.CloneBody()).Select(b => $"{b["spec"]?["group"]}|{b["spec"]?["names"]?["kind"]}").ToHashSet(StringComparer.Ordinal);
        }

        public async Task<ApplyResult> ExecuteAsync(CancellationToken ct)
        {
            await CheckWebhookOverlapAsync(ct).ConfigureAwait(false);
            await EnsureNamespaceAsync(request.Namespace, ct).ConfigureAwait(false);

            foreach (var phase in InstallOrder.Phased(request.Components))
            {
                await Task.WhenAll(phase.Select(c => ApplyComponentAsync(c, ct))).ConfigureAwait(false);
                if (!request.DryRun && !request.SkipWait)
                {
                    var workloads = await WorkloadsAsync(phase, ct).ConfigureAwait(false);
                    await new RolloutWaiter(connection, host, request.PollInterval).WaitAsync(workloads, request.Timeout, ct).ConfigureAwait(false);
                }
            }

            if (request.Prune)
                foreach (var component in request.Components)
                    await PruneAsync(component, ct).ConfigureAwait(false);

            var result = new ApplyResult(request.DryRun, outcomes.OrderBy(o => o.Order).Select(o => o.Outcome).ToList());
            host.WriteVerbose(request.DryRun
                ? $"Plan: {result.Created} to create, {result.Updated} to update, {result.Unchanged} unchanged, {result.Pruned} to prune"
                : $"Applied: {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged, {result.Pruned} pruned");
            return result;
        }

        private async Task CheckWebhookOverlapAsync(CancellationToken ct)
        {
            var incoming = request.Components.SelectMany(c => c.Objects)
                .Where(o => o.Kind == "MutatingWebhookConfiguration" && o.Group == "admissionregistration.k8s.io")
                .SelectMany(o => WebhookOverlapCheck.InjectorWebhooks(o.CloneBody())).ToList();
            if (incoming.Count == 0) return;
            var type = await connection.Discovery.TryResolveAsync("admissionregistration.k8s.io/v1", "MutatingWebhookConfiguration", ct).ConfigureAwait(false);
            if (type == null) return;
            var list = await connection.GetAsync($"{type.CollectionPath(null)}?labelSelector={Uri.EscapeDataString("app=sidecar-injector")}", ct).ConfigureAwait(false);
            var existing = (list["items"] as JsonArray ?? []).OfType<JsonObject>().SelectMany(WebhookOverlapCheck.InjectorWebhooks).ToList();
            WebhookOverlapCheck.Check(incoming, existing);
        }

        private async Task EnsureNamespaceAsync(string ns, CancellationToken ct)
        {
            var type = await connection.Discovery.ResolveAsync("v1", "Namespace", ct).ConfigureAwait(false);
            if (await connection.GetOrNullAsync(type.ObjectPath(null, ns), ct).ConfigureAwait(false) != null)
            {
                outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, ApplyAction.Unchanged, [], [])));
                return;
            }
            if (request.DryRun)
            {
                pendingNamespaces.Add(ns);
                outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, ApplyAction.Create, [], [])));
                return;
            }
            // Namespaces are shared by revisions, so they get no ownership labels and are never pruned.
            var body = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } };
            var outcome = await applier.ApplyAsync(type, null, ns, body, $"Namespace {ns}", false, ct).ConfigureAwait(false);
            outcomes.Add((0, new ObjectOutcome("", "v1", "Namespace", null, ns, outcome.Action, outcome.ChangedFields, outcome.TakenOverFrom)));
        }

        private async Task ApplyComponentAsync(ComponentManifest component, CancellationToken ct)
        {
            var crds = component.Objects.Where(IsCrd).ToList();
            var rest = component.Objects.Where(o => !IsCrd(o)).ToList();
            host.WriteProgress(new MeshProgress(7300, "Applying manifests", $"{component.ComponentName}: {component.Objects.Count} objects"));
            await ApplyAllAsync(component.ComponentName, crds, ct).ConfigureAwait(false);
            if (crds.Count > 0 && !request.DryRun)
            {
                var crdType = await connection.Discovery.ResolveAsync("apiextensions.k8s.io/v1", PruneKinds.CrdKind, ct).ConfigureAwait(false);
                await CrdWaiter.WaitEstablishedAsync(connection, crdType, crds.Select(c => c.Name).ToList(), request.Timeout, request.PollInterval, host, ct).ConfigureAwait(false);
            }
            await ApplyAllAsync(component.ComponentName, rest, ct).ConfigureAwait(false);
            host.WriteVerbose($"Component {component.ComponentName}: {(request.DryRun ? "planned" : "applied")} {component.Objects.Count} objects");
        }

        private Task ApplyAllAsync(string component, IReadOnlyList<ManifestObject> objects, CancellationToken ct) =>
            Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = request.MaxParallelism, CancellationToken = ct },
                async (obj, token) => outcomes.Add((order[obj], await ApplyOneAsync(component, obj, token).ConfigureAwait(false))));

        private async Task<ObjectOutcome> ApplyOneAsync(string component, ManifestObject obj, CancellationToken ct)
        {
            var type = await connection.Discovery.TryResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false);
            if (type == null)
            {
                // In a plan the CRD of a kind may be part of this very install and so not served yet.
                if (request.DryRun && requestedCrdKinds.Contains($"{obj.Group}|{obj.Kind}"))
                    return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, obj.Namespace ?? request.Namespace, obj.Name, ApplyAction.Create, [], []);
                type = await connection.Discovery.ResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false); // throws with advice
            }
            var ns = type.Namespaced ? obj.Namespace ?? request.Namespace : null;
            var body = Prepare(obj, component, ns);
            if (request.DryRun && ns != null && pendingNamespaces.Contains(ns))
                return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, ns, obj.Name, ApplyAction.Create, [], []);
            var display = ns == null ? $"{obj.Kind} {obj.Name}" : $"{obj.Kind} {ns}/{obj.Name}";
            var outcome = await applier.ApplyAsync(type, ns, obj.Name, body, display, request.DryRun, ct).ConfigureAwait(false);
            host.WriteVerbose($"{display}: {outcome.Action}{(outcome.ChangedFields.Count > 0 ? " (" + string.Join(", ", outcome.ChangedFields) + ")" : "")}");
            return new ObjectOutcome(component, obj.ApiVersion, obj.Kind, ns, obj.Name, outcome.Action, outcome.ChangedFields, outcome.TakenOverFrom);
        }

        /// <summary>The body to send: our ownership labels added, namespace set for namespaced kinds and dropped otherwise.</summary>
        private JsonObject Prepare(ManifestObject obj, string component, string? ns)
        {
            var body = obj.CloneBody();
            var meta = (JsonObject)body["metadata"]!;
            if (meta["labels"] is not JsonObject labels) meta["labels"] = labels = new JsonObject();
            labels[OwnershipLabels.MeshOpsRevision] = OwnershipLabels.RevisionValue(request.Revision);
            labels[OwnershipLabels.MeshOpsComponent] = component;
            if (ns == null) meta.Remove("namespace");
            else meta["namespace"] = ns;
            return body;
        }

        private async Task<List<WorkloadRef>> WorkloadsAsync(IReadOnlyList<ComponentManifest> phase, CancellationToken ct)
        {
            var result = new List<WorkloadRef>();
            foreach (var obj in phase.SelectMany(c => c.Objects).Where(o => WorkloadRef.IsWorkloadKind(o.ApiVersion, o.Kind)))
            {
                var type = await connection.Discovery.ResolveAsync(obj.ApiVersion, obj.Kind, ct).ConfigureAwait(false);
                result.Add(new WorkloadRef(type, obj.Namespace ?? request.Namespace, obj.Name));
            }
            return result;
        }

        private async Task PruneAsync(ComponentManifest component, CancellationToken ct)
        {
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var o in component.Objects)
            {
                var type = await connection.Discovery.TryResolveAsync(o.ApiVersion, o.Kind, ct).ConfigureAwait(false);
                var ns = type == null ? o.Namespace : type.Namespaced ? o.Namespace ?? request.Namespace : null;
                keep.Add(Pruner.Key(o.Group, o.Kind, ns, o.Name));
            }
            var pruner = new Pruner(connection, host);
            var stale = await pruner.FindAsync(component.ComponentName, request.Revision ?? "", keep, request.PruneSelector, request.PruneCustomResourceDefinitions, ct).ConfigureAwait(false);
            foreach (var s in stale)
            {
                if (!request.DryRun) await pruner.DeleteAsync(s, ct).ConfigureAwait(false);
                outcomes.Add((int.MaxValue, new ObjectOutcome(component.ComponentName, s.Type.ApiVersion, s.Type.Kind, s.Namespace, s.Name, ApplyAction.Prune, [], [])));
            }
        }

        private static bool IsCrd(ManifestObject o) => o.Kind == PruneKinds.CrdKind && o.Group == "apiextensions.k8s.io";
    }
}
