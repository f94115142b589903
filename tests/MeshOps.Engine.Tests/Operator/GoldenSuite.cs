using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Operator;

/// <summary>One row of &lt;version&gt;/manifest-generate/cases.tsv; Charts is its 7th column (snapshot when absent).</summary>
public sealed record GoldenCase(string Version, string Name, string[] Inputs, string[] SetValues, string[] Select, string[] Ignore, string Golden, string Charts)
{
    public override string ToString() => Version + "/" + Name;
}

/// <summary>
/// Runs istioctl's manifest-generate golden cases of every release in ../shared/istio against our generator, comparing
/// objects the way the suite's README describes: select/ignore patterns "Kind:Namespace:Name" ('*' or empty = any)
/// matched unanchored.
/// </summary>
internal static class GoldenSuite
{
    /// <summary>The releases whose istioctl suites ../shared holds.</summary>
    public static readonly string[] Versions = { "1.18.5", "1.20.8", "1.22.8", "1.24.6", "1.26.8", "1.28.10" };

    public static string Dir(string version) => Path.Combine(SharedData.Require(), "istio", version, "manifest-generate");

    public static IReadOnlyList<GoldenCase> LoadCases(string version)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir(version), "cases.tsv"));
        var result = new List<GoldenCase>();
        foreach (var line in lines.Skip(1).Where(l => l.Trim().Length > 0))
        {
            var cols = line.Split('\t');
            string Col(int i) => i < cols.Length ? cols[i].Trim() : "";
            var inputs = Col(1) is "" or "-" ? Array.Empty<string>() : Col(1).Split(',', StringSplitOptions.RemoveEmptyEntries);
            result.Add(new GoldenCase(version, Col(0), inputs, ParseFlags(Col(2)), SplitList(Col(3)), SplitList(Col(4)), Col(5), Col(6) is "" ? "snapshot" : Col(6)));
        }
        return result;
    }

    private static string[] SplitList(string s) => s.Length == 0 ? Array.Empty<string>() : s.Split(',', StringSplitOptions.RemoveEmptyEntries);

    // "--set a=b --set c=d" or "--set=a=b".
    private static string[] ParseFlags(string flags)
    {
        var tokens = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var result = new List<string>();
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] == "--set" && i + 1 < tokens.Length) result.Add(tokens[++i]);
            else if (tokens[i].StartsWith("--set=", StringComparison.Ordinal)) result.Add(tokens[i][6..]);
            else throw new InvalidOperationException("unsupported flag in cases.tsv: " + tokens[i]);
        }
        return result.ToArray();
    }

    /// <summary>The charts a case renders: the suite's snapshot, or the release's own manifests.</summary>
    public static string ChartsFor(GoldenCase c) => c.Charts == "release"
        ? Path.Combine(SharedData.Require(), "istio", c.Version, "release", "manifests")
        : Path.Combine(Dir(c.Version), "snapshot");

    // The goldens were rendered from development copies (chart version 1.0.0), so the release is given as -Version is.
    public static GenerateRequest RequestFor(GoldenCase c) => new()
    {
        Files = c.Inputs.Select(i => Path.Combine(Dir(c.Version), i)).ToArray(),
        SetValues = c.SetValues,
        ManifestsPath = ChartsFor(c),
        Version = MeshOps.Engine.Releases.IstioVersion.Parse(c.Version),
    };

    /// <summary>Differences between our output and the golden; empty when the case passes.</summary>
    public static List<string> Compare(GoldenCase c, GeneratedManifest manifest)
    {
        var ours = Selected(c, manifest.Objects.Select(o => (o.Key, (object?)o.Value)));
        var goldenText = File.ReadAllText(Path.Combine(Dir(c.Version), c.Golden));
        var goldenObjects = GoYaml.ParseDocuments(goldenText, new YamlReadOptions { SourceName = c.Golden })
            .Where(d => d.Value is Dictionary<string, object?>)
            .Select(d => (Key: KeyOf((Dictionary<string, object?>)d.Value!), d.Value));
        var golden = Selected(c, goldenObjects);
        var problems = new List<string>();
        foreach (var key in golden.Keys.Except(ours.Keys)) problems.Add("missing from our output: " + key);
        foreach (var key in ours.Keys.Except(golden.Keys)) problems.Add("not in the golden: " + key);
        foreach (var key in ours.Keys.Intersect(golden.Keys))
        {
            var diff = TreeDiff.First(golden[key], ours[key], "");
            if (diff != null) problems.Add($"{key} differs at {diff}");
        }
        return problems;
    }

    private static string KeyOf(Dictionary<string, object?> o)
    {
        var meta = o.GetValueOrDefault("metadata") as Dictionary<string, object?>;
        return $"{o.GetValueOrDefault("kind")}:{meta?.GetValueOrDefault("namespace") ?? ""}:{meta?.GetValueOrDefault("name") ?? ""}";
    }

    private static Dictionary<string, object?> Selected(GoldenCase c, IEnumerable<(string Key, object? Value)> objects)
    {
        var select = c.Select.Length == 0 ? new[] { Pattern("*:*:*") } : c.Select.Select(Pattern).ToArray();
        var ignore = c.Ignore.Select(Pattern).ToArray();
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in objects)
        {
            if (select.Any(r => r.IsMatch(key)) && !ignore.Any(r => r.IsMatch(key))) result[key] = value;
        }
        return result;
    }

    private static Regex Pattern(string selector)
    {
        var parts = selector.Split(':');
        var regexParts = parts.Select(p => p.Length == 0 || p == "*" ? ".*" : p.Replace("*", ".*"));
        return new Regex(string.Join(":", regexParts), RegexOptions.CultureInvariant);
    }

    /// <summary>Runs one case: null when it passes, else the reasons.</summary>
    public static string? Run(GoldenCase c)
    {
        try
        {
            var manifest = ManifestGenerator.Generate(RequestFor(c), NullMeshHost.Instance);
            var problems = Compare(c, manifest);
            return problems.Count == 0 ? null : string.Join("\n", problems.Take(20)) + (problems.Count > 20 ? $"\n... {problems.Count - 20} more" : "");
        }
        catch (MeshException e)
        {
            return $"{e.ErrorId}: {e.Message}";
        }
    }
}

