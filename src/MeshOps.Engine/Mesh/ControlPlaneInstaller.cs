using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;
using KubeComponent = MeshOps.Engine.Kube.ComponentManifest;
using KubeObject = MeshOps.Engine.Kube.ManifestObject;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Installs (or upgrades in place) one control-plane revision: renders as istioctl would, refuses bad input before
/// writing, applies in istioctl's order with waits and pruning, then writes MeshOps' install record and the
/// installed-state IstioOperator istioctl users expect.
/// </summary>
public sealed class ControlPlaneInstaller
{
    private static readonly Dictionary<string, string> ComponentTitles = new(StringComparer.Ordinal)
    {
        ["Base"] = "Istio core", ["Pilot"] = "Istiod", ["Cni"] = "CNI", ["IstiodRemote"] = "Istiod remote",
        ["Ztunnel"] = "Ztunnel", ["IngressGateways"] = "Ingress gateways", ["EgressGateways"] = "Egress gateways",
    };

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public ControlPlaneInstaller(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    public async Task<InstallResult> InstallAsync(InstallRequest request, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Everything that can be wrong with the input fails here, before the first request to the cluster
        // (merged and validated once quietly; Generate below reports the warnings).
        OperatorConfigBuilder.Build(request.Manifest, NullMeshHost.Instance);
        // One bar for the install; rendering, each component's apply and wait, and the prune nest under it.
        using var progress = new ProgressActivity(_host, ProgressIds.Install, request.DryRun ? "Planning the Istio install" : "Installing Istio");
        var steps = new NestedProgressHost(_host, progress.Id);
        progress.Report("Rendering the manifests", 0);
        // What needs nothing from the manifest starts now and runs while it renders: discovery (the apply's first
        // step) and the list of every MutatingWebhookConfiguration (the injectors: default tag and webhook check).
        var discovery = _cluster.Connection.Discovery.PrefetchAsync(ct);
        var webhooksRead = DefaultRevisionTag.ReadWebhooksAsync(_cluster, ct);
        // istioctl install renders with the cluster's version (chart branches such as the HPA's apiVersion follow it).
        var kubernetesVersion = request.Manifest.KubernetesVersion ?? await _cluster.Connection.GetServerVersionAsync(ct).ConfigureAwait(false);
        _host.WriteVerbose($"Rendering for the cluster's Kubernetes {kubernetesVersion}");
        var manifest = ManifestGenerator.Generate(request.Manifest with { KubernetesVersion = kubernetesVersion }, steps, ct);
        var revision = manifest.Revision;
        var ns = manifest.ControlPlaneNamespace;
        progress.Report($"Rendered {manifest.Objects.Count} objects for revision {MeshLabels.RevisionValue(revision)}", 5);

        // Then what the manifest names: the namespace and the record it may hold (core paths, which need no discovery),
        // and, when it renders one, every ValidatingWebhookConfiguration (the apply's live state; the default tag's too).
        var nsRead = _cluster.Connection.GetOrNullAsync(CorePath(ns), ct);
        var recordRead = ReadRecordIfAsync(nsRead, ns, revision, ct);
        var manifestValidators = manifest.Objects.Where(o => o.Kind == "ValidatingWebhookConfiguration" && o.ApiVersion == "admissionregistration.k8s.io/v1").ToList();
        var validatingRead = manifestValidators.Count > 0 ? DefaultRevisionTag.ReadValidatingWebhooksAsync(_cluster, ct) : null;
        await Task.WhenAll(recordRead, webhooksRead, discovery, validatingRead ?? Task.CompletedTask).ConfigureAwait(false);
        var existing = recordRead.Result;
        var userOperator = manifest.UserIstioOperator;
        var reverted = existing == null ? Array.Empty<string>() : MeshConfigReverts.Find(existing, userOperator);
        foreach (var line in reverted)
            _host.WriteWarning($"Installing reverts a mesh config setting changed with Set-MeshConfig: {line}. Add it to your IstioOperator file (Export-MeshInstallation writes the current one) to keep it.");

        // A first install prunes nothing, so the validating configurations read above stay true for the default tag,
        // unless the manifest itself renders one the tag looks at.
        var validatingForTag = existing == null && validatingRead != null && !manifestValidators.Any(o => DefaultRevisionTag.LooksAtValidator(o.Name))
            ? validatingRead.Result : null;
        var defaultTag = DefaultRevisionTag.Detect(manifest, webhooksRead.Result, validatingForTag);
        // The record as last written before the apply (first install: the whole record, written ahead of the objects).
        InstallRecord? written = existing;
        var applyRequest = new ApplyRequest
        {
            Components = ToApplyComponents(manifest, defaultTag),
            ExistingMutatingWebhooks = defaultTag.MutatingWebhooks,
            ExistingValidatingWebhooks = validatingRead?.Result,
            NamespaceExists = nsRead.Result != null,
            // Discovery is read from here on (PrefetchAsync above): what it serves is the cluster as the install found it.
            DiscoveryCurrentSince = started,
            Revision = revision,
            // Recorded on the shared objects (CRDs): a newer release's are never taken back to this one (SharedObjectRelease).
            Release = manifest.IstioVersion,
            Namespace = ns,
            Force = request.Force,
            DryRun = request.DryRun,
            Timeout = request.Timeout,
            SkipWait = request.SkipWait,
            PollInterval = request.PollInterval,
            // Every revision has an injector (or a tag pointing at it): shared objects Base no longer renders go only when none is another's.
            PruneSharedObjects = !OtherRevisionInjectors(defaultTag.Injectors, revision),
            // Set-MeshConfig's patches of the mesh ConfigMap: the install owns them again (and warned above).
            TakeOverManagers = ["istio-operator", "helm", MeshConfigEditor.FieldManager],
            // What the revision's earlier installs applied: prune lists only the kinds it no longer renders. No record: a
            // first install, as every install writes its record (naming what it is about to apply) before the first object
            // with the revision's labels, so none exists: nothing to prune, and live state only where objects may be.
            // A record older than inventories (null): prune lists every kind once.
            PruneInventory = existing == null ? [] : existing.Inventory,
            SaveInventoryAsync = async (inventory, token) =>
            {
                var ahead = existing == null
                    ? NewRecord(manifest, request, null, anyReverted: false) with { Inventory = inventory }
                    : existing with { Inventory = inventory };
                await _cluster.ApplyAsync(ahead.ToConfigMap(), force: true, dryRun: false, token).ConfigureAwait(false);
                written = ahead;
            },
        };
        progress.Report($"Applying {applyRequest.Components.Count(c => c.Objects.Count > 0)} components", 10);
        var apply = await new ManifestApplier(_cluster.Connection).ApplyAsync(applyRequest, steps, ct).ConfigureAwait(false);

        InstallRecord? record = null;
        RevisionTagPlan? tagPlan = null;
        if (!request.DryRun)
        {
            progress.Report("Writing the install record", 95);
            record = NewRecord(manifest, request, existing, reverted.Count > 0) with { Inventory = apply.Inventory };
            // An unchanged re-install keeps the record as it was, so a second run changes no resourceVersion; a first
            // install wrote it ahead and writes it again only if the apply changed it (e.g. shared objects kept by prune).
            Task recordWrite = Task.CompletedTask;
            if (written == null || !written.SameInstallAs(record))
                recordWrite = _cluster.ApplyAsync(record.ToConfigMap(), force: true, dryRun: false, ct);
            else
                record = written;
            // istioctl 1.21+ no longer saves installed-state (1.21-1.23 delete an older one); the install record above is kept for every release.
            var installedState = manifest.WritesInstalledState ? WriteInstalledStateAsync(manifest, apply, ct)
                : manifest.DeletesInstalledState ? DeleteInstalledStateAsync(manifest, ct)
                : Task.CompletedTask;
            // The three are independent of one another (the tag's webhooks are written after every object of the
            // apply, as istioctl does), so they go together.
            var tag = defaultTag.ApplyAsync(_cluster, _host, ct);
            await Task.WhenAll(recordWrite, installedState, tag).ConfigureAwait(false);
            tagPlan = tag.Result;
        }
        progress.Complete(request.DryRun ? "Plan complete" : "Installation complete");

        var summary = manifest.Components.Where(c => c.Enabled && c.Objects.Count > 0).Select(c => c.Component).Distinct()
            .Select(c => $"{ComponentTitles.GetValueOrDefault(c, c)} {(request.DryRun ? "planned" : "installed")}")
            .ToList();
        // istioctl's own words for its automatic default tag.
        if (tagPlan != null) summary.Add("Made this installation the default for injection and validation.");
        else if (request.DryRun && defaultTag.PointsHere)
        {
            summary.Add("Would make this installation the default for injection and validation (revision tag 'default').");
            _host.WriteVerbose($"Plan: revision tag 'default' would point at revision '{defaultTag.Revision}', as istioctl install does on a cluster without a sidecar injector");
        }
        summary.Add(request.DryRun ? "Plan complete (nothing written)" : "Installation complete");
        return new InstallResult
        {
            Manifest = manifest, Apply = apply, Record = record, RevertedSettings = reverted, Summary = summary,
            DefaultTag = tagPlan, DefaultTagPlanned = request.DryRun && defaultTag.PointsHere,
        };
    }

    private static bool OtherRevisionInjectors(IReadOnlyList<JsonObject> injectors, string revision) =>
        injectors.Any(w => MeshLabels.RevisionValue(w.StringMap("metadata", "labels").GetValueOrDefault(MeshLabels.Revision)) != MeshLabels.RevisionValue(revision));

    private static InstallRecord NewRecord(GeneratedManifest manifest, InstallRequest request, InstallRecord? existing, bool anyReverted)
    {
        var userMesh = (manifest.UserIstioOperator.GetValueOrDefault("spec") as Dictionary<string, object?>)?.GetValueOrDefault("meshConfig") as Dictionary<string, object?>;
        // Set-MeshConfig changes the new input keeps stay recorded; the ones it reverts (warned above) are gone.
        var kept = existing?.MeshConfigChanges
            .Where(c => MeshConfigPaths.TryGet(userMesh, c.Key, out var value) && MeshConfigPaths.ValueEquals(c.Value, value))
            .ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) ?? new Dictionary<string, object?>(StringComparer.Ordinal);
        return new InstallRecord
        {
            Revision = manifest.Revision,
            Namespace = manifest.ControlPlaneNamespace,
            IstioOperator = manifest.UserIstioOperator,
            Profile = manifest.Profile,
            IstioVersion = IstioRelease.VersionOf(manifest),
            MeshOpsVersion = request.MeshOpsVersion,
            InstalledAt = DateTimeOffset.UtcNow,
            MeshConfigChanges = kept,
            MeshConfigChangedAt = anyReverted || kept.Count == 0 ? null : existing?.MeshConfigChangedAt,
        };
    }

