using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The IstioOperator that reproduces a revision as it runs now, for the user's git repository: MeshOps' record
/// (the user's file and -Set values) with Set-MeshConfig changes folded in; for revisions istioctl installed, the
/// installed-state spec as stored (fully merged: the profile's defaults are not subtracted, which installs the same).
/// </summary>
public static class MeshConfigExporter
{
    /// <exception cref="MeshException">RevisionNotFound, NothingToExport.</exception>
    public static async Task<string> ExportAsync(MeshCluster cluster, IMeshHost host, string revision, CancellationToken ct)
    {
        var info = await new RevisionReader(cluster, host).GetAsync(revision, ct).ConfigureAwait(false);
        if (info.Record is { } record) return GoYaml.Serialize(FromRecord(record));
        var state = await MeshConfigReader.FindInstalledStateAsync(cluster, info.Name, ct).ConfigureAwait(false)
            ?? throw new MeshException("NothingToExport", MeshErrorKind.ObjectNotFound,
                $"Revision {info.Name} has neither a MeshOps install record nor an installed-state IstioOperator, so its IstioOperator is unknown. Re-install it with Install-MeshControlPlane from your file.", info.Name);
        host.WriteWarning($"Revision {info.Name} was not installed by MeshOps; exporting the fully merged spec of {state.Str("metadata", "namespace")}/{state.Str("metadata", "name")} (profile defaults included).");
        var iop = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["apiVersion"] = "install.istio.io/v1alpha1",
            ["kind"] = "IstioOperator",
            ["metadata"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["namespace"] = state.Str("metadata", "namespace") },
            ["spec"] = GoJson.Parse(state["spec"]?.ToJsonString() ?? "{}"),
        };
        return GoYaml.Serialize(iop);
    }

    /// <summary>The record's IstioOperator with every Set-MeshConfig change applied under spec.meshConfig.</summary>
    internal static Dictionary<string, object?> FromRecord(InstallRecord record)
    {
        var iop = TreeOps.CloneMap(record.IstioOperator);
        if (record.MeshConfigChanges.Count == 0) return iop;
        if (iop.GetValueOrDefault("spec") is not Dictionary<string, object?> spec) iop["spec"] = spec = TreeOps.NewMap();
        if (spec.GetValueOrDefault("meshConfig") is not Dictionary<string, object?> mesh) spec["meshConfig"] = mesh = TreeOps.NewMap();
        foreach (var (path, value) in record.MeshConfigChanges)
        {
            if (value == null) MeshConfigPaths.Remove(mesh, path);
            else MeshConfigPaths.Set(mesh, path, TreeOps.Clone(value));
        }
        return iop;
    }
}
