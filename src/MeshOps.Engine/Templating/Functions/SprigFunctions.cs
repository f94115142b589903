namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Sprig v3's template functions (TxtFuncMap) as Helm keeps them: everything but env and expandenv, which Helm
/// removes. Results follow the engine's value model; Sprig's []string results are List&lt;object?&gt; of strings, and
/// its map-order-dependent results (keys, values) are sorted by key so that renders are reproducible.
/// </summary>
public static class SprigFunctions
{
    /// <summary>Adds (or replaces) Sprig's functions in <paramref name="table"/>.</summary>
    public static void Register(IDictionary<string, TemplateFunc> table)
    {
        ArgumentNullException.ThrowIfNull(table);
        table["hello"] = (_, a) =>
        {
            FuncArgs.Count("hello", a, 0);
            return "Hello!";
        };
        SprigStringFunctions.Register(table);
        SprigEncodingFunctions.Register(table);
        SprigCryptoFunctions.Register(table);
        SprigListFunctions.Register(table);
        SprigDictFunctions.Register(table);
        SprigDefaultFunctions.Register(table);
        SprigMathFunctions.Register(table);
        SprigRegexFunctions.Register(table);
        SprigDateFunctions.Register(table);
        SprigMiscFunctions.Register(table);
    }
}
