namespace MeshOps.Engine.Templating;

/// <summary>Go's <c>missingkey</c> option: what a map lookup of an absent key yields.</summary>
public enum MissingKeyMode
{
    /// <summary><c>missingkey=default</c> (also <c>invalid</c>): the value is "no value", printed as <c>&lt;no value&gt;</c>.</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the map element type's zero value; for map[string]interface{} that is nil, still printed <c>&lt;no value&gt;</c>.</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with <c>map has no entry for key "K"</c>.</summary>
    Error,
}

/// <summary>Options of a <see cref="TemplateSet"/>; shared by its clones.</summary>
public sealed class TemplateOptions
{
    /// <summary>Go's missingkey option (Helm: Zero unless --strict, then Error).</summary>
    public MissingKeyMode MissingKey { get; init; } = MissingKeyMode.Default;

    /// <summary>How deeply {{template}} calls may nest before execution fails (Go's maxExecDepth is 100000).</summary>
    public int MaxRecursionDepth { get; init; } = 100000;

    /// <summary>
    /// How deeply tpl calls (<see cref="TemplateCallContext.ExecuteInline"/>) may nest before execution fails with a
    /// LimitsExceeded TemplateExecutionError. Helm counts none (a self-referencing tpl overflows its stack); 1000 is
    /// Helm's limit for include of one name, far beyond any chart.
    /// </summary>
    public int MaxInlineDepth { get; init; } = Limits.EngineLimits.MaxTplNesting;

    /// <summary>The most UTF-16 characters one Execute call may produce (a guard against runaway templates).</summary>
    public long MaxOutputBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Name of the template the set hangs off, as Go's <c>template.New(name)</c> (Helm: "gotpl"). It appears in
    /// <c>no template "x" associated with template "gotpl"</c> and names the templates that tpl parses inline.
    /// </summary>
    public string RootName { get; init; } = "gotpl";

    /// <summary>Left action delimiter (Go's Delims); empty means <c>{{</c>.</summary>
    public string LeftDelimiter { get; init; } = "{{";

    /// <summary>Right action delimiter (Go's Delims); empty means <c>}}</c>.</summary>
    public string RightDelimiter { get; init; } = "}}";
}
