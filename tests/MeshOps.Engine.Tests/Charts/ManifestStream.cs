using System.Text;
using System.Text.RegularExpressions;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// A <c>helm template</c> output read back as objects: each <c># Source:</c> block parsed into its YAML documents, so
/// two outputs can be compared object for object and the first difference reported.
/// </summary>
internal static class ManifestStream
{
    private static readonly Regex Header = new(@"^---\n# Source: (.*)\n", RegexOptions.Multiline);

    public sealed record Doc(string Source, int Index, string Json);

    public static List<Doc> Parse(string output)
    {
        var docs = new List<Doc>();
        var matches = Header.Matches(output);
        for (var i = 0; i < matches.Count; i++)
        {
            var start = matches[i].Index + matches[i].Length;
            var end = i + 1 < matches.Count ? matches[i + 1].Index : output.Length;
            var source = matches[i].Groups[1].Value;
            var index = 0;
            foreach (var d in GoYaml.ParseDocuments(output[start..end], new YamlReadOptions { SourceName = source }))
            {
                if (d.Value is null) continue;
                docs.Add(new Doc(source, index++, GoJson.Serialize(d.Value, indent: true)));
            }
        }
        return docs;
    }

    /// <summary>Null when both streams hold the same objects in the same order; otherwise a readable report.</summary>
    public static string? Compare(string expected, string actual)
    {
        var e = Parse(expected);
        var a = Parse(actual);
        var report = new StringBuilder();
        var n = Math.Max(e.Count, a.Count);
        var differences = 0;
        for (var i = 0; i < n; i++)
        {
            var x = i < e.Count ? e[i] : null;
            var y = i < a.Count ? a[i] : null;
            if (x == y) continue;
            if (++differences > 3) { report.Append("... more differences\n"); break; }
            report.Append($"document #{i}: helm {x?.Source ?? "(none)"}[{x?.Index}] vs ours {y?.Source ?? "(none)"}[{y?.Index}]\n");
            report.Append(LineDiff(x?.Json ?? "", y?.Json ?? ""));
        }
        return differences == 0 ? null : $"helm has {e.Count} documents, ours {a.Count}\n" + report;
    }

    private static string LineDiff(string expected, string actual)
    {
        var el = expected.Split('\n');
        var al = actual.Split('\n');
        var sb = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(el.Length, al.Length) && shown < 12; i++)
        {
            var x = i < el.Length ? el[i] : "<end>";
            var y = i < al.Length ? al[i] : "<end>";
            if (x == y) continue;
            sb.Append($"  line {i + 1}:\n    helm: {x}\n    ours: {y}\n");
            shown++;
        }
        return sb.ToString();
    }
}
