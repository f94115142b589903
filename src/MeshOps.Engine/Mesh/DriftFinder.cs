using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Compares what describes a revision's mesh config (installed-state, the install record) with what istiod reads
/// (ConfigMap istio-REV, key mesh). Only settings the description sets are compared, because the chart adds its own
/// (discoveryAddress, rootNamespace, trustDomain, defaultProviders, tracing); values compare as istiod reads them, so
/// 15020 equals 15020.0 and an empty map equals an absent one.
/// </summary>
public static class DriftFinder
{
    /// <summary>The seed's pitfall: installed-state edited by hand, which nothing applies.</summary>
    public const string InstalledStateMessage = "not applied: nothing reconciles installed-state; run Set-MeshConfig or Install-MeshControlPlane";

    public const string RecordMessage = "changed outside MeshOps: the live mesh config differs from the install record; run Set-MeshConfig to choose one value, or Install-MeshControlPlane to restore the record's";

    /// <summary>The status of one revision, or of every revision when <paramref name="revision"/> is null.</summary>
    public static async Task<IReadOnlyList<MeshConfigStatusInfo>> ReadAsync(MeshCluster cluster, IMeshHost host, string? revision, CancellationToken ct)
    {
        var reader = new RevisionReader(cluster, host);
        var revisions = revision == null ? await reader.ListAsync(ct).ConfigureAwait(false)
            : new[] { await reader.GetAsync(revision, ct).ConfigureAwait(false) };
        var result = new List<MeshConfigStatusInfo>();
        foreach (var info in revisions) result.Add(await ReadOneAsync(cluster, info, ct).ConfigureAwait(false));
        return result;
    }

    private static async Task<MeshConfigStatusInfo> ReadOneAsync(MeshCluster cluster, RevisionInfo revision, CancellationToken ct)
    {
        var live = await MeshConfigReader.ReadLiveAsync(cluster, revision, ct).ConfigureAwait(false);
        var drift = new List<MeshConfigDriftInfo>();
        string? recordName = null;
        if (revision.Record is { } record)
        {
            recordName = $"{record.Namespace}/{MeshLabels.InstallRecordName(record.Revision)}";
            drift.AddRange(Compare(revision.Name, DriftSource.InstallRecord, recordName, record.MeshConfig, live.Mesh, RecordMessage));
        }
        var state = await MeshConfigReader.FindInstalledStateAsync(cluster, revision.Name, ct).ConfigureAwait(false);
        string? stateName = null;
        Dictionary<string, object?>? stateMesh = null;
        if (state != null)
        {
            stateName = $"{state.Str("metadata", "namespace")}/{state.Str("metadata", "name")}";
            stateMesh = MeshConfigReader.SpecMeshConfig(state);
            drift.AddRange(Compare(revision.Name, DriftSource.InstalledState, stateName, stateMesh, live.Mesh, InstalledStateMessage));
        }
        return new MeshConfigStatusInfo
        {
            Revision = revision.Name,
            Namespace = revision.Namespace,
            ConfigMapName = live.ConfigMapName,
            Mesh = live.Mesh,
            Yaml = live.Text,
            Installer = revision.Installer,
            InstalledState = stateName,
            InstallRecord = recordName,
            Drift = drift,
            ChangedSettings = MeshConfigChoices.ChangedSettings(revision.Record, stateMesh),
        };
    }

    /// <summary>Each leaf <paramref name="described"/> sets that the live config does not hold with the same value.</summary>
    public static List<MeshConfigDriftInfo> Compare(string revision, DriftSource source, string sourceName,
        Dictionary<string, object?> described, Dictionary<string, object?> live, string message)
    {
        var drift = new List<MeshConfigDriftInfo>();
        foreach (var (path, value) in MeshConfigSettings.Flatten(described))
        {
            var found = MeshConfigPaths.TryGet(live, path, out var liveValue);
            if (IsEmpty(value) && (!found || IsEmpty(liveValue))) continue;
            if (found && MeshConfigPaths.ValueEquals(value, liveValue)) continue;
            drift.Add(new MeshConfigDriftInfo
            {
                Revision = revision, Path = path, Source = source, SourceName = sourceName,
                SourceValue = value, LiveValue = found ? liveValue : null, LiveSet = found, Message = message,
            });
        }
        return drift;
    }

    private static bool IsEmpty(object? value) => value is null || value is Dictionary<string, object?> { Count: 0 } || value is List<object?> { Count: 0 };
}
