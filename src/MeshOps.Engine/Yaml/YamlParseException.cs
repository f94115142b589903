using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>YAML text that go-yaml v2 / sigs.k8s.io/yaml would reject. Message: <c>source:line:col: what</c>.</summary>
public class YamlParseException : MeshException
{
    public YamlParseException(string? sourceName, int line, int column, string what, Exception? inner = null,
        string errorId = SyntaxErrorId, MeshErrorKind kind = MeshErrorKind.SyntaxError)
        : base(errorId, kind, Format(sourceName, line, column, what), sourceName, inner)
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        What = what;
    }

    public const string SyntaxErrorId = "YamlParseError";
    public const string NestingTooDeepId = "YamlNestingTooDeep";
    public const string DuplicateKeyId = "YamlDuplicateKey";

    /// <summary>
    /// A syntax error, which callers reword for their file kind; false for a limit or a duplicate key, which keep
    /// their own ErrorId wherever they surface.
    /// </summary>
    public bool IsSyntax => ErrorId == SyntaxErrorId;

    /// <summary>The file name from <see cref="YamlReadOptions.SourceName"/>, or null.</summary>
    public string? SourceName { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>The problem alone, without the position prefix.</summary>
    public string What { get; }

    /// <summary>
    /// The line go-yaml v2 names in its message ("yaml: line N: what"), 0 for none, when the reader knows it: go-yaml
    /// prints a scanner error's 0-based line plus one, a parser error's 0-based line as it is, and no line when that
    /// is 0. Null when the problem is ours (a decoder check), whose message then names <see cref="Line"/>.
    /// </summary>
    public int? GoLine { get; init; }

    /// <summary>The text after go-yaml's "yaml: " prefix: "line N: what", or "what" alone where go-yaml names no line.</summary>
    public string GoText => (GoLine ?? Line) is > 0 and var line ? "line " + line + ": " + What : What;

    private static string Format(string? source, int line, int column, string what) =>
        $"{source ?? "<input>"}:{line}:{column}: {what}";
}
