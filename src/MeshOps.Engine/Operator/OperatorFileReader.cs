using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>
/// One IstioOperator input file, parsed with positions. It is validated once the release is known (its
/// installPackagePath may name the manifests), against that release's schema.
/// </summary>
internal sealed class OperatorFile
{
    private readonly YamlDocument? _document;

    public OperatorFile(string source, YamlDocument? document)
    {
        Source = source;
        _document = document;
    }

    public string Source { get; }

    /// <summary>The IstioOperator map, or null when the file is empty or not a map.</summary>
    public Dictionary<string, object?>? Tree => _document?.Value as Dictionary<string, object?>;

    /// <summary>The problems of the file for a release's schema and mesh config checks (<paramref name="release"/>; the schema's 1.x.0 when null), with their lines.</summary>
    public List<OperatorIssue> Validate(OperatorSchema schema, IstioctlRelease? release = null)
    {
        if (_document == null) return new List<OperatorIssue>();
        var doc = _document;
        (int, int)? Position(string p) => doc.TryGetPosition(p, out var l, out var c) ? (l, c) : null;
        return OperatorValidator.ValidateDocument(schema, doc.Value, Source, Position, release);
    }
}

/// <summary>Reads <c>-f</c> files as istioctl's readLayeredYAMLs does: one IstioOperator per file, its first document used.</summary>
internal static class OperatorFileReader
{
    public static OperatorFile ReadFile(string path)
    {
        string text;
        try
        {
            text = InputFile.ReadAllText(path.Trim(), "IstioOperator file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw OperatorErrors.Single("IstioOperatorFileNotFound", $"cannot read IstioOperator file \"{path}\": {e.Message}", path,
                kind: MeshErrorKind.ObjectNotFound);
        }
        return ReadText(text, path);
    }

    public static OperatorFile ReadText(string text, string source)
    {
        IReadOnlyList<YamlDocument> docs;
        try
        {
            // A key given twice is refused, not resolved silently in favour of the last (issue 13: "profile: minimal"
            // then "profile: demo" installed gateways nobody asked for).
            docs = GoYaml.ParseDocuments(text, new YamlReadOptions { SourceName = source, TrackPositions = true, NumberMode = YamlNumberMode.Json, RejectDuplicateKeys = true });
        }
        catch (YamlParseException e) when (e.IsSyntax)
        {
            throw OperatorErrors.Single("IstioOperatorYamlInvalid", $"{e.What}; fix the YAML syntax", source, e.Line, e.Column);
        }
        var iopDocs = docs.Where(d => d.Value is Dictionary<string, object?> m && m.TryGetValue("kind", out var k) && k is "IstioOperator").ToList();
        if (iopDocs.Count > 1)
        {
            throw OperatorErrors.Single("MultipleIstioOperators",
                $"input file {source} contains multiple IstioOperator CRs, only one per file is supported; split it into several files and pass them in order",
                source, iopDocs[1].StartLine, 1);
        }
        return new OperatorFile(source, docs.Count == 0 ? null : docs[0]);
    }
}
