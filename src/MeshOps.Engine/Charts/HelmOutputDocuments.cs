using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Charts;

/// <summary>
/// One document of <c>helm template</c>'s printed output: its text exactly as printed (between the <c>---</c> lines,
/// <c># Source:</c> line included), the template file it came from, and the head fields of its object.
/// </summary>
public sealed record HelmOutputDocument(string Source, string Yaml, string ApiVersion, string Kind, string Name, string Namespace);

/// <summary>
/// Cuts <c>helm template</c>'s printed output (<see cref="HelmTemplateWriter.Write"/>, <see cref="HelmShowOnly.Select"/>)
/// into its documents, so that <c>"---\n" + Yaml</c> of each, in order, is the output again byte for byte (less any
/// blank text before the first <c>---</c>: helm prints an empty line first when a chart renders only hooks).
/// </summary>
public static class HelmOutputDocuments
{
    private const string Separator = "---\n";
    private const string SourcePrefix = "# Source: ";

    /// <summary>
    /// The documents of <paramref name="output"/>, cut at lines that are exactly <c>---</c>. A piece with no YAML of its
    /// own (only comments or blank lines, as a raw CRD file's leading or trailing <c>---</c> leaves) stays with its
    /// neighbour, so each document holds one object; the pieces of a raw CRD file after its first name that file as Source.
    /// </summary>
    public static IReadOnlyList<HelmOutputDocument> Split(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pieces = Pieces(output);
        // Text before the first separator is helm's leading blank line at most; it belongs to no document.
        if (pieces.Count > 0 && !HasContent(pieces[0]) && pieces[0].Trim().Length == 0) pieces.RemoveAt(0);

        var texts = new List<string>();
        foreach (var piece in pieces)
        {
            if (texts.Count > 0 && !(HasContent(texts[^1]) && HasContent(piece))) texts[^1] += Separator + piece;
            else texts.Add(piece);
        }

        var documents = new List<HelmOutputDocument>(texts.Count);
        var source = "";
        foreach (var text in texts)
        {
            if (SourceOf(text) is { } named) source = named;
            documents.Add(Describe(source, text));
        }
        return documents;
    }

    /// <summary>The text between separator lines; the output's own first "---" line gives an empty first piece.</summary>
    private static List<string> Pieces(string output)
    {
        var pieces = new List<string>();
        var start = 0;
        var lineStart = 0;
        while (lineStart <= output.Length)
        {
            if (output.AsSpan(lineStart).StartsWith(Separator, StringComparison.Ordinal))
            {
                pieces.Add(output[start..lineStart]);
                start = lineStart + Separator.Length;
            }
            var next = output.IndexOf('\n', lineStart);
            if (next < 0) break;
            lineStart = next + 1;
        }
        pieces.Add(output[start..]);
        return pieces;
    }

    /// <summary>A line that is neither blank, a comment nor a separator: YAML a parser would read.</summary>
    private static bool HasContent(string text) =>
        text.Split('\n').Any(line => line.Trim() is { Length: > 0 } t && t != "---" && !t.StartsWith('#'));

    private static string? SourceOf(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith(SourcePrefix, StringComparison.Ordinal)) return line[SourcePrefix.Length..];
            if (HasContent(line)) break;
        }
        return null;
    }

    /// <summary>The object's head fields; blank when the text is not one YAML mapping (helm prints what it rendered).</summary>
    private static HelmOutputDocument Describe(string source, string text)
    {
        Dictionary<string, object?>? map = null;
        try
        {
            // The first document with a value: a piece may start with a "---" it kept (a CRD file that begins with one).
            map = GoYaml.ParseDocuments(text).FirstOrDefault()?.Value as Dictionary<string, object?>;
        }
        catch (Hosting.MeshException)
        {
            // Still a document of the output; it just has no head to show.
        }
        var metadata = map?.GetValueOrDefault("metadata") as Dictionary<string, object?>;
        return new HelmOutputDocument(source, text,
            map?.GetValueOrDefault("apiVersion") as string ?? "", map?.GetValueOrDefault("kind") as string ?? "",
            metadata?.GetValueOrDefault("name") as string ?? "", metadata?.GetValueOrDefault("namespace") as string ?? "");
    }
}
