namespace MeshOps.Engine.Templating;

// Contracts shared by the template executor, the Sprig/Helm function library and the chart renderer.
//
// Go values are plain CLR values, so that every part of the engine agrees on them:
//   nil                      -> null
//   string                   -> string
//   bool                     -> bool
//   int (template literals, len, Sprig's int) -> int     (System.Int32; a literal outside its range becomes long)
//   int64 (Sprig math, --set integers, int64)  -> long
//   float64 (all numbers in values and fromYaml/fromJson, as sigs.k8s.io/yaml gives them) -> double
//   map[string]interface{}   -> Dictionary<string, object?> with StringComparer.Ordinal (range and print sort keys)
//   []interface{}            -> List<object?>
//   Helm's structs (.Release, .Chart, .Files, .Capabilities, ...) -> IGoObject
// Everything that converts or inspects such values goes through GoValues, never ad-hoc casts.

/// <summary>
/// A template function as Go's text/template calls it: any number of arguments, one result.
/// Go's (value, error) return is a thrown <see cref="TemplateFunctionException"/>; the executor wraps it as
/// <c>error calling NAME: MESSAGE</c> at the calling position.
/// </summary>
public delegate object? TemplateFunc(TemplateCallContext context, object?[] args);

/// <summary>What a function may ask of the running template (Helm's include and tpl need it).</summary>
public abstract class TemplateCallContext
{
    /// <summary>Name of the template being executed (Helm's .Template.Name).</summary>
    public abstract string TemplateName { get; }

    /// <summary>Executes a defined template by name with the given dot and returns its output (include).</summary>
    public abstract string ExecuteTemplate(string name, object? data);

    /// <summary>Parses text as a new template that sees the current definitions and executes it (tpl).</summary>
    public abstract string ExecuteInline(string text, object? data);

    public abstract CancellationToken Cancellation { get; }
}

/// <summary>A Go struct-like value: fields by exact name, methods callable with arguments.</summary>
public interface IGoObject
{
    /// <summary>Go's type name as %T prints it, e.g. <c>*chart.Metadata</c>.</summary>
    string GoTypeName { get; }

    bool TryGetField(string name, out object? value);

    bool TryGetMethod(string name, out TemplateFunc? method);
}

/// <summary>
/// Optional for an <see cref="IGoObject"/> that stands for a Go struct value: the methods Go declares on its pointer
/// (<c>func (v *T) String()</c>). text/template reaches them only on an addressable value (a field of a struct behind
/// a pointer, or a variable or dot holding one), and prints such a value with its String method; a copy (any
/// function argument, fmt, a map or list element) has neither.
/// </summary>
public interface IGoPointerMethods
{
    bool TryGetPointerMethod(string name, out TemplateFunc? method);
}

/// <summary>Go's error return from a template function. The message is Go's, verbatim.</summary>
public class TemplateFunctionException : Exception
{
    public TemplateFunctionException(string message, Exception? inner = null) : base(message, inner) { }
}
