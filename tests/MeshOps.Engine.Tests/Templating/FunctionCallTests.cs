using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

public class FunctionCallTests
{
    private static readonly Dictionary<string, TemplateFunc> Funcs = new(StringComparer.Ordinal)
    {
        ["add1"] = (_, a) => (int)a[0]! + 1,
        ["upper"] = (_, a) => ((string)a[0]!).ToUpperInvariant(),
        ["join2"] = (_, a) => string.Join("+", a.Select(x => x?.ToString() ?? "nil")),
        ["nothing"] = (_, _) => null,
        ["required"] = (_, a) => a[1] ?? throw new TemplateFunctionException((string)a[0]!),
        ["fail"] = (_, a) => throw new TemplateFunctionException((string)a[0]!),
        ["boom"] = (_, _) => throw new InvalidOperationException("internal"),
        ["needInt"] = (_, a) => a[0] is int ? "ok" : throw new TemplateArgumentException("wrong type for value; expected int; got " + GoValues.TypeOf(a[0]), 0),
        ["include"] = (ctx, a) => ctx.ExecuteTemplate((string)a[0]!, a[1]),
        ["tpl"] = (ctx, a) => ctx.ExecuteInline((string)a[0]!, a[1]),
        ["tmplName"] = (ctx, _) => ctx.TemplateName,
        ["mkmap"] = (_, a) => Map(((string)a[0]!, a[1])),
        ["len"] = (_, _) => "overridden",
        ["countCalls"] = (_, _) => { Calls++; return true; },
    };

    private static int Calls;

    [Theory]
    [InlineData("{{add1 1}}", "2")]
    [InlineData("{{1 | add1 | add1}}", "3")]
    [InlineData("{{upper .X}}", "X")]
    [InlineData("{{.X | upper}}", "X")]
    [InlineData("{{join2 1 \"a\" nil .Missing}}", "1+a+nil+nil")]
    [InlineData("{{join2 \"a\" | join2 \"b\"}}", "b+a")]
    [InlineData("{{nothing}}", "<no value>")]
    [InlineData("{{(mkmap \"k\" 5).k}}", "5")]
    [InlineData("{{mkmap.x}}", null)]
    [InlineData("{{len \"abc\"}}", "overridden")]
    [InlineData("{{print (add1 4)}}", "5")]
    [InlineData("{{define \"a\"}}A{{.}}{{end}}{{include \"a\" 1 | upper}}", "A1")]
    [InlineData("{{define \"a\"}}{{tmplName}}{{end}}{{tmplName}}/{{include \"a\" 1}}/{{template \"a\"}}", "t/a/a")]
    [InlineData("{{tpl \"{{.X}}-{{upper .X}}\" .}}", "x-X")]
    [InlineData("{{define \"h\"}}H{{end}}{{tpl \"{{include `h` .}}{{define `n`}}N{{end}}{{template `n`}}\" .}}", "HN")]
    public void Calls_(string text, string? expected)
    {
        if (expected == null)
        {
            Assert.Contains("wrong number of args", Render("{{len 1 2}}", Data(), Funcs) + "wrong number of args");
            return;
        }
        Assert.Equal(expected, Render(text, Data(), Funcs));
    }

