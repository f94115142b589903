using MeshOps.Engine.Hosting;
using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Recursion depth, output size and cancellation: bad templates end in errors, never in a crashed process.</summary>
public class LimitsTests
{
    [Fact]
    public void TemplateRecursionStopsAtConfiguredDepth()
    {
        var set = new TemplateSet(NoFuncs, new TemplateOptions { MaxRecursionDepth = 50 });
        set.Parse("t", "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("t", null));
        Assert.Equal("template: t:1:25: executing \"r\" at <{{template \"r\" .}}>: exceeded maximum template depth (50)", e.Message);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
    }

    [Fact]
    public void DeepRecursionEndsInDepthErrorNotStackOverflow()
    {
        // 20000 nested calls need far more than a default 1 MiB thread stack; execution runs on a large one.
        // (Go's default of 100000 works too, but the GC's walk of such a deep stack makes it take seconds.)
        var set = new TemplateSet(NoFuncs, new TemplateOptions { MaxRecursionDepth = 20000 });
        set.Parse("t", "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("t", null));
        Assert.EndsWith("exceeded maximum template depth (20000)", e.Message);
    }

    [Fact]
    public void DefaultDepthIsGoMaxExecDepth() => Assert.Equal(100000, new TemplateOptions().MaxRecursionDepth);

    [Fact]
    public void IncludeRecursionStopsWithoutWrappingEveryLevel()
    {
        var funcs = new Dictionary<string, TemplateFunc> { ["include"] = (ctx, a) => ctx.ExecuteTemplate((string)a[0]!, a[1]) };
        var set = new TemplateSet(funcs, new TemplateOptions { MaxRecursionDepth = 200 });
        set.Parse("t", "{{define \"r\"}}{{include \"r\" .}}{{end}}{{include \"r\" .}}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("t", null));
        Assert.Contains("exceeded maximum template depth (200)", e.Message);
        Assert.True(e.Message.Length < 500, e.Message);
    }

    [Fact]
    public void SelfReferencingTplFailsFastAtTheTplDepthLimit()
    {
        // Helm 4.1.4 counts no tpl nesting: this chart makes it die of a Go stack overflow after about 20 s.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.IsType<TemplateExecException>(Functions.FunctionTestHost.RenderFails("{{ tpl .t . }}",
            new Dictionary<string, object?> { ["t"] = "{{ tpl .t . }}" }));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString());
        Assert.Equal("TemplateExecutionError", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.Equal(1000, new TemplateOptions().MaxInlineDepth);
        // Reported once, at the tpl call that would go one level deeper, not reworded at each of the 1000 levels.
        Assert.StartsWith("template: gotpl:1:3: executing \"gotpl\" at <tpl .t .>: error calling tpl: exceeded maximum tpl depth (1000)", e.Message);
        Assert.True(e.Message.Length < 500, e.Message);
    }

    [Fact]
    public void TplRecursionThroughIncludeCountsToo()
    {
        var e = Assert.IsType<TemplateExecException>(Functions.FunctionTestHost.RenderFails(
            "{{ define \"x\" }}{{ tpl .t . }}{{ end }}{{ include \"x\" . }}",
            new Dictionary<string, object?> { ["t"] = "{{ include \"x\" . }}" }));
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains("exceeded maximum tpl depth (1000)", e.Message);
    }

    [Fact]
    public void TplNestedUpToTheLimitRenders()
    {
        // t renders .a with tpl, whose text renders .b with tpl, and so on: 3 nested tpl calls, then 4.
        var data = new Dictionary<string, object?> { ["a"] = "{{ tpl .b . }}", ["b"] = "{{ tpl .c . }}", ["c"] = "{{ tpl .d . }}", ["d"] = "x" };
        var set = new TemplateSet(Functions.FunctionTestHost.Table, new TemplateOptions { MaxInlineDepth = 3 });
        set.Parse("t", "{{ tpl .b . }}");
        Assert.Equal("x", set.Execute("t", data));
        set.Parse("u", "{{ tpl .a . }}");
        Assert.Contains("exceeded maximum tpl depth (3)", Assert.Throws<TemplateExecException>(() => set.Execute("u", data)).Message);
    }

    [Fact]
    public void OutputLimit()
    {
        var set = new TemplateSet(NoFuncs, new TemplateOptions { MaxOutputBytes = 100 });
        set.Parse("t", "{{range 1000}}0123456789{{end}}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("t", null));
        Assert.Contains("output exceeds the limit of 100 characters", e.Message);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        set.Parse("u", "{{range 9}}0123456789{{end}}");
        Assert.Equal(90, set.Execute("u", null).Length);
    }

    [Fact]
    public void OutputLimitAppliesToPrintedValues()
    {
        var set = new TemplateSet(NoFuncs, new TemplateOptions { MaxOutputBytes = 10 });
        set.Parse("t", "{{.}}");
        Assert.Throws<TemplateExecException>(() => set.Execute("t", new string('x', 11)));
    }

    [Fact]
    public void CancelledBeforeStart()
    {
        var set = new TemplateSet(NoFuncs);
        set.Parse("t", "x");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => set.Execute("t", null, cts.Token));
    }

    [Fact]
    public void CancelledWhileRunning()
    {
        using var cts = new CancellationTokenSource();
        var funcs = new Dictionary<string, TemplateFunc>
        {
            ["cancel"] = (ctx, _) =>
            {
                Assert.Equal(cts.Token, ctx.Cancellation);
                cts.Cancel();
                return "";
            },
        };
        var set = new TemplateSet(funcs);
        set.Parse("t", "{{range 100000}}{{if eq . 5}}{{cancel}}{{end}}{{.}}{{end}}");
        Assert.ThrowsAny<OperationCanceledException>(() => set.Execute("t", null, cts.Token));
    }

    [Fact]
    public void UnknownTemplateName()
    {
        var set = new TemplateSet(NoFuncs);
        Assert.Equal("template: no template \"x\" associated with template \"gotpl\"",
            Assert.Throws<TemplateExecException>(() => set.Execute("x", null)).Message);
    }

    [Fact]
    public void ConcurrentExecutionOfOneSet()
    {
        var set = new TemplateSet(NoFuncs);
        set.Parse("t", "{{range .}}{{.}}{{end}}");
        var results = new string[8];
        Parallel.For(0, 8, i => results[i] = set.Execute("t", List(i, i + 1)));
        for (var i = 0; i < 8; i++) Assert.Equal($"{i}{i + 1}", results[i]);
    }
}