    /// <summary>The control-plane namespace's core API path, or that of a ConfigMap in it.</summary>
    private static string CorePath(string ns, string? configMap = null) =>
        $"/api/v1/namespaces/{Uri.EscapeDataString(ns)}" + (configMap == null ? "" : $"/configmaps/{Uri.EscapeDataString(configMap)}");

    /// <summary>
    /// The install record of a revision, or null when MeshOps did not install it; read only when the namespace that
    /// would hold it exists.
    /// </summary>
    private async Task<InstallRecord?> ReadRecordIfAsync(Task<JsonObject?> nsRead, string ns, string revision, CancellationToken ct)
    {
        if (await nsRead.ConfigureAwait(false) == null) return null;
        var map = await _cluster.Connection.GetOrNullAsync(CorePath(ns, MeshLabels.InstallRecordName(revision)), ct).ConfigureAwait(false);
        return map == null ? null : InstallRecord.FromConfigMap(map);
    }

    /// <summary>
    /// One entry per component (gateways of one kind together, as istioctl applies them). An object rendered by two
    /// components (the base and istiod charts both make Role istiod-NS, which collides when the namespace and the
    /// revision share a name) is applied once, as the later component renders it: under istioctl the later apply wins.
    /// </summary>
    private List<KubeComponent> ToApplyComponents(GeneratedManifest manifest, DefaultRevisionTag defaultTag)
    {
        var groups = manifest.Components.GroupBy(c => c.Component, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Objects: g.Where(c => c.Enabled).SelectMany(c => c.Objects).ToList())).ToList();
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, objects) in groups)
        {
            foreach (var o in objects)
            {
                var key = o.Group + "/" + o.Key;
                if (owner.TryGetValue(key, out var earlier) && earlier != name)
                    _host.WriteWarning($"{o.Kind} {o.Namespace}/{o.Name} is rendered by both {earlier} and {name}; {name}'s copy is applied, as istioctl's later apply wins.");
                owner[key] = name;
            }
        }
        return groups.Select(g => new KubeComponent(g.Name, g.Objects.Where(o => owner[o.Group + "/" + o.Key] == g.Name)
                .Select(o => ToApplyObject(o, defaultTag)).ToList()))
            .ToList();
    }

    private static KubeObject ToApplyObject(Operator.ManifestObject rendered, DefaultRevisionTag defaultTag)
    {
        var obj = KubeObject.FromGoValues(rendered.Value, $"{rendered.Component} {rendered.Key}");
        if (obj.Kind != "MutatingWebhookConfiguration") return obj;
        var deactivated = defaultTag.PrepareOwnInjector(obj.CloneBody());
        return deactivated == null ? obj : KubeObject.FromJson(deactivated.ToJsonString(), obj.Source);
    }

    /// <summary>
    /// The installed-state IstioOperator istioctl 1.18 saves: merged spec, in metadata.namespace, with the
    /// ignoreReconcile annotation and no labels (FACTS.md section 1). Skipped, with a warning, where istioctl would fail.
    /// </summary>
    private async Task WriteInstalledStateAsync(GeneratedManifest manifest, ApplyResult apply, CancellationToken ct)
    {
        var iop = manifest.IstioOperator;
        var (ns, name) = InstalledStateKey(manifest);
        // The apply made sure of the control-plane namespace; another one is looked up.
        var ensured = apply.Objects.Any(o => o.Kind == "Namespace" && o.ApiVersion == "v1" && o.Name == ns);
        if (!ensured && await _cluster.GetAsync("v1", "Namespace", null, ns, ct).ConfigureAwait(false) == null)
        {
            _host.WriteWarning($"Namespace {ns} (metadata.namespace of the IstioOperator) does not exist, so the installed-state object was not saved there; istioctl would fail at this step. Create the namespace or pass -Namespace {ns}.");
            return;
        }
        if (!await _cluster.ServesAsync("install.istio.io/v1alpha1", "IstioOperator", ct).ConfigureAwait(false))
        {
            _host.WriteWarning("The IstioOperator CRD is not installed (Base was not part of this install), so no installed-state object was saved.");
            return;
        }
        var body = new JsonObject
        {
            ["apiVersion"] = "install.istio.io/v1alpha1",
            ["kind"] = "IstioOperator",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = JsonNode.Parse(GoJson.Serialize(iop.GetValueOrDefault("spec"))),
        };
        // kubectl's client-side apply annotation holds the object as applied, without the annotation itself.
        var lastApplied = body.ToJsonString();
        ((JsonObject)body["metadata"]!)["annotations"] = new JsonObject
        {
            [MeshLabels.IgnoreReconcile] = "true",
            [MeshLabels.LastAppliedConfiguration] = lastApplied,
        };
        await _cluster.ApplyAsync(body, force: true, dryRun: false, ct).ConfigureAwait(false);
        _host.WriteVerbose($"Saved IstioOperator {ns}/{name} (installed-state)");
    }

    /// <summary>
    /// istioctl 1.21 to 1.23 delete the installed-state an older istioctl saved for this IstioOperator (same name and
    /// namespace), so that nothing stale describes the revision; a missing object or CRD is nothing to do.
    /// </summary>
    private async Task DeleteInstalledStateAsync(GeneratedManifest manifest, CancellationToken ct)
    {
        var (ns, name) = InstalledStateKey(manifest);
        if (await _cluster.DeleteAsync("install.istio.io/v1alpha1", "IstioOperator", ns, name, false, ct).ConfigureAwait(false))
            _host.WriteVerbose($"Deleted IstioOperator {ns}/{name} (installed-state of an older istioctl; Istio {manifest.IstioVersion}'s istioctl deletes it)");
    }

    /// <summary>Where istioctl keeps the installed-state: metadata.namespace (else the control-plane namespace), installed-state[-name][-revision].</summary>
    private static (string Namespace, string Name) InstalledStateKey(GeneratedManifest manifest)
    {
        var metadata = manifest.IstioOperator.GetValueOrDefault("metadata") as Dictionary<string, object?>;
        var ns = metadata?.GetValueOrDefault("namespace") as string is { Length: > 0 } n ? n : manifest.ControlPlaneNamespace;
        return (ns, MeshLabels.InstalledStateName(metadata?.GetValueOrDefault("name") as string, manifest.Revision));
    }
}