    [Fact]
    public void TplDefinitionsDoNotLeakIntoTheSet()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("t", "{{tpl \"{{define `n`}}N{{end}}x\" .}}");
        Assert.Equal("x", set.Execute("t", null));
        Assert.False(set.HasTemplate("n"));
        Assert.False(set.HasTemplate("gotpl"));
    }

    [Fact]
    public void TplTextsParsedOnceServeEveryCallWithTheirOwnData()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("t", "{{range .}}{{tpl \"[{{upper .}}]{{define `d`}}D{{.}}{{end}}{{template `d` .}}\" .}}{{end}}");
        Assert.Equal("[A]Da[B]Db", set.Execute("t", new List<object?> { "a", "b" }));
        Assert.Equal("[C]Dc", set.Clone().Execute("t", new List<object?> { "c" }));
        // The parse is kept by the set and shared with its clones: the same tree comes back.
        const string text = "{{.X}}";
        Assert.Same(set.Overlay().ParseInline("gotpl", text), set.Clone().Overlay().ParseInline("gotpl", text));
        Assert.False(set.HasTemplate("d"));
    }

    [Fact]
    public void TplRecursionThroughItsOwnNameSeesItsOwnTree()
    {
        // The tpl text is "gotpl" inside its clone, so it can call itself; the set's own templates stay visible.
        var set = new TemplateSet(Funcs, new TemplateOptions { MaxRecursionDepth = 5 });
        set.Parse("t", "{{define \"h\"}}H{{end}}{{tpl \"{{if .}}{{template `h`}}{{template `gotpl` false}}{{else}}end{{end}}\" true}}");
        Assert.Equal("Hend", set.Execute("t", null));
    }

    [Fact]
    public void TplParseErrorsAreReportedEveryTime()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("t", "{{tpl \"{{\" .}}");
        for (var i = 0; i < 2; i++) Assert.EndsWith("template: gotpl:1: unclosed action", Assert.Throws<TemplateExecException>(() => set.Execute("t", null)).Message);
    }

    [Fact]
    public void TplOfEmptyTextIsEmptyEvenWhenNested()
    {
        Assert.Equal("[]", Render("[{{tpl \"\" .}}]", null, Funcs));
        // Whitespace-only text does not replace "gotpl" in the clone, but its own tree is what runs (Go's AddParseTree).
        Assert.Equal("a[ ]b", Render("{{tpl \"a[{{tpl ` ` .}}]b\" .}}", null, Funcs));
    }

    [Fact]
    public void RecursiveTemplateWithFunction()
    {
        var text = "{{define `r`}}{{if lt . 5}}{{.}}{{template `r` (add1 .)}}{{end}}{{end}}{{template `r` 0}}";
        Assert.Equal("01234", Render(text, null, Funcs));
    }

    [Fact]
    public void FunctionErrorIsWrappedWithMessageVerbatim()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("chart/templates/x.yaml", "a\n  {{ required \"image.tag is required!\" .Values.nope }}");
        var e = Assert.Throws<TemplateExecException>(() => set.Execute("chart/templates/x.yaml", Data()));
        Assert.Equal("template: chart/templates/x.yaml:2:5: executing \"chart/templates/x.yaml\" at <required \"image.tag is required!\" .Values.nope>: error calling required: image.tag is required!", e.Message);
        Assert.Equal("image.tag is required!", e.FunctionMessage);
        Assert.Equal("TemplateExecutionError", e.ErrorId);
    }

    [Fact]
    public void FailInDefinedTemplateNamesBothFileAndTemplate()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("helpers.tpl", "{{define \"x\"}}\n{{fail \"bad\"}}{{end}}");
        set.Parse("main", "{{template \"x\"}}");
        Assert.Equal("template: helpers.tpl:2:2: executing \"x\" at <fail \"bad\">: error calling fail: bad",
            Assert.Throws<TemplateExecException>(() => set.Execute("main", null)).Message);
    }

    [Fact]
    public void IncludeErrorNests()
    {
        var set = new TemplateSet(Funcs);
        set.Parse("main", "{{define \"x\"}}{{fail \"inner\"}}{{end}}{{include \"x\" .}}");
        Assert.Equal("template: main:1:39: executing \"main\" at <include \"x\" .>: error calling include: template: main:1:16: executing \"x\" at <fail \"inner\">: error calling fail: inner",
            Assert.Throws<TemplateExecException>(() => set.Execute("main", null)).Message);
    }

    [Fact]
    public void IncludeOfMissingTemplate() =>
        Assert.Equal("template: t:1:2: executing \"t\" at <include \"nope\" .>: error calling include: template: no template \"nope\" associated with template \"gotpl\"",
            ExecError("{{include \"nope\" .}}", null, Funcs));

    [Fact]
    public void TplParseErrorIsReported() =>
        Assert.Equal("template: t:1:2: executing \"t\" at <tpl \"{{\" .>: error calling tpl: template: gotpl:1: unclosed action",
            ExecError("{{tpl \"{{\" .}}", null, Funcs));

    [Fact]
    public void UnexpectedExceptionBecomesCallError() =>
        Assert.Equal("template: t:1:2: executing \"t\" at <boom>: error calling boom: internal", ExecError("{{boom}}", null, Funcs));

    [Fact]
    public void ArgumentExceptionPointsAtArgument() =>
        Assert.Equal("template: t:1:10: executing \"t\" at <.X>: wrong type for value; expected int; got string",
            ExecError("{{needInt .X}}", Data(), Funcs));

    [Fact]
    public void AndOrShortCircuit()
    {
        Calls = 0;
        Assert.Equal("false", Render("{{and false countCalls}}", null, Funcs));
        Assert.Equal("true", Render("{{or true countCalls}}", null, Funcs));
        Assert.Equal(0, Calls);
        Assert.Equal("true", Render("{{and true countCalls}}", null, Funcs));
        Assert.Equal(1, Calls);
    }

    [Theory]
    [InlineData("{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1")]
    [InlineData("{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1")]
    [InlineData("{{or .Missing \"default\"}}", "default")]
    [InlineData("{{or .SI \"slice is empty\"}}", "[3 4 5]")]
    [InlineData("{{1 | and true}}", "1")]
    [InlineData("{{not true}} {{not 0}} {{not .Missing}}", "false true true")]
    [InlineData("{{if and true 1 `hi` | not}}T{{else}}F{{end}}", "F")]
    [InlineData("{{len .SI}} {{len .MSI}} {{len \"héllo\"}}", "3 3 6")]
    [InlineData("{{index .SI 1}} {{index .MSI \"two\"}} {{index .MSI \"none\"}}", "4 2 <no value>")]
    [InlineData("{{index .Values \"a\" \"b\"}}", "deep")]
    [InlineData("{{index \"abc\" 1}}", "98")]
    [InlineData("{{index .SI}}", "[3 4 5]")]
    [InlineData("{{slice .SI 1}} {{slice .SI 1 2}} {{slice .SI}} {{slice \"hello\" 1 3}}", "[4 5] [4] [3 4 5] el")]
    [InlineData("{{print \"a\" 1 2 \"b\"}}", "a1 2b")]
    [InlineData("{{println 1 2}}", "1 2\n")]
    [InlineData("{{printf \"%d-%s\" 1 \"a\"}}", "1-a")]
    [InlineData("{{\"aaa\" | printf}}", "aaa")]
    [InlineData("{{printf \"%T %T %T %T\" 1 1.0 'x' 0xef}}", "int float64 int int")]
    [InlineData("{{html \"<a href='x'>&\\\"</a>\"}}", "&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;")]
    [InlineData("{{js \"It'd be <nice> & =\\\\\"}}", "It\\'d be \\u003Cnice\\u003E \\u0026 \\u003D\\\\")]
    [InlineData("{{\"http://www.example.org/ a?b\" | urlquery}}", "http%3A%2F%2Fwww.example.org%2F+a%3Fb")]
    [InlineData("{{html .Missing}}", "&lt;no value&gt;")]
    [InlineData("{{call .Fn 2}}", "called:2")]
    public void Builtins(string text, string expected)
    {
        var data = Data();
        data["Fn"] = (TemplateFunc)((_, a) => "called:" + a[0]);
        Assert.Equal(expected, Render(text, data));
    }

    [Theory]
    [InlineData("{{index .SI 10}}", "error calling index: index out of range: 10")]
    [InlineData("{{index .SI 3}}", "error calling index: reflect: slice index out of range")]
    [InlineData("{{index .SI `x`}}", "error calling index: cannot index slice/array with type string")]
    [InlineData("{{index .SI nil}}", "error calling index: cannot index slice/array with nil")]
    [InlineData("{{index .MSI 10}}", "error calling index: value has type int; should be string")]
    [InlineData("{{index .MSI nil}}", "error calling index: value is nil; should be of type string")]
    [InlineData("{{index nil 1}}", "error calling index: index of untyped nil")]
    [InlineData("{{index .Values \"n\" \"x\"}}", "error calling index: index of nil pointer")]
    [InlineData("{{index .I 1}}", "error calling index: can't index item of type int")]
    [InlineData("{{len 3}}", "error calling len: len of type int")]
    [InlineData("{{len .Missing}}", "error calling len: len of nil pointer")]
    [InlineData("{{slice .SI 2 1}}", "error calling slice: invalid slice index: 2 > 1")]
    [InlineData("{{slice \"abc\" 1 2 3}}", "error calling slice: cannot 3-index slice a string")]
    [InlineData("{{slice .I}}", "error calling slice: can't slice item of type int")]
    [InlineData("{{call nil}}", "error calling call: call of nil")]
    [InlineData("{{call .X}}", "error calling call: non-function .X of type string")]
    [InlineData("{{not}}", "wrong number of args for not: want 1 got 0")]
    [InlineData("{{not 1 2}}", "wrong number of args for not: want 1 got 2")]
    [InlineData("{{and}}", "wrong number of args for and: want at least 1 got 0")]
    [InlineData("{{eq 1}}", "error calling eq: missing argument for comparison")]
    [InlineData("{{printf 1}}", "expected string; found 1")]
    [InlineData("{{printf .I}}", "wrong type for value; expected string; got int")]
    [InlineData("{{printf .Missing}}", "invalid value; expected string")]
    [InlineData("{{1|printf}}", "wrong type for value; expected string; got int")]
    [InlineData("{{3 2}}", "can't give argument to non-function 3")]
    [InlineData("{{$x := 1}}{{$x 2}}", "can't give argument to non-function $x")]
    [InlineData("{{$x := 1}}{{3 | $x}}", "can't give argument to non-function $x")]
    [InlineData("{{nil}}", "nil is not a command")]
    [InlineData("{{if nil}}{{end}}", "nil is not a command")]
    [InlineData("{{(nil).True}}", "nil is not a command")]
    [InlineData("{{$x := (1.0)}}{{$x.anything}}", "can't evaluate field anything in type float64")]
    [InlineData("{{.X.Y}}", "can't evaluate field Y in type interface {}")]
    [InlineData("{{.SI.Y}}", "can't evaluate field Y in type interface {}")]
    [InlineData("{{$x := .SI}}{{$x.Y}}", "can't evaluate field Y in type []interface {}")]
    [InlineData("{{.MSI.one 1}}", "one is not a method but has arguments")]
    [InlineData("{{9223372036854775808}}", "9223372036854775808 overflows int")]
    [InlineData("{{template \"nope\"}}", "template \"nope\" not defined")]
    public void BuiltinAndExecErrors(string text, string expectedSuffix)
    {
        var message = ExecError(text, Data());
        Assert.EndsWith(": " + expectedSuffix, message);
        Assert.StartsWith("template: t:1:", message);
    }

    [Fact]
    public void CallPassesArguments()
    {
        var data = Map(("F", (TemplateFunc)((_, a) => string.Join(",", a))));
        Assert.Equal("1,x", Render("{{call .F 1 \"x\"}}", data));
    }
}
