using MeshOps.Engine.Templating;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Shared helpers: values in the engine's model and one-line render calls.</summary>
internal static class T
{
    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) d[k] = v;
        return d;
    }

    public static List<object?> List(params object?[] items) => new(items);

    public static readonly IReadOnlyDictionary<string, TemplateFunc> NoFuncs = new Dictionary<string, TemplateFunc>();

    public static string Render(string text, object? data = null, IReadOnlyDictionary<string, TemplateFunc>? funcs = null, TemplateOptions? options = null)
    {
        var set = new TemplateSet(funcs ?? NoFuncs, options);
        set.Parse("t", text);
        return set.Execute("t", data);
    }

    public static string ExecError(string text, object? data = null, IReadOnlyDictionary<string, TemplateFunc>? funcs = null, TemplateOptions? options = null)
    {
        var set = new TemplateSet(funcs ?? NoFuncs, options);
        set.Parse("t", text);
        return Assert.Throws<TemplateExecException>(() => set.Execute("t", data)).Message;
    }

    public static string ParseError(string text, IReadOnlyDictionary<string, TemplateFunc>? funcs = null)
    {
        var set = new TemplateSet(funcs ?? NoFuncs);
        return Assert.Throws<TemplateParseException>(() => set.Parse("t", text)).Message;
    }

    /// <summary>Data resembling Go's exec_test tVal, in the engine's model.</summary>
    public static Dictionary<string, object?> Data() => Map(
        ("I", 17),
        ("U16", (ushort)16),
        ("X", "x"),
        ("S", "xyz"),
        ("F", 1.5),
        ("True", true),
        ("False", false),
        ("Nil", null),
        ("SI", List(3, 4, 5)),
        ("SIEmpty", List()),
        ("SB", List(true, false)),
        ("MSI", Map(("one", 1), ("two", 2), ("three", 3))),
        ("MSIone", Map(("one", 1))),
        ("MSIEmpty", Map()),
        ("Values", Map(("a", Map(("b", "deep"))), ("n", null), ("count", 3.0), ("list", List("x", null, "z")))));
}
