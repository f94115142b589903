using System.Text;
using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Charts;

/// <summary>
/// <c>helm template --show-only</c> (Helm 4.1 pkg/cmd/template.go): the printed output is split again into
/// documents, each document is named by its first <c># Source: CHART/PATH</c> line, and the documents whose PATH
/// (chart name dropped) matches a pattern are printed, pattern by pattern.
/// </summary>
public static partial class HelmShowOnly
{
    /// <summary>The error id when a pattern matches no template, as Helm's <c>could not find template X in chart</c>.</summary>
    public const string TemplateNotFound = "TemplateNotFound";

    // releaseutil.SplitManifests' separator; Go's \s is [\t\n\f\r ] (no \v, nothing beyond ASCII).
    [GeneratedRegex("(?:^|[\t\n\f\r ]*\n)---[\t\n\f\r ]*", RegexOptions.CultureInvariant)]
    private static partial Regex Separator();

    // The name Helm reads; [^/] also crosses lines, as in Go.
    [GeneratedRegex("# Source: [^/]+/(.+)", RegexOptions.CultureInvariant)]
    private static partial Regex SourceLine();

    /// <summary>
    /// The documents of <paramref name="output"/> (the text <see cref="HelmTemplateWriter.Write"/> returns) whose
    /// template path matches one of <paramref name="patterns"/> (Go filepath.Match syntax, relative to the chart:
    /// <c>templates/service.yaml</c>, <c>charts/sub/templates/*.yaml</c>), each printed as <c>---\nDOCUMENT\n</c>.
    /// A document matched by two patterns is printed twice, as Helm does. Throws MeshException TemplateNotFound when a
    /// pattern matches nothing.
    /// </summary>
    public static string Select(string output, IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(patterns);
        var documents = Split(output);
        var names = new string?[documents.Count];
        for (var i = 0; i < documents.Count; i++)
        {
            var m = SourceLine().Match(documents[i]);
            names[i] = m.Success ? m.Groups[1].Value : null;
        }

        var result = new StringBuilder();
        foreach (var given in patterns)
        {
            // Helm unifies the user's separators to '/' (filepath.ToSlash is a no-op off Windows, so only there).
            var pattern = OperatingSystem.IsWindows() ? given.Replace('\\', '/') : given;
            var missing = true;
            for (var i = 0; i < documents.Count; i++)
            {
                if (names[i] is not { } name || !Matches(pattern, name)) continue;
                result.Append("---\n").Append(documents[i]).Append('\n');
                missing = false;
            }
            if (missing)
                throw new MeshException(TemplateNotFound, MeshErrorKind.ObjectNotFound,
                    $"could not find template {pattern} in chart", pattern);
        }
        return result.ToString();
    }

    /// <summary>releaseutil.SplitManifests in document order: non-empty pieces, each trimmed.</summary>
    internal static List<string> Split(string text)
    {
        var docs = new List<string>();
        foreach (var piece in Separator().Split(ManifestSorter.GoTrimSpace(text)))
        {
            if (piece.Length == 0) continue;
            docs.Add(ManifestSorter.GoTrimSpace(piece));
        }
        return docs;
    }

    private static bool Matches(string pattern, string name)
    {
        try
        {
            return GoPathMatch.Match(pattern, name);
        }
        catch (FormatException)
        {
            // Helm ignores filepath.Match's ErrBadPattern: a malformed pattern matches nothing.
            return false;
        }
    }
}
