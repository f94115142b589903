using System.Collections;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// dario.cat/mergo's Merge and MergeWithOverwrite for map[string]interface{} (what Sprig's merge family calls).
/// Maps merge deeply and in place; without overwrite a key is only filled when the destination's value is absent or
/// empty; with overwrite every source value replaces the destination's, except that a non-empty destination map is
/// merged into rather than replaced by a source map. Slices are never merged element-wise.
/// <see cref="MergoCompatibility.V0_3_5"/> gives the older rules istioctl 1.18.5 renders with.
/// </summary>
internal static class Mergo
{
    public static void Merge(Dictionary<string, object?> dst, Dictionary<string, object?> src, bool overwrite,
        MergoCompatibility compatibility = MergoCompatibility.Current, int depth = 0)
    {
        // Merging a map into itself recurses until the depth limit; merging a map nested into itself twice per
        // level visits it 2^n times, until the walk budget.
        using var nesting = NestingGuard.Enter();
        var legacy = compatibility == MergoCompatibility.V0_3_5;
        foreach (var (key, srcValue) in src)
        {
            var dstHas = dst.TryGetValue(key, out var dstValue);
            if (srcValue == null)
            {
                // v0.3.5 skips every nil source element; later releases overwrite with it.
                if (overwrite && !legacy) dst[key] = null;
                continue;
            }
            if (legacy && dstHas && srcValue is Dictionary<string, object?> legacySrcMap)
            {
                // v0.3.5 recurses into the destination (a no-op unless it is a map) and then always keeps it.
                if (dstValue is Dictionary<string, object?> legacyDstMap) Merge(legacyDstMap, legacySrcMap, overwrite, compatibility, depth + 1);
                continue;
            }
            if (srcValue is Dictionary<string, object?> srcMap && dstValue is Dictionary<string, object?> dstMap)
            {
                Merge(dstMap, srcMap, overwrite, compatibility, depth + 1);
                // A non-empty destination map keeps its identity; an empty one is replaced below.
                if (dstMap.Count > 0 && !ReferenceEquals(dstMap, srcMap)) continue;
            }
            if (dstHas && !SprigCast.Empty(dstValue))
            {
                if (srcValue is IList && srcValue is not IDictionary && !overwrite) continue;
                if (srcValue is IDictionary && dstValue is IDictionary) continue;
            }
            if (overwrite || !dstHas || SprigCast.Empty(dstValue)) dst[key] = srcValue;
        }
    }
}
