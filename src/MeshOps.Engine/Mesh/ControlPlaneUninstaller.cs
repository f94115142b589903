using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using KubeComponent = MeshOps.Engine.Kube.ComponentManifest;

namespace MeshOps.Engine.Mesh;

/// <summary>What to remove, and how carefully.</summary>
public sealed record UninstallRequest
{
    /// <summary>The revision ("default" for the unnamed one).</summary>
    public required string Revision { get; init; }
    /// <summary>Remove it even while namespaces select it or pods run its sidecars.</summary>
    public bool Force { get; init; }
    /// <summary>Also remove the CRDs and cluster-wide Base objects, when no other revision remains.</summary>
    public bool Purge { get; init; }
    public bool DryRun { get; init; }
}

/// <summary>
/// Removes one revision's objects (everything MeshOps applied for it), its revision tags, its install record and
/// installed-state, refusing while it is in use. Objects shared by every revision (<see cref="OwnershipLabels.IsShared(string?, string?)"/>:
/// the Base component's CRDs, cluster roles and service accounts) stay unless this is the last revision and -Purge is given.
/// </summary>
public sealed class ControlPlaneUninstaller
{
    private static readonly string[] AllComponents = { OwnershipLabels.SharedComponent, "Pilot", "Cni", "IstiodRemote", "Ztunnel", "IngressGateways", "EgressGateways" };

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public ControlPlaneUninstaller(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    public async Task<ApplyResult> UninstallAsync(UninstallRequest request, CancellationToken ct)
    {
        // One bar for the uninstall; the prune (kind by kind) nests under it.
        using var progress = new ProgressActivity(_host, ProgressIds.Uninstall, $"{(request.DryRun ? "Planning the removal of" : "Removing")} revision {request.Revision}");
        progress.Report("Reading the revisions", 0);
        var reader = new RevisionReader(_cluster, _host);
        var all = await reader.ListAsync(ct).ConfigureAwait(false);
        var revision = all.FirstOrDefault(r => r.Name == request.Revision)
            ?? throw new MeshException("RevisionNotFound", MeshErrorKind.ObjectNotFound,
                $"No control-plane revision named '{request.Revision}' in the cluster (tags are not accepted here: name the revision). Revisions there: " +
                (all.Count == 0 ? "none" : string.Join(", ", all.Select(r => r.Name))) + ".", request.Revision);

        if (!request.Force && (revision.Namespaces.Count > 0 || revision.SidecarPods > 0))
        {
            throw new MeshException("RevisionInUse", MeshErrorKind.InvalidOperation,
                $"Revision '{revision.Name}' is still in use: {revision.Namespaces.Count} namespace(s) select it ({string.Join(", ", revision.Namespaces.Take(10))}) " +
                $"and {revision.SidecarPods} pod(s) run its sidecars. Move them to another revision (Enable-MeshInjection -Revision <other>) and restart them, " +
                "or pass -Force to remove it anyway.", revision.Name);
        }
        if (revision.Installer != Installer.MeshOps)
            _host.WriteWarning($"Revision '{revision.Name}' was installed by {revision.Installer}; only objects MeshOps labelled are removed.");

        var others = all.Where(r => r.Name != revision.Name).ToList();
        // Every component is pruned; which of Base's objects go is the one shared-object rule's to say
        // (OwnershipLabels.IsShared): shared ones only with -Purge on the last revision.
        var purgeShared = request.Purge && others.Count == 0;
        if (request.Purge && others.Count > 0)
            _host.WriteWarning($"-Purge keeps the CRDs and cluster-wide objects: revision(s) {string.Join(", ", others.Select(r => r.Name))} still use them.");

        // Read before the prune: -Purge on the last revision deletes the IstioOperator CRD, and with it the kind.
        var states = request.DryRun ? [] : await InstalledStatesAsync(revision.Name, ct).ConfigureAwait(false);

        // An empty component tells the applier to prune everything MeshOps applied under it for this revision.
        progress.Report("Pruning the revision's objects", 10);
        var result = await new ManifestApplier(_cluster.Connection).ApplyAsync(new ApplyRequest
        {
            Components = AllComponents.Select(c => new KubeComponent(c, Array.Empty<Kube.ManifestObject>())).ToList(),
            Revision = revision.Name == "default" ? "" : revision.Name,
            Namespace = revision.Namespace,
            DryRun = request.DryRun,
            SkipWait = true,
            Prune = true,
            PruneCustomResourceDefinitions = purgeShared,
            PruneSharedObjects = purgeShared,
        }, new NestedProgressHost(_host, progress.Id), ct).ConfigureAwait(false);

        if (revision.Tags.Count > 0) progress.Report($"Removing revision tags {string.Join(", ", revision.Tags)}", 80);
        var tagOutcomes = await RemoveTagsAsync(revision, request.DryRun, ct).ConfigureAwait(false);
        if (tagOutcomes.Count > 0) result = result with { Objects = result.Objects.Concat(tagOutcomes).ToList() };

        if (!request.DryRun)
        {
            progress.Report("Removing the install record", 90);
            await _cluster.DeleteAsync("v1", "ConfigMap", revision.Namespace, MeshLabels.InstallRecordName(revision.Name), false, ct).ConfigureAwait(false);
            // Gone already when the CRD was purged: the delete then finds nothing.
            foreach (var state in states)
                await _cluster.DeleteAsync("install.istio.io/v1alpha1", "IstioOperator", state.Str("metadata", "namespace"), state.Str("metadata", "name")!, false, ct).ConfigureAwait(false);
        }
        progress.Complete($"{result.Pruned} objects {(request.DryRun ? "to remove" : "removed")}");
        return result;
    }

    /// <summary>The installed-state IstioOperators istioctl (and MeshOps) saved for the revision.</summary>
    private async Task<List<JsonObject>> InstalledStatesAsync(string revision, CancellationToken ct) =>
        (await _cluster.ListAsync("install.istio.io/v1alpha1", "IstioOperator", null, null, ct).ConfigureAwait(false))
            .Where(s => MeshLabels.RevisionValue(s.Str("spec", "revision")) == revision && s.Str("metadata", "name")?.StartsWith("installed-state", StringComparison.Ordinal) == true)
            .ToList();

    /// <summary>
    /// The revision's tags go with it: left behind, their webhooks would send pods to an istiod that no longer exists
    /// (and fail their creation). The in-use check above already counted the namespaces that use the tags.
    /// </summary>
    private async Task<List<ObjectOutcome>> RemoveTagsAsync(RevisionInfo revision, bool dryRun, CancellationToken ct)
    {
        var outcomes = new List<ObjectOutcome>();
        var tags = new RevisionTagManager(_cluster, _host);
        foreach (var tag in revision.Tags)
        {
            var plan = await tags.PlanRemoveAsync(tag, force: true, ct).ConfigureAwait(false);
            if (!dryRun) await tags.ExecuteAsync(plan, ct).ConfigureAwait(false);
            outcomes.AddRange(plan.Changes.Select(c => new ObjectOutcome("RevisionTags", c.ApiVersion, c.Kind, c.Namespace, c.Name, ApplyAction.Prune, [], [])));
        }
        return outcomes;
    }
}
