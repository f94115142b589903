using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Operator;

/// <summary>How a field merges under strategic merge patch (k8s.io/apimachinery strategicpatch).</summary>
internal readonly record struct MergeRule(string? MergeKey, bool MergePrimitives, bool Replace)
{
    public static readonly MergeRule Default = new(null, false, false);
    public static MergeRule Keyed(string key) => new(key, false, false);
    public static readonly MergeRule PrimitiveSet = new(null, true, false);
    public static readonly MergeRule ReplaceWhole = new(null, false, true);
}

/// <summary>The patch metadata of a type: the rule for a field given the path of keys leading to it (list items add no element).</summary>
internal interface IMergeSchema
{
    MergeRule RuleFor(IReadOnlyList<string> fieldPath);
}

/// <summary>
/// Strategic merge patch of two untyped trees, as strategicpatch.StrategicMergePatch does with a Go struct
/// schema: maps merge, null deletes, keyed lists merge item by item, scalar lists with "merge" become a set,
/// other lists and "replace" fields are replaced. Merged lists keep the order apimachinery gives them
/// (normalizeElementOrder): items of the original in their order, new patch items before the first
/// original item that does not appear in the patch after them.
/// </summary>
internal static class StrategicMerge
{
    public static Dictionary<string, object?> Merge(Dictionary<string, object?> original, Dictionary<string, object?> patch, IMergeSchema schema) =>
        MergeMap(TreeOps.CloneMap(original), patch, schema, new List<string>());

    private static Dictionary<string, object?> MergeMap(Dictionary<string, object?> original, Dictionary<string, object?> patch, IMergeSchema schema, List<string> path)
    {
        using var nesting = NestingGuard.Enter();
        foreach (var (key, patchValue) in patch)
        {
            if (key.StartsWith('$')) continue; // directives ($patch, $setElementOrder) are not produced by istioctl's inputs
            if (patchValue == null)
            {
                original.Remove(key);
                continue;
            }
            path.Add(key);
            var rule = schema.RuleFor(path);
            original.TryGetValue(key, out var originalValue);
            if (rule.Replace || originalValue == null)
            {
                original[key] = StripNulls(TreeOps.Clone(patchValue));
            }
            else if (patchValue is Dictionary<string, object?> pm && originalValue is Dictionary<string, object?> om)
            {
                original[key] = MergeMap(om, pm, schema, path);
            }
            else if (patchValue is List<object?> pl && originalValue is List<object?> ol)
            {
                original[key] = MergeList(ol, pl, rule, schema, path);
            }
            else
            {
                original[key] = StripNulls(TreeOps.Clone(patchValue));
            }
            path.RemoveAt(path.Count - 1);
        }
        return original;
    }

    // A value copied in from the patch carries no deletions into the result.
    private static object? StripNulls(object? value)
    {
        if (value is Dictionary<string, object?> m)
        {
            using var nesting = NestingGuard.Enter();
            foreach (var k in m.Where(e => e.Value == null).Select(e => e.Key).ToList()) m.Remove(k);
            foreach (var k in m.Keys.ToList()) m[k] = StripNulls(m[k]);
        }
        return value;
    }

    private static List<object?> MergeList(List<object?> original, List<object?> patch, MergeRule rule, IMergeSchema schema, List<string> path)
    {
        if (rule.MergeKey == null && !rule.MergePrimitives) return (List<object?>)TreeOps.Clone(patch)!;
        if (original.Count == 0 && patch.Count == 0) return original;

        List<object?> merged;
        Func<object?, string?> identity;
        if (rule.MergeKey == null || !original.Concat(patch).All(i => i is Dictionary<string, object?>))
        {
            identity = item => item is Dictionary<string, object?> or List<object?> ? null : GoText.Sprint(item) + "\u0000" + GoText.TypeName(item);
            merged = new List<object?>();
            var seen = new HashSet<string>();
            foreach (var item in original.Concat(patch))
            {
                var id = identity(item);
                if (id == null || seen.Add(id)) merged.Add(TreeOps.Clone(item));
            }
        }
        else
        {
            var key = rule.MergeKey;
            identity = item => item is Dictionary<string, object?> m && m.TryGetValue(key, out var v) ? GoText.Sprint(v) : null;
            merged = original.Select(TreeOps.Clone).ToList();
            foreach (var patchItem in patch)
            {
                var id = identity(patchItem);
                var index = id == null ? -1 : merged.FindIndex(o => identity(o) == id);
                if (index >= 0)
                    merged[index] = MergeMap((Dictionary<string, object?>)merged[index]!, (Dictionary<string, object?>)patchItem!, schema, path);
                else
                    merged.Add(StripNulls(TreeOps.Clone(patchItem)));
            }
        }
        return NormalizeOrder(merged, patch, original, identity);
    }

    private static List<object?> NormalizeOrder(List<object?> merged, List<object?> patch, List<object?> original, Func<object?, string?> identity)
    {
        int IndexIn(List<object?> list, object? item)
        {
            var id = identity(item);
            if (id == null) return -1;
            return list.FindIndex(o => identity(o) == id);
        }

        var patchIds = new HashSet<string?>(patch.Select(identity));
        var patchItems = merged.Where(m => patchIds.Contains(identity(m))).OrderBy(m => IndexIn(patch, m)).ToList();
        var serverOnly = merged.Where(m => !patchIds.Contains(identity(m))).OrderBy(m => IndexIn(original, m)).ToList();
        var result = new List<object?>(merged.Count);
        int i = 0, j = 0;
        while (i < serverOnly.Count || j < patchItems.Count)
        {
            if (j >= patchItems.Count) { result.Add(serverOnly[i++]); continue; }
            if (i >= serverOnly.Count) { result.Add(patchItems[j++]); continue; }
            var li = IndexIn(original, serverOnly[i]);
            var ri = IndexIn(original, patchItems[j]);
            if (li >= 0 && ri >= 0 && li < ri) result.Add(serverOnly[i++]);
            else result.Add(patchItems[j++]);
        }
        return result;
    }
}
