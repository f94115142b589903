using System.Net.Http;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Changes mesh settings of a running revision where istiod reads them: the `mesh` key of ConfigMap istio-REV, edited
/// in place (every key the chart wrote stays, FACTS.md section 2) and written with one merge patch guarded by the
/// resourceVersion read. MeshOps' install record follows, so a later install warns before reverting; the installed-state
/// IstioOperator follows too, so it keeps describing the cluster. A revision without a record (installed by istioctl)
/// gets no record: its live ConfigMap is the base, and Export-MeshInstallation reads installed-state for it.
/// </summary>
public sealed class MeshConfigEditor
{
    /// <summary>The field manager of the ConfigMap patch; installs take its fields over (ControlPlaneInstaller).</summary>
    public const string FieldManager = "meshops-mesh-config";

    private readonly MeshCluster _cluster;
    private readonly IMeshHost _host;

    public MeshConfigEditor(MeshCluster cluster, IMeshHost host)
    {
        _cluster = cluster;
        _host = host;
    }

    /// <exception cref="MeshException">InvalidMeshConfigSetting, RevisionNotFound, MeshConfigMapNotFound, InvalidLiveMeshConfig, MeshConfigChanged, KubeApiError.</exception>
    public async Task<MeshConfigUpdateResult> SetAsync(MeshConfigUpdate update, CancellationToken ct)
    {
        // The revision's release decides which fields and values are valid, so it is read (GETs only) before the
        // settings are checked; nothing is written until they pass.
        var revision = await new RevisionReader(_cluster, _host).GetAsync(update.Revision, ct).ConfigureAwait(false);
        var (schema, release, guess) = MeshConfigRelease.For(revision);
        var warnings = new List<string>();
        if (guess != null) warnings.Add(guess);
        warnings.AddRange(MeshConfigSettings.Validate(update.Settings, schema, release));
        var live = await MeshConfigReader.ReadLiveAsync(_cluster, revision, ct).ConfigureAwait(false);
        var mesh = live.Mesh;
        var edits = Apply(mesh, update.Settings);

        var changed = edits.Where(e => e.Changed).ToList();
        var pods = changed.Count == 0 ? new List<JsonObject>() : await InjectedPodsAsync(revision.Name, ct).ConfigureAwait(false);
        var changes = edits.Select(e =>
        {
            var (effect, note) = MeshConfigEffects.Classify(e.Path, e.OldValue, e.NewValue);
            var affected = !e.Changed || effect == MeshConfigTakesEffect.Immediate ? new List<string>()
                : pods.Where(p => MeshConfigPods.Differs(p, e.Path, e.NewValue, mesh)).Select(MeshConfigPods.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
            return new MeshConfigChangeInfo
            {
                Revision = revision.Name, Path = e.Path, OldValue = e.OldValue, NewValue = e.NewValue, Changed = e.Changed,
                TakesEffect = effect, Note = note, AffectedPods = affected,
            };
        }).ToList();

        var recordUpdated = false;
        var restarted = new List<string>();
        if (!update.DryRun && changed.Count > 0)
        {
            await WriteConfigMapAsync(live, mesh, ct).ConfigureAwait(false);
            if (revision.Record != null)
            {
                await WriteRecordAsync(revision.Record, changed, ct).ConfigureAwait(false);
                recordUpdated = true;
            }
            await UpdateInstalledStateAsync(revision.Name, changed, ct).ConfigureAwait(false);
        }
        if (!update.DryRun && update.RestartWorkloads)
        {
            var affected = new HashSet<string>(changes.SelectMany(c => c.AffectedPods), StringComparer.Ordinal);
            restarted.AddRange(await new MeshConfigRestarter(_cluster, _host).RestartOwnersAsync(pods.Where(p => affected.Contains(MeshConfigPods.Key(p))), ct).ConfigureAwait(false));
        }
        return new MeshConfigUpdateResult
        {
            Revision = revision.Name, Namespace = revision.Namespace, Changes = changes, RecordUpdated = recordUpdated, RestartedWorkloads = restarted,
            Warnings = warnings,
        };
    }

    /// <summary>One edit of a mesh tree: where, what it was, what it becomes, and whether that differs.</summary>
    internal sealed record Edit(string Path, object? OldValue, object? NewValue, bool Changed);

    /// <summary>Sets each path in <paramref name="mesh"/> (null removes), leaving every other key as it was.</summary>
    internal static List<Edit> Apply(Dictionary<string, object?> mesh, IReadOnlyList<KeyValuePair<string, object?>> settings)
    {
        // A path given twice: the later value wins, reported once.
        var last = new Dictionary<string, object?>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var (path, value) in settings)
        {
            if (!last.ContainsKey(path)) order.Add(path);
            last[path] = value;
        }
        var edits = new List<Edit>();
        foreach (var path in order)
        {
            var value = last[path];
            var found = MeshConfigPaths.TryGet(mesh, path, out var old);
            var same = value == null ? !found : found && SameValue(old, value);
            if (!same)
            {
                if (value == null) MeshConfigPaths.Remove(mesh, path);
                else MeshConfigPaths.Set(mesh, path, value);
            }
            edits.Add(new Edit(path, found ? old : null, value, !same));
        }
        return edits;
    }

