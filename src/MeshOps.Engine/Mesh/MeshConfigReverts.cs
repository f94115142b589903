namespace MeshOps.Engine.Mesh;

/// <summary>Which Set-MeshConfig changes a new install would undo.</summary>
internal static class MeshConfigReverts
{
    /// <summary>One line per reverted setting: "meshConfig.PATH: set to X by Set-MeshConfig, the install sets Y".</summary>
    public static IReadOnlyList<string> Find(InstallRecord existing, Dictionary<string, object?> newUserOperator)
    {
        var lines = new List<string>();
        var newMesh = (newUserOperator.GetValueOrDefault("spec") as Dictionary<string, object?>)?.GetValueOrDefault("meshConfig") as Dictionary<string, object?>;
        foreach (var (path, value) in existing.MeshConfigChanges.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var found = MeshConfigPaths.TryGet(newMesh, path, out var newValue);
            if (found && MeshConfigPaths.ValueEquals(value, newValue)) continue;
            lines.Add($"meshConfig.{path}: set to {MeshConfigPaths.Display(value)} by Set-MeshConfig, the install sets {(found ? MeshConfigPaths.Display(newValue) : "the profile's default")}");
        }
        return lines;
    }
}