/// <summary>The first difference between two value trees, as a path and both values.</summary>
internal static class TreeDiff
{
    public static string? First(object? want, object? got, string path)
    {
        switch (want)
        {
            case Dictionary<string, object?> wm when got is Dictionary<string, object?> gm:
                foreach (var k in wm.Keys.Union(gm.Keys).OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!wm.ContainsKey(k)) return $"{path}.{k}: unexpected {Show(gm[k])}";
                    if (!gm.ContainsKey(k)) return $"{path}.{k}: missing (want {Show(wm[k])})";
                    var d = First(wm[k], gm[k], path + "." + k);
                    if (d != null) return d;
                }
                return null;
            case List<object?> wl when got is List<object?> gl:
                for (var i = 0; i < Math.Max(wl.Count, gl.Count); i++)
                {
                    if (i >= wl.Count) return $"{path}[{i}]: unexpected {Show(gl[i])}";
                    if (i >= gl.Count) return $"{path}[{i}]: missing (want {Show(wl[i])})";
                    var d = First(wl[i], gl[i], $"{path}[{i}]");
                    if (d != null) return d;
                }
                return null;
            default:
                return Equals(want, got) ? null : $"{path}: want {Show(want)}, got {Show(got)}";
        }
    }

    private static string Show(object? v)
    {
        var s = v switch
        {
            null => "null",
            string str => "\"" + str + "\"",
            Dictionary<string, object?> or List<object?> => GoJson.Serialize(v),
            _ => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) + " (" + v.GetType().Name + ")",
        };
        return s.Length > 300 ? s[..300] + "..." : s;
    }
}