    /// <summary>Equal as istiod would read them: numbers by value, but a bool is not the string "false".</summary>
    internal static bool SameValue(object? a, object? b) =>
        (a is string) == (b is string) && MeshConfigPaths.ValueEquals(a, b);

    private async Task WriteConfigMapAsync(LiveMeshConfig live, Dictionary<string, object?> mesh, CancellationToken ct)
    {
        var text = GoYaml.Serialize(mesh);
        // Keep the original's trailing-newline style (the chart trims it) so only changed lines differ.
        if (!live.Text.EndsWith('\n')) text = text.TrimEnd('\n');
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = live.ResourceVersion },
            ["data"] = new JsonObject { ["mesh"] = text },
        };
        var path = $"/api/v1/namespaces/{Uri.EscapeDataString(live.Namespace)}/configmaps/{Uri.EscapeDataString(live.ConfigMapName)}?fieldManager={FieldManager}";
        try
        {
            await _cluster.Connection.SendAsync(HttpMethod.Patch, path, patch.ToJsonString(), "application/merge-patch+json", ct).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            throw new MeshException("MeshConfigChanged", MeshErrorKind.InvalidOperation,
                $"ConfigMap {live.Namespace}/{live.ConfigMapName} changed while Set-MeshConfig was editing it; nothing was written. Run the command again.", live.ConfigMapName);
        }
        _host.WriteVerbose($"Updated key mesh of ConfigMap {live.Namespace}/{live.ConfigMapName}");
    }

    private async Task WriteRecordAsync(InstallRecord record, List<Edit> changed, CancellationToken ct)
    {
        var iop = (Dictionary<string, object?>)TreeOps.Clone(record.IstioOperator)!;
        if (iop.GetValueOrDefault("spec") is not Dictionary<string, object?> spec) iop["spec"] = spec = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (spec.GetValueOrDefault("meshConfig") is not Dictionary<string, object?> meshConfig) spec["meshConfig"] = meshConfig = new Dictionary<string, object?>(StringComparer.Ordinal);
        var changes = new Dictionary<string, object?>(record.MeshConfigChanges, StringComparer.Ordinal);
        foreach (var edit in changed)
        {
            if (edit.NewValue == null) MeshConfigPaths.Remove(meshConfig, edit.Path);
            else MeshConfigPaths.Set(meshConfig, edit.Path, TreeOps.Clone(edit.NewValue));
            changes[edit.Path] = edit.NewValue;
        }
        var updated = record with { IstioOperator = iop, MeshConfigChanges = changes, MeshConfigChangedAt = DateTimeOffset.UtcNow };
        await _cluster.ApplyAsync(updated.ToConfigMap(), force: true, dryRun: false, ct).ConfigureAwait(false);
        _host.WriteVerbose($"Updated install record {record.Namespace}/{MeshLabels.InstallRecordName(record.Revision)}");
    }

    /// <summary>Keeps installed-state's spec.meshConfig describing the cluster, path by path, with one merge patch.</summary>
    private async Task UpdateInstalledStateAsync(string revision, List<Edit> changed, CancellationToken ct)
    {
        var state = await MeshConfigReader.FindInstalledStateAsync(_cluster, revision, ct).ConfigureAwait(false);
        if (state == null) return;
        var meshPatch = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var edit in changed) MeshConfigPaths.Set(meshPatch, edit.Path, edit.NewValue);
        var patch = new JsonObject { ["spec"] = new JsonObject { ["meshConfig"] = JsonNode.Parse(GoJson.Serialize(meshPatch)) } };
        var ns = state.Str("metadata", "namespace")!;
        var name = state.Str("metadata", "name")!;
        await _cluster.Connection.SendAsync(HttpMethod.Patch,
            $"/apis/install.istio.io/v1alpha1/namespaces/{Uri.EscapeDataString(ns)}/istiooperators/{Uri.EscapeDataString(name)}?fieldManager={FieldManager}",
            patch.ToJsonString(), "application/merge-patch+json", ct).ConfigureAwait(false);
        _host.WriteVerbose($"Updated spec.meshConfig of IstioOperator {ns}/{name} (installed-state)");
    }

    private async Task<List<JsonObject>> InjectedPodsAsync(string revision, CancellationToken ct) =>
        (await _cluster.ListAsync("v1", "Pod", null, null, ct).ConfigureAwait(false))
            .Where(p => RevisionReader.InjectedRevision(p) == revision).ToList();
}
