using System.Globalization;
using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Helm's ProcessDependencies (pkg/chart/v2/util/dependencies.go) on <see cref="ChartNode"/>s: aliases, tags and
/// conditions decide which subcharts stay, then import-values copy child values into their parents.
/// </summary>
internal static class ChartDependencyProcessor
{
    /// <summary>Helm's CheckDependencies: every Chart.yaml dependency must be present under charts/.</summary>
    public static void CheckDependencies(Chart chart)
    {
        var missing = new List<string>();
        foreach (var req in chart.Metadata.Dependencies)
        {
            if (!chart.Dependencies.Any(d => d.Name == req.Name)) missing.Add(req.Name);
        }
        if (missing.Count > 0)
        {
            throw new Hosting.MeshException(ChartErrors.ChartDependencyMissing, Hosting.MeshErrorKind.ObjectNotFound,
                $"an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: {string.Join(", ", missing)}",
                chart.Source);
        }
    }

    /// <summary>Builds the node tree one render uses for the given user values.</summary>
    public static ChartNode Process(Chart chart, Dictionary<string, object?> userValues, Action<string>? warn = null,
        SemverCompatibility semver = SemverCompatibility.Current)
    {
        var root = ChartNode.FromChart(chart);
        ProcessEnabled(root, userValues, "", warn, semver);
        ProcessImportValues(root, warn);
        return root;
    }

    private static void ProcessEnabled(ChartNode c, Dictionary<string, object?> v, string path, Action<string>? warn, SemverCompatibility semver)
    {
        if (c.Metadata.Dependencies.Count == 0) return;
        var chartDependencies = new List<ChartNode>();
        foreach (var existing in c.Dependencies)
        {
            var listed = c.Metadata.Dependencies.Any(req => existing.Name == req.Name
                && SemVersionConstraint.IsCompatibleRange(req.Version, existing.Metadata.Version, semver));
            if (!listed) chartDependencies.Add(existing);
        }
        var reqs = new List<ChartDependency>();
        foreach (var req in c.Metadata.Dependencies)
        {
            var match = c.Dependencies.FirstOrDefault(d => d.Name == req.Name
                && SemVersionConstraint.IsCompatibleRange(req.Version, d.Metadata.Version, semver));
            if (match != null) chartDependencies.Add(match.CopyAs(req.Alias));
            reqs.Add(req.With(name: req.Alias.Length > 0 ? req.Alias : req.Name, enabled: true));
        }
        c.SetDependencies(chartDependencies);
        c.Metadata = c.Metadata.WithDependencies(reqs);

        var cvals = ValueTables.CoalesceValues(c, v, warn);
        var enabled = reqs.ToDictionary(r => r, _ => true);
        ApplyTags(reqs, cvals, enabled);
        ApplyConditions(reqs, cvals, path, enabled);

        var removed = new HashSet<string>(reqs.Where(r => !enabled[r]).Select(r => r.Name), StringComparer.Ordinal);
        var kept = c.Dependencies.Where(d => !removed.Contains(d.Metadata.Name)).ToList();
        var keptMeta = reqs.Where(r => !removed.Contains(r.Name)).Select(r => r.With(enabled: enabled[r])).ToList();
        foreach (var t in kept) ProcessEnabled(t, cvals, path + t.Metadata.Name + ".", warn, semver);
        c.Metadata = c.Metadata.WithDependencies(keptMeta);
        c.SetDependencies(kept);
    }

    private static void ApplyTags(List<ChartDependency> reqs, Dictionary<string, object?> cvals, Dictionary<ChartDependency, bool> enabled)
    {
        var vt = ValueTables.Table(cvals, "tags");
        if (vt is null) return;
        foreach (var r in reqs)
        {
            bool hasTrue = false, hasFalse = false;
            foreach (var k in r.Tags)
            {
                if (vt.TryGetValue(k, out var b) && b is bool bv)
                {
                    if (bv) hasTrue = true; else hasFalse = true;
                }
            }
            if (!hasTrue && hasFalse) enabled[r] = false;
            else enabled[r] = true;
        }
    }

    private static void ApplyConditions(List<ChartDependency> reqs, Dictionary<string, object?> cvals, string path, Dictionary<ChartDependency, bool> enabled)
    {
        foreach (var r in reqs)
        {
            foreach (var condition in r.Condition.Trim().Split(','))
            {
                if (condition.Length == 0) continue;
                if (ValueTables.TryPathValue(cvals, path + condition, out var vv) && vv is bool bv)
                {
                    enabled[r] = bv;
                    break;
                }
            }
        }
    }

    private static void ProcessImportValues(ChartNode c, Action<string>? warn)
    {
        foreach (var d in c.Dependencies) ProcessImportValues(d, warn);
        if (c.Metadata.Dependencies.Count == 0) return;

        var cvals = ValueTables.MergeValues(c, null, warn);
        var b = ValueTables.NewMap();
        var newReqs = new List<ChartDependency>();
        foreach (var r in c.Metadata.Dependencies)
        {
            var outiv = new List<object?>();
            foreach (var riv in r.ImportValues)
            {
                switch (riv)
                {
                    case Dictionary<string, object?> iv:
                    {
                        var child = GoPrint(iv.GetValueOrDefault("child"));
                        var parent = GoPrint(iv.GetValueOrDefault("parent"));
                        outiv.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["child"] = child, ["parent"] = parent });
                        var vv = ValueTables.Table(cvals, r.Name + "." + child);
                        if (vv is null) continue;
                        b = ValueTables.MergeTables(b, PathToMap(parent, vv), warn);
                        break;
                    }
                    case string s:
                    {
                        var child = "exports." + s;
                        outiv.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["child"] = child, ["parent"] = "." });
                        var vm = ValueTables.Table(cvals, r.Name + "." + child);
                        if (vm is null) continue;
                        b = ValueTables.MergeTables(b, vm, warn);
                        break;
                    }
                }
            }
            newReqs.Add(r.With(importValues: outiv));
        }
        c.Metadata = c.Metadata.WithDependencies(newReqs);
        // Imported values rank below the parent's own values.
        c.Values = ValueTables.MergeTables(ValueTables.DeepCopyMap(cvals), b, warn);
    }

    private static Dictionary<string, object?> PathToMap(string path, Dictionary<string, object?> data)
    {
        if (path == ".") return data;
        var cur = data;
        var parts = path.Split('.');
        for (var i = parts.Length - 1; i >= 0; i--)
            cur = new Dictionary<string, object?>(StringComparer.Ordinal) { [parts[i]] = cur };
        return cur;
    }

    private static string GoPrint(object? v) => v switch
    {
        null => "<nil>",
        string s => s,
        bool bo => bo ? "true" : "false",
        double d => Templating.GoFormat.FormatValue(d),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };
}
