namespace MeshOps.Engine.Templating;

/// <summary>
/// A set of named Go text/templates sharing definitions and functions (Go's *template.Template "common" part).
/// Parse adds templates; Execute runs one by name. Parsed trees are immutable and shared by clones.
/// </summary>
public sealed class TemplateSet
{
    /// <summary>Creates an empty set with the given functions (they may override Go's builtins, as in Go) and options.</summary>
    public TemplateSet(IReadOnlyDictionary<string, TemplateFunc> functions, TemplateOptions? options = null)
        => throw new NotImplementedException();

    /// <summary>The options of this set.</summary>
    public TemplateOptions Options => throw new NotImplementedException();

    /// <summary>Parses text as template NAME and adds it and its {{define}}s to the set (Go's redefinition rules).</summary>
    public void Parse(string name, string text) => throw new NotImplementedException();

    /// <summary>Whether a template with this name exists (and is not empty-only, as Go's lookup sees it).</summary>
    public bool HasTemplate(string name) => throw new NotImplementedException();

    /// <summary>Names of all templates in the set.</summary>
    public IEnumerable<string> TemplateNames => throw new NotImplementedException();

    /// <summary>Executes template NAME with DATA as dot and returns the output.</summary>
    public string Execute(string name, object? data, CancellationToken ct = default) => throw new NotImplementedException();

    /// <summary>A copy that shares the parsed trees; templates parsed into the copy do not affect this set.</summary>
    public TemplateSet Clone() => throw new NotImplementedException();
}
