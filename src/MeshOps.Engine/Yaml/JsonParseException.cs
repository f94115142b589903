using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>JSON text that Go's encoding/json would reject. Message: <c>line:col: what</c> (Go's wording for what).</summary>
public class JsonParseException : MeshException
{
    public JsonParseException(int offset, int line, int column, string what, string errorId = "JsonParseError", MeshErrorKind kind = MeshErrorKind.SyntaxError)
        : base(errorId, kind, $"{line}:{column}: {what}", null)
    {
        Offset = offset;
        Line = line;
        Column = column;
        What = what;
    }

    /// <summary>0-based character offset of the problem (Go's SyntaxError.Offset counts bytes read).</summary>
    public int Offset { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>Go's message, e.g. <c>invalid character '}' looking for beginning of value</c>.</summary>
    public string What { get; }
}
