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
    /// <param name="chart">The chart.</param>
    /// <param name="values">The user's values (copied, not changed).</param>
    /// <param name="warn">Receives Helm's coalesce warnings ("warning: skipped value for a.b: Not a table."), which helm logs.</param>
    public static Dictionary<string, object?> CoalesceValues(ChartNode chart, IReadOnlyDictionary<string, object?>? values, Action<string>? warn = null) =>
        Coalesce(chart, values is null ? NewMap() : DeepCopyMap(values), "", merge: false, warn);

    /// <summary>MergeValues: like CoalesceValues but keeps nulls.</summary>
    public static Dictionary<string, object?> MergeValues(ChartNode chart, IReadOnlyDictionary<string, object?>? values, Action<string>? warn = null) =>
        Coalesce(chart, values is null ? NewMap() : DeepCopyMap(values), "", merge: true, warn);

    public static Dictionary<string, object?> CoalesceTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, Action<string>? warn = null) =>
        CoalesceTablesFullKey(dst, src, "", merge: false, warn)!;

    public static Dictionary<string, object?> MergeTables(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, Action<string>? warn = null) =>
        CoalesceTablesFullKey(dst, src, "", merge: true, warn)!;

    private static Dictionary<string, object?> Coalesce(ChartNode chart, Dictionary<string, object?> dest, string prefix, bool merge, Action<string>? warn)
    {
        CoalesceChartValues(chart, dest, prefix, merge, warn);
        return CoalesceDeps(chart, dest, prefix, merge, warn);
    }

    private static Dictionary<string, object?> CoalesceDeps(ChartNode chart, Dictionary<string, object?> dest, string prefix, bool merge, Action<string>? warn)
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
            CoalesceGlobals(dvmap, dest, subPrefix, warn);
            dest[sub.Name] = Coalesce(sub, dvmap, subPrefix, merge, warn);
        }
        return dest;
    }

    private static void CoalesceGlobals(Dictionary<string, object?> dest, Dictionary<string, object?> src, string prefix, Action<string>? warn)
    {
        Dictionary<string, object?> dg, sg;
        if (!dest.TryGetValue(GlobalKey, out var destGlobal)) dg = NewMap();
        else if (destGlobal is Dictionary<string, object?> d) dg = d;
        else
        {
            warn?.Invoke($"warning: skipping globals because destination {GlobalKey} is not a table.");
            return;
        }

        if (!src.TryGetValue(GlobalKey, out var srcGlobal)) sg = NewMap();
        else if (srcGlobal is Dictionary<string, object?> s) sg = s;
        else
        {
            warn?.Invoke($"warning: skipping globals because source {GlobalKey} is not a table.");
            return;
        }

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
                    CoalesceTablesFullKey(vv, destvmap, Concat(prefix, key), merge: true, warn);
                    dg[key] = vv;
                }
                else
                {
                    warn?.Invoke($"Conflict: cannot merge map onto non-map for {GoQuote(key)}. Skipping.");
                }
            }
            else if (dg.TryGetValue(key, out var dv) && dv is Dictionary<string, object?>)
            {
                warn?.Invoke($"key {key} is table. Skipping");
            }
            else
            {
                dg[key] = val;
            }
        }
        dest[GlobalKey] = dg;
    }

    private static void CoalesceChartValues(ChartNode chart, Dictionary<string, object?> v, string prefix, bool merge, Action<string>? warn)
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
                else if (value is Dictionary<string, object?> dest)
                {
                    if (val is Dictionary<string, object?> src)
                    {
                        var childMerge = merge || chart.Dependencies.Any(d => d.Name == key);
                        CoalesceTablesFullKey(dest, src, Concat(subPrefix, key), childMerge, warn);
                    }
                    // The chart's default is not a table: the user's table stays (no warning when the default is null).
                    else if (val is not null)
                    {
                        warn?.Invoke($"warning: skipped value for {subPrefix}.{key}: Not a table.");
                    }
                }
            }
            else
            {
                v[key] = val;
            }
        }
    }

    private static Dictionary<string, object?>? CoalesceTablesFullKey(Dictionary<string, object?>? dst, Dictionary<string, object?>? src, string prefix, bool merge, Action<string>? warn)
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
                if (dv is Dictionary<string, object?> dstTable) CoalesceTablesFullKey(dstTable, srcTable, Concat(prefix, key), merge, warn);
                // The user's scalar wins over the chart's table.
                else warn?.Invoke($"warning: cannot overwrite table with non table for {Concat(prefix, key)} ({Templating.GoFormat.FormatValue(val)})");
            }
            else if (dv is Dictionary<string, object?> && val is not null)
            {
                warn?.Invoke($"warning: destination for {Concat(prefix, key)} is a table. Ignoring non-table value ({Templating.GoFormat.FormatValue(val)})");
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

    /// <summary>Go's %q of a plain key.</summary>
    private static string GoQuote(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
