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

    private static string Format(string? source, int line, int column, string what) =>
        $"{source ?? "<input>"}:{line}:{column}: {what}";
}
