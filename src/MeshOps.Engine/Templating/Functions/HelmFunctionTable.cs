namespace MeshOps.Engine.Templating.Functions;

/// <summary>The complete function map of Helm's engine: Sprig (less env/expandenv) plus Helm's own functions.</summary>
public static class HelmFunctionTable
{
    /// <summary>
    /// Builds the map once; it holds no per-render state (include's recursion count lives with the executing
    /// thread), so one instance can serve every render that shares <paramref name="options"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, TemplateFunc> Create(HelmFunctionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var table = new Dictionary<string, TemplateFunc>(StringComparer.Ordinal);
        SprigFunctions.Register(table);
        HelmFunctions.Register(table, options);
        return table;
    }
}
