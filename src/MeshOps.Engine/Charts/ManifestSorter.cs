using System.Globalization;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>
/// Helm's releaseutil.SortManifests with InstallOrder: files in path order, each split into documents, hooks
/// separated, then both lists stably sorted by kind (unknown kinds last, alphabetically).
/// </summary>
public static class ManifestSorter
{
    /// <summary>Helm's InstallOrder.</summary>
    public static readonly IReadOnlyList<string> InstallOrder = new[]
    {
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
        "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
        "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList",
        "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    };

    private static readonly Dictionary<string, int> OrderIndex =
        InstallOrder.Select((k, i) => (k, i)).ToDictionary(p => p.k, p => p.i, StringComparer.Ordinal);

    private static readonly HashSet<string> HookEventNames = new(StringComparer.Ordinal)
    {
        "pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
        "pre-rollback", "post-rollback", "test", "test-success",
    };

    /// <summary>Helm's SplitManifests: the non-empty documents of a file, each trimmed, in order.</summary>
    public static IReadOnlyList<string> SplitManifests(string content)
    {
        // Works on index ranges of CONTENT so that each document is copied once (a large file would otherwise be
        // copied again for every trim, each copy a large-object-heap allocation).
        var result = new List<string>();
        var (lo, hi) = GoTrimRange(content, 0, content.Length);
        var start = lo;
        while (start <= hi)
        {
            var (matchStart, matchEnd) = NextSeparator(content, start, lo, hi);
            // As Helm: a piece of blanks the separator does not take (\v, NBSP) stays, as an empty document.
            if (matchStart > start)
            {
                var (docStart, docEnd) = GoTrimRange(content, start, matchStart);
                result.Add(content.Substring(docStart, docEnd - docStart));
            }
            if (matchEnd < 0) break;
            start = matchEnd;
        }
        return result;
    }

    /// <summary>
    /// The next match at or after <paramref name="from"/> of Helm's separator <c>(?:^|\s*\n)---\s*</c> in the text
    /// TEXT[LO..HI) (Go's \s is [\t\n\f\r ], ^ the start of that text), as (start, end); (HI, -1) when there is
    /// none. A hand-written scan: the regex retried its <c>\s*</c> at every blank of a run, quadratic in long
    /// indentation. The leftmost match is the first "\n---" extended back over the blanks before it, since "-" ends
    /// any run of blanks.
    /// </summary>
    private static (int Start, int End) NextSeparator(string text, int from, int lo, int hi)
    {
        int start, end;
        if (from == lo && hi - lo >= 3 && string.CompareOrdinal(text, lo, "---", 0, 3) == 0)
        {
            start = lo;
            end = lo + 3;
        }
        else
        {
            var newline = text.IndexOf("\n---", from, hi - from, StringComparison.Ordinal);
            if (newline < 0) return (hi, -1);
            start = newline;
            while (start > from && IsRegexSpace(text[start - 1])) start--;
            end = newline + 4;
        }
        while (end < hi && IsRegexSpace(text[end])) end++;
        return (start, end);
    }

    private static bool IsRegexSpace(char c) => c is '\t' or '\n' or '\f' or '\r' or ' ';

    /// <summary>
    /// Sorts rendered templates into manifests and hooks. Partials and whitespace-only files are skipped; documents
    /// with an unknown hook type are dropped (as Helm does). Throws ManifestInvalid when a document is not valid YAML.
    /// </summary>
    public static (IReadOnlyList<HelmManifest> Manifests, IReadOnlyList<HelmManifest> Hooks) Sort(IEnumerable<RenderedTemplate> files)
    {
        var generic = new List<HelmManifest>();
        var hooks = new List<HelmManifest>();
        foreach (var file in files.OrderBy(f => f.Path, Comparer<string>.Create(Utf8Ordinal.Compare)))
        {
            var baseName = file.Path[(file.Path.LastIndexOf('/') + 1)..];
            if (baseName.StartsWith('_')) continue;
            var (lo, hi) = GoTrimRange(file.Content, 0, file.Content.Length);
            if (hi == lo) continue;
            foreach (var doc in SplitManifests(file.Content))
            {
                var head = ReadHead(doc, file.Path);
                if (head.Annotations.Count == 0 || !head.Annotations.TryGetValue("helm.sh/hook", out var hookTypes))
                {
                    generic.Add(new HelmManifest(file.Path, doc, head.ApiVersion, head.Kind, head.Name));
                    continue;
                }
                var events = new List<string>();
                var unknown = false;
                foreach (var part in hookTypes.Split(','))
                {
                    var e = part.Trim().ToLowerInvariant();
                    if (!HookEventNames.Contains(e)) { unknown = true; break; }
                    events.Add(e == "test-success" ? "test" : e);
                }
                if (unknown) continue;
                head.Annotations.TryGetValue("helm.sh/hook-weight", out var weightText);
                var weight = int.TryParse(weightText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) ? w : 0;
                hooks.Add(new HelmManifest(file.Path, doc, head.ApiVersion, head.Kind, head.Name) { HookEvents = events, HookWeight = weight });
            }
        }
        return (SortByKind(generic), SortByKind(hooks));
    }

    /// <summary>Stable sort by InstallOrder; unknown kinds go last, ordered by kind name.</summary>
    public static IReadOnlyList<HelmManifest> SortByKind(IEnumerable<HelmManifest> manifests) =>
        manifests.Select((m, i) => (m, i)).OrderBy(p => p, Comparer<(HelmManifest m, int i)>.Create((a, b) =>
        {
            var c = CompareKinds(a.m.Kind, b.m.Kind);
            return c != 0 ? c : a.i.CompareTo(b.i);
        })).Select(p => p.m).ToList();

    private static int CompareKinds(string a, string b)
    {
        var aKnown = OrderIndex.TryGetValue(a, out var ai);
        var bKnown = OrderIndex.TryGetValue(b, out var bi);
        if (!aKnown && !bKnown) return Utf8Ordinal.Compare(a, b);
        if (!aKnown) return 1;
        if (!bKnown) return -1;
        return ai.CompareTo(bi);
    }

    private sealed record Head(string ApiVersion, string Kind, string Name, Dictionary<string, string> Annotations);

    /// <summary>Reads SimpleHead as sigs.k8s.io/yaml.Unmarshal would: errors for invalid YAML or mistyped head fields.</summary>
    private static Head ReadHead(string doc, string path)
    {
        object? value;
        try
        {
            // Native numbers: sigs.k8s.io/yaml gives a string field an int's digits (name: 12345678, hook-weight: 5).
            value = GoYaml.Parse(doc, new YamlReadOptions { NumberMode = YamlNumberMode.Native, SourceName = path });
        }
        catch (YamlParseException e) when (e.IsSyntax)
        {
            // Go's yaml errors read "yaml: ..." without the file name, which Helm puts in front itself.
            throw new MeshException(ChartErrors.ManifestInvalid, MeshErrorKind.InvalidData,
                $"YAML parse error on {path}: error converting YAML to JSON: yaml: {e.GoText}", path, e);
        }
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (value is null) return new Head("", "", "", annotations);
        if (value is not Dictionary<string, object?> map)
            throw HeadError(path, $"json: cannot unmarshal {GoJsonFields.JsonKind(value)} into Go value of type util.SimpleHead");
        try
        {
            var f = new GoJsonFields(map, "SimpleHead");
            var apiVersion = f.String("apiVersion");
            var kind = f.String("kind");
            var name = "";
            switch (f.Raw("metadata"))
            {
                case null:
                    break;
                case Dictionary<string, object?> md:
                    var mf = new GoJsonFields(md, "SimpleHead.metadata");
                    name = mf.String("name");
                    annotations = mf.StringMap("annotations");
                    break;
                case var other:
                    throw f.TypeError("metadata", other, "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }");
            }
            return new Head(apiVersion, kind, name, annotations);
        }
        catch (InvalidDataException e)
        {
            throw HeadError(path, e.Message);
        }
    }

    /// <summary>sigs.k8s.io/yaml.Unmarshal's wording for a decoding failure (its jsonUnmarshal adds "while decoding JSON").</summary>
    private static MeshException HeadError(string path, string what) =>
        new(ChartErrors.ManifestInvalid, MeshErrorKind.InvalidData, $"YAML parse error on {path}: error unmarshaling JSON: while decoding JSON: {what}", path);

    /// <summary>Go's strings.TrimSpace (Unicode White_Space).</summary>
    internal static string GoTrimSpace(string s)
    {
        var (start, end) = GoTrimRange(s, 0, s.Length);
        return s[start..end];
    }

    /// <summary>The range of S[START..END) that Go's strings.TrimSpace keeps.</summary>
    internal static (int Start, int End) GoTrimRange(string s, int start, int end)
    {
        while (start < end && IsGoSpace(s[start])) start++;
        while (end > start && IsGoSpace(s[end - 1])) end--;
        return (start, end);
    }

    internal static bool IsGoSpace(char c) => c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0'
        || (c > '\u00FF' && char.IsWhiteSpace(c));
}
