namespace MeshOps.Engine.Mesh;

/// <summary>
/// Which mesh settings of a revision the user chose rather than the release's defaults. The live ConfigMap cannot
/// tell (the chart writes its own keys and the profile's next to the user's), so the answer comes from what
/// describes the install: MeshOps' record, else istioctl's installed-state.
/// </summary>
public static class MeshConfigChoices
{
    /// <summary>
    /// Dotted leaf paths under meshConfig, sorted (ordinal). With an install record: the leaves of the user's
    /// spec.meshConfig and spec.values.meshConfig plus every path Set-MeshConfig recorded. Without one: the leaves of
    /// installed-state's spec.meshConfig, which istioctl stores merged with the profile's, so those count too. Neither:
    /// empty. Null, empty-map and empty-list leaves set nothing istiod would not default to, and are left out.
    /// </summary>
    public static IReadOnlyList<string> ChangedSettings(InstallRecord? record, Dictionary<string, object?>? installedStateMesh)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (record != null)
        {
            AddLeaves(paths, record.MeshConfig);
            AddLeaves(paths, ValuesMeshConfig(record.IstioOperator));
            // Removals included: Set-MeshConfig recorded them as choices (the record keeps them after a re-install).
            paths.UnionWith(record.MeshConfigChanges.Keys);
        }
        else if (installedStateMesh != null) AddLeaves(paths, installedStateMesh);
        return paths.ToArray();
    }

    private static void AddLeaves(SortedSet<string> paths, Dictionary<string, object?>? tree)
    {
        if (tree == null) return;
        foreach (var (path, value) in MeshConfigSettings.Flatten(tree))
            if (value is not (null or Dictionary<string, object?> { Count: 0 } or List<object?> { Count: 0 })) paths.Add(path);
    }

    /// <summary>spec.values.meshConfig of an IstioOperator (the Helm-values way to set it), or null.</summary>
    private static Dictionary<string, object?>? ValuesMeshConfig(Dictionary<string, object?> istioOperator) =>
        ((istioOperator.GetValueOrDefault("spec") as Dictionary<string, object?>)?.GetValueOrDefault("values") as Dictionary<string, object?>)
            ?.GetValueOrDefault("meshConfig") as Dictionary<string, object?>;
}
