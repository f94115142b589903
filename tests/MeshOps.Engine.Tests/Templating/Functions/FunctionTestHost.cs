using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;

namespace MeshOps.Engine.Tests.Templating.Functions;

/// <summary>Runs templates through TemplateSet with Helm's function table, or calls one function directly.</summary>
internal static class FunctionTestHost
{
    public static readonly IReadOnlyDictionary<string, TemplateFunc> Table = HelmFunctionTable.Create(new HelmFunctionOptions());

    /// <summary>Executes <paramref name="text"/> as template "test" with <paramref name="data"/> as dot.</summary>
    public static string Render(string text, object? data = null, IReadOnlyDictionary<string, TemplateFunc>? table = null)
    {
        var set = new TemplateSet(table ?? Table, new TemplateOptions { MissingKey = MissingKeyMode.Default });
        set.Parse("test", text);
        return set.Execute("test", data);
    }

    /// <summary>The error a template fails with.</summary>
    public static Exception RenderFails(string text, object? data = null)
    {
        var e = Record.Exception(() => Render(text, data));
        Assert.NotNull(e);
        return e!;
    }

    /// <summary>Calls function <paramref name="name"/> directly.</summary>
    public static object? Call(string name, params object?[] args) => Table[name](NoContext.Instance, args);

    /// <summary>The message a direct call fails with.</summary>
    public static string CallFails(string name, params object?[] args)
    {
        var e = Assert.ThrowsAny<TemplateFunctionException>(() => Call(name, args));
        return e.Message;
    }

    /// <summary>A map[string]interface{} from key/value pairs.</summary>
    public static Dictionary<string, object?> Map(params object?[] kv)
    {
        var d = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < kv.Length; i += 2) d[(string)kv[i]!] = kv[i + 1];
        return d;
    }

    /// <summary>A []interface{}.</summary>
    public static List<object?> List(params object?[] items) => new(items);

    private sealed class NoContext : TemplateCallContext
    {
        public static readonly NoContext Instance = new();
        public override string TemplateName => "direct";
        public override string ExecuteTemplate(string name, object? data) => throw new InvalidOperationException("no template");
        public override string ExecuteInline(string text, object? data) => throw new InvalidOperationException("no template");
        public override CancellationToken Cancellation => CancellationToken.None;
    }
}
