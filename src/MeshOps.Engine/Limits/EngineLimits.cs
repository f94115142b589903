namespace MeshOps.Engine.Limits;

/// <summary>
/// The engine's structural limits, one place for all of them (docs/en-US/about_MeshOps.md, section LIMITS, explains
/// each). A recursion in .NET cannot be caught once the stack is gone, so every input that can nest is refused at a
/// depth that every thread the engine runs on can hold (thread-pool threads have 1.5 MB of stack on Linux); values
/// that can grow inside a template are refused before they exhaust memory.
/// </summary>
public static class EngineLimits
{
    /// <summary>
    /// The largest input file (IstioOperator, values, profile, --set-file, kubeconfig) read into memory. Real ones are
    /// kilobytes; Istio's largest chart file is under 1 MB. ErrorId InputFileTooLarge.
    /// </summary>
    public const long MaxInputFileBytes = 16L * 1024 * 1024;

    /// <summary>
    /// How deeply maps and lists may nest: in YAML and JSON the engine reads, in values built by -Set/--set, and in
    /// values a template builds (a map that contains itself is infinitely deep). Istio's values nest about 10 deep
    /// and its CRD schemas about 40. The deepest-recursing walk (JSON serialization) holds about 1100 levels on a
    /// 1 MiB stack. ErrorIds YamlNestingTooDeep, ValueNestingTooDeep.
    /// </summary>
    public const int MaxValueDepth = 512;

    /// <summary>Elements of one -Set/--set path (each one is a level of nesting). ErrorId SetPathTooDeep.</summary>
    public const int MaxSetPathSegments = MaxValueDepth;

    /// <summary>
    /// How deeply a template may nest blocks ({{if}}, {{range}}, {{with}}, {{block}}, else-if chains) and
    /// parenthesized pipelines, counted together. Go limits parentheses alone, at 10000; charts nest under 20. The
    /// parser runs on the caller's thread: measured on a 1 MiB stack, about 650 nested parentheses or 900 nested
    /// blocks fit, so 400 leaves a wide margin. ErrorId TemplateNestingTooDeep.
    /// </summary>
    public const int MaxTemplateNesting = 400;

    /// <summary>
    /// How deeply tpl calls may nest (a value whose template calls tpl on itself). Helm 4.1.4 has no limit and dies
    /// of a Go stack overflow after about 20 s; the engine stops at Helm's limit for nested includes of one name.
    /// ErrorId TemplateExecutionError (kind LimitsExceeded).
    /// </summary>
    public const int MaxTplNesting = 1000;

    /// <summary>
    /// The longest string a template function may produce (UTF-16 characters), equal to the output limit of one
    /// template: a larger intermediate value cannot end up in a manifest anyway. ErrorId TemplateValueTooLarge.
    /// </summary>
    public const int MaxTemplateStringChars = 64 * 1024 * 1024;

    /// <summary>The most items a list (or keys a map) built by a template function may hold. ErrorId TemplateValueTooLarge.</summary>
    public const int MaxTemplateListItems = 1024 * 1024;

    /// <summary>
    /// The most maps and lists one walk over a value may visit, a map or list that appears several times counting
    /// each time. A template can nest a value into a new map twice per loop step, doubling what deepCopy or toYaml
    /// would build without using more memory itself. Istio's largest walks (all CRDs at once) visit tens of
    /// thousands. ErrorId TemplateValueTooLarge.
    /// </summary>
    public const int MaxWalkCollections = 1024 * 1024;
}
