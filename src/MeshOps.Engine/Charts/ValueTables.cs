using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Helm's value-table operations (pkg/chart/common/util/coalesce.go, loader.MergeMaps, Values.Table/PathValue) on the
/// engine's value model. Dictionaries are Go maps: these helpers mutate destinations exactly where Helm does.
/// </summary>
internal static class ValueTables
{
    public const string GlobalKey = "global";

    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    /// <summary>loader.MergeMaps: a new map with b over a, maps merged recursively (shallow copies of a's levels).</summary>
    public static Dictionary<string, object?> MergeMaps(Dictionary<string, object?> a, Dictionary<string, object?> b)
    {
        using var nesting = NestingGuard.Enter();
        var output = new Dictionary<string, object?>(a, StringComparer.Ordinal);
        foreach (var (k, v) in b)
        {
            if (v is Dictionary<string, object?> vm && output.TryGetValue(k, out var existing) && existing is Dictionary<string, object?> em)
            {
                output[k] = MergeMaps(em, vm);
                continue;
            }
            output[k] = v;
        }
        return output;
    }

    /// <summary>copystructure.Copy for values: maps and lists are copied deeply, scalars and objects shared.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        Dictionary<string, object?> map => DeepCopyMap(map),
        List<object?> list => DeepCopyList(list),
        _ => value,
    };

    private static List<object?> DeepCopyList(List<object?> list)
    {
        using var nesting = NestingGuard.Enter();
        var copy = new List<object?>(list.Count);
        foreach (var item in list) copy.Add(DeepCopy(item));
        return copy;
    }

    public static Dictionary<string, object?> DeepCopyMap(IReadOnlyDictionary<string, object?> map)
    {
        using var nesting = NestingGuard.Enter();
        var copy = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
        foreach (var (k, v) in map) copy[k] = DeepCopy(v);
        return copy;
    }

    /// <summary>CoalesceValues: user values over the chart's defaults and its subcharts', nulls delete defaults.</summary>
    public static Dictionary<string, object?> CoalesceValues(ChartNode chart, IReadOnlyDictionary<string, object?>? values) =>
        Coalesce(chart, values is null ? NewMap() : DeepCopyMap(values), "", merge: false);

    /// <summary>MergeValues: like CoalesceValues but keeps nulls.</summary>
    public static Dictionary<string, object?> MergeValues(ChartNode chart, IReadOnlyDictionary<string, object?>? values) =>
        Coalesce(chart, values is null ? NewMap() : DeepCopyMap(values), "", merge: true);

    public static Dictionary<string, object?> CoalesceTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src) =>
        CoalesceTablesFullKey(dst, src, "", merge: false)!;

    public static Dictionary<string, object?> MergeTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src) =>
        CoalesceTablesFullKey(dst, src, "", merge: true)!;

    private static Dictionary<string, object?> Coalesce(ChartNode chart, Dictionary<string, object?> dest, string prefix, bool merge)
    {
        CoalesceChartValues(chart, dest, prefix, merge);
        return CoalesceDeps(chart, dest, prefix, merge);
    }

    private static Dictionary<string, object?> CoalesceDeps(ChartNode chart, Dictionary<string, object?> dest, string prefix, bool merge)
    {
        foreach (var sub in chart.Dependencies)
        {
            if (!dest.TryGetValue(sub.Name, out var c))
            {
                dest[sub.Name] = NewMap();
            }
            else if (c is not Dictionary<string, object?>)
            {
                throw ChartErrors.Values(sub.Name, $"type mismatch on {sub.Name}: %!t({Templating.GoValues.TypeOf(c)}={c}). The values for subchart '{sub.Name}' must be a map.");
            }
            var dvmap = (Dictionary<string, object?>)dest[sub.Name]!;
            var subPrefix = Concat(prefix, chart.Name);
            CoalesceGlobals(dvmap, dest, subPrefix);
            dest[sub.Name] = Coalesce(sub, dvmap, subPrefix, merge);
        }
        return dest;
    }

    private static void CoalesceGlobals(Dictionary<string, object?> dest, Dictionary<string, object?> src, string prefix)
    {
        Dictionary<string, object?> dg, sg;
        if (!dest.TryGetValue(GlobalKey, out var destGlobal)) dg = NewMap();
        else if (destGlobal is Dictionary<string, object?> d) dg = d;
        else return; // Helm warns "skipping globals because destination global is not a table."

        if (!src.TryGetValue(GlobalKey, out var srcGlobal)) sg = NewMap();
        else if (srcGlobal is Dictionary<string, object?> s) sg = s;
        else return;

        foreach (var (key, val) in sg)
        {
            if (val is Dictionary<string, object?> table)
            {
                var vv = new Dictionary<string, object?>(table, StringComparer.Ordinal);
                if (!dg.TryGetValue(key, out var destv))
                {
                    dg[key] = vv;
                }
                else if (destv is Dictionary<string, object?> destvmap)
                {
                    // Reverse order of coalesce to merge top-down; nils are removed later by coalesce.
                    CoalesceTablesFullKey(vv, destvmap, Concat(prefix, key), merge: true);
                    dg[key] = vv;
                }
                // else: "cannot merge map onto non-map", skipped as Helm does.
            }
            else if (dg.TryGetValue(key, out var dv) && dv is Dictionary<string, object?>)
            {
                // Helm: "key is table. Skipping".
            }
            else
            {
                dg[key] = val;
            }
        }
        dest[GlobalKey] = dg;
    }

    private static void CoalesceChartValues(ChartNode chart, Dictionary<string, object?> v, string prefix, bool merge)
    {
        var subPrefix = Concat(prefix, chart.Name);
        var vc = DeepCopyMap(chart.Values);
        foreach (var (key, val) in vc)
        {
            if (v.TryGetValue(key, out var value))
            {
                if (value is null && !merge)
                {
                    // A null in the user's values removes the chart's default.
                    v.Remove(key);
                }
                else if (value is Dictionary<string, object?> dest && val is Dictionary<string, object?> src)
                {
                    var childMerge = merge || chart.Dependencies.Any(d => d.Name == key);
                    CoalesceTablesFullKey(dest, src, Concat(subPrefix, key), childMerge);
                }
            }
            else
            {
                v[key] = val;
            }
        }
    }

    private static Dictionary<string, object?>? CoalesceTablesFullKey(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, string prefix, bool merge)
    {
        using var nesting = NestingGuard.Enter();
        if (src is null) return dst;
        if (dst is null) return src;
        var srcOriginalNonNil = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, val) in src)
        {
            if (val is not null) srcOriginalNonNil.Add(key);
        }
        foreach (var (key, val) in dst)
        {
            if (val is null) src[key] = null;
        }
        foreach (var (key, val) in src)
        {
            var present = dst.TryGetValue(key, out var dv);
            if (present && !merge && dv is null && srcOriginalNonNil.Contains(key))
            {
                // The user nulls a default: the key goes away.
                dst.Remove(key);
            }
            else if (!present)
            {
                dst[key] = val;
            }
            else if (val is Dictionary<string, object?> srcTable)
            {
                if (dv is Dictionary<string, object?> dstTable) CoalesceTablesFullKey(dstTable, srcTable, Concat(prefix, key), merge);
                // else: "cannot overwrite table with non table", the user's scalar wins.
            }
        }
        return dst;
    }

    private static string Concat(string a, string b) => a.Length == 0 ? b : a + "." + b;

    /// <summary>Values.Table: the map at a dotted path, or null when a step is missing or not a map.</summary>
    public static Dictionary<string, object?>? Table(Dictionary<string, object?> values, string path)
    {
        var table = values;
        foreach (var part in path.Split('.'))
        {
            if (!table.TryGetValue(part, out var next) || next is not Dictionary<string, object?> map) return null;
            table = map;
        }
        return table;
    }

    /// <summary>Values.PathValue: the non-table value at a dotted path; false when absent or a table.</summary>
    public static bool TryPathValue(Dictionary<string, object?> values, string path, out object? value)
    {
        value = null;
        if (path.Length == 0) return false;
        var parts = path.Split('.');
        var key = parts[^1];
        var table = parts.Length == 1 ? values : Table(values, string.Join('.', parts[..^1]));
        if (table is null || !table.TryGetValue(key, out var found) || found is Dictionary<string, object?>) return false;
        value = found;
        return true;
    }
}
