using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Operator;

/// <summary>RFC 7386 JSON merge patch (evanphx/json-patch MergePatch), which istioctl's OverlayYAML uses.</summary>
internal static class JsonMergePatch
{
    /// <summary>Applies <paramref name="patch"/> onto <paramref name="target"/> (modified in place when a map) and returns the result.</summary>
    public static object? Apply(object? target, object? patch)
    {
        if (patch is not Dictionary<string, object?> p) return TreeOps.Clone(patch);
        using var nesting = NestingGuard.Enter();
        var t = target as Dictionary<string, object?> ?? TreeOps.NewMap();
        foreach (var (key, value) in p)
        {
            if (value == null)
            {
                t.Remove(key);
                continue;
            }
            t.TryGetValue(key, out var existing);
            t[key] = value is Dictionary<string, object?> ? Apply(existing, value) : TreeOps.Clone(value);
        }
        return t;
    }

    /// <summary>Overlay of several trees onto a copy of <paramref name="baseTree"/> (util.OverlayTrees).</summary>
    public static Dictionary<string, object?> Overlay(Dictionary<string, object?> baseTree, params Dictionary<string, object?>?[] overlays)
    {
        var result = TreeOps.CloneMap(baseTree);
        foreach (var o in overlays)
        {
            if (o == null || o.Count == 0) continue;
            result = (Dictionary<string, object?>)Apply(result, o)!;
        }
        return result;
    }
}
