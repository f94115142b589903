namespace MeshOps.Engine.Operator;

/// <summary>
/// istioctl 1.24+'s values.Map.MergeFrom: maps merge key by key, anything else (lists included, and null) replaces.
/// It is how that family lays profiles, files and --set over one another, where the older translator used
/// strategic merge (gateways by name).
/// </summary>
internal static class MapMerge
{
    /// <summary>Merges <paramref name="overlay"/> into <paramref name="target"/> (modified) and returns it.</summary>
    public static Dictionary<string, object?> Into(Dictionary<string, object?> target, Dictionary<string, object?>? overlay)
    {
        if (overlay == null) return target;
        foreach (var (key, value) in overlay)
        {
            if (value is Dictionary<string, object?> map && target.GetValueOrDefault(key) is Dictionary<string, object?> existing)
            {
                Into(existing, map);
                continue;
            }
            target[key] = TreeOps.Clone(value);
        }
        return target;
    }
}
