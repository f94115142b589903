using MeshOps.Testing.KubeApi.Faults;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// Tallies the test server's request log by what each request was for ("list configmaps (ours)", "dry-run
/// deployments", "poll deployments", ...) and compares: exactly, except the waits' polls (their reads and watches),
/// whose number depends on timing and must lie in a range.
/// </summary>
internal static class RequestTally
{
    /// <summary>What a request was for, e.g. "list configmaps (ours)", "patch deployments", "poll deployments".</summary>
    /// <param name="afterCrdList">The revision's CRDs were listed or watched before (then CRD reads are the CRD wait's polls).</param>
    public static string Category(RequestRecord r, bool afterCrdList)
    {
        var ours = r.Query.Contains("labelSelector=meshops.io", StringComparison.Ordinal);
        if (r.Resource.Length == 0) return "discovery";
        // A wait reads, then watches from its read: both count as its polls.
        if (r.Resource is "deployments" or "daemonsets" or "statefulsets" && r.Namespace.Length > 0 && (r.Verb is "get" or "watch" || r.Verb == "list" && ours)) return "poll " + r.Resource;
        // Only the CRD wait watches CRDs (first, before any read of its own).
        if (r.Resource == "customresourcedefinitions" && (r.Verb == "watch" || afterCrdList && (r.Verb == "get" || r.Verb == "list" && ours))) return "poll customresourcedefinitions";
        return r.Verb switch
        {
            "list" when ours => $"list {r.Resource} (ours)",
            "list" when r.Query.Contains("labelSelector", StringComparison.Ordinal) => $"list {r.Resource} (selected)",
            "list" => $"list {r.Resource} (probe)",
            "patch" when r.Query.Contains("dryRun", StringComparison.Ordinal) => $"dry-run {r.Resource}",
            _ => $"{r.Verb} {r.Resource}",
        };
    }

    public static Dictionary<string, int> Counts(RequestLog requestLog)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var crdListed = false;
        foreach (var r in requestLog.Entries)
        {
            var c = Category(r, crdListed);
            crdListed |= r.Resource == "customresourcedefinitions" && (r.Verb == "watch" || r.Verb == "list" && r.Query.Contains("labelSelector=meshops.io", StringComparison.Ordinal));
            counts[c] = counts.GetValueOrDefault(c) + 1;
        }
        return new Dictionary<string, int>(counts);
    }

    /// <summary>Exact counts for all but polls; each poll category must lie in its range.</summary>
    public static void AssertCounts(RequestLog requestLog, Dictionary<string, int> expected, Dictionary<string, (int Min, int Max)>? polls = null)
    {
        var actual = Counts(requestLog);
        var log = string.Join("\n", requestLog.Entries.Select(r => $"{r.Verb} {r.Path}?{r.Query} -> {r.Status}"));
        var exact = actual.Where(p => !p.Key.StartsWith("poll ", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        Assert.True(expected.OrderBy(p => p.Key).SequenceEqual(exact.OrderBy(p => p.Key)),
            $"expected:\n{Show(expected)}\nactual:\n{Show(exact)}\nrequests:\n{log}");
        var actualPolls = actual.Where(p => p.Key.StartsWith("poll ", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        polls ??= [];
        Assert.True(actualPolls.Keys.All(polls.ContainsKey), $"unexpected polls: {Show(actualPolls)}\nrequests:\n{log}");
        foreach (var (category, (min, max)) in polls)
        {
            var n = actualPolls.GetValueOrDefault(category);
            Assert.True(n >= min && n <= max, $"{category}: {n} not in [{min}, {max}]\nrequests:\n{log}");
        }
    }

    public static string Show(IReadOnlyDictionary<string, int> counts) => string.Join("\n", counts.OrderBy(p => p.Key).Select(p => $"  {p.Value} {p.Key}"));
}
