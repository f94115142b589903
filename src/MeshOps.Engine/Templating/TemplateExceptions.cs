using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Templating;

/// <summary>A template that does not parse; the message is Go's (<c>template: NAME:LINE: ...</c>).</summary>
public class TemplateParseException : MeshException
{
    public TemplateParseException(string message, string templateName, int line, int column, Exception? inner = null,
        string errorId = "TemplateParseError", MeshErrorKind kind = MeshErrorKind.SyntaxError)
        : base(errorId, kind, message, templateName, inner)
    {
        TemplateName = templateName;
        Line = line;
        Column = column;
    }

    /// <summary>The name of the template being parsed (Helm uses the file path, e.g. <c>istiod/templates/deployment.yaml</c>).</summary>
    public string TemplateName { get; }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>1-based column (byte offset in the line, as Go counts it) of the error; 0 when unknown.</summary>
    public int Column { get; }
}

/// <summary>
/// A template that fails while executing; the message is Go's
/// (<c>template: NAME:LINE:COL: executing "NAME" at &lt;.x&gt;: ...</c>).
/// </summary>
public class TemplateExecException : MeshException
{
    public TemplateExecException(string message, string templateName, MeshErrorKind kind = MeshErrorKind.InvalidData, Exception? inner = null,
        string errorId = "TemplateExecutionError")
        : base(errorId, kind, message, templateName, inner)
    {
        TemplateName = templateName;
    }

    /// <summary>The template in which the error happened.</summary>
    public string TemplateName { get; }

    /// <summary>When a function failed: its message, verbatim (Helm's <c>required</c>/<c>fail</c> text); otherwise null.</summary>
    public string? FunctionMessage { get; init; }
}

/// <summary>
/// A function's complaint about its arguments, reported as Go reports argument type and count errors: at the
/// argument's position and without the "error calling NAME:" prefix (e.g. <c>wrong type for value; expected int; got string</c>).
/// </summary>
public class TemplateArgumentException : TemplateFunctionException
{
    /// <param name="message">Go's words, e.g. "wrong number of args for indent: want 2 got 1".</param>
    /// <param name="argumentIndex">0-based index of the offending written argument; -1 (or the piped value) points at the function name.</param>
    /// <param name="expectedType">Go's name of the parameter type ("string", "int"...), when the value had the wrong type.</param>
    public TemplateArgumentException(string message, int argumentIndex = -1, string? expectedType = null) : base(message)
    {
        ArgumentIndex = argumentIndex;
        ExpectedType = expectedType;
    }

    public int ArgumentIndex { get; }

    /// <summary>
    /// The parameter's Go type for a wrong-type value. When the argument was written as a literal, Go converts the
    /// literal itself and words the failure differently ("expected string; found 1", "cannot assign nil to string").
    /// </summary>
    public string? ExpectedType { get; }
}
