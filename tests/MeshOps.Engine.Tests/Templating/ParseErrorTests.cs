using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Parse errors in Go's words (parse.go/lex.go): "template: NAME:LINE: MESSAGE".</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData("{{ .X }", "unexpected \"}\" in operand")]
    [InlineData("{{.X}", "bad character U+007D '}'")]
    [InlineData("{{range .X}}", "unexpected EOF")]
    [InlineData("{{end}}", "unexpected {{end}}")]
    [InlineData("{{else}}", "unexpected {{else}}")]
    [InlineData("{{if}}{{end}}", "missing value for if")]
    [InlineData("{{with}}{{end}}", "missing value for with")]
    [InlineData("{{}}", "missing value for command")]
    [InlineData("{{nope 1}}", "function \"nope\" not defined")]
    [InlineData("{{$x}}", "undefined variable \"$x\"")]
    [InlineData("{{\"abc}}", "unterminated quoted string")]
    [InlineData("{{`abc}}", "unterminated raw quoted string")]
    [InlineData("{{'ab}}", "unterminated character constant")]
    [InlineData("{{'ab'}}", "malformed character constant: 'ab'")]
    [InlineData("{{", "unclosed action")]
    [InlineData("{{.X", "unclosed action")]
    [InlineData("{{.X | 3}}", "non executable command in pipeline stage 2")]
    [InlineData("{{.X | \"s\"}}", "non executable command in pipeline stage 2")]
    [InlineData("{{3.x}}", "bad number syntax: \"3.x\"")]
    [InlineData("{{0x}}", "illegal number syntax: \"0x\"")]
    [InlineData("{{08}}", "integer overflow: 08")]
    [InlineData("{{1__0}}", "illegal number syntax: \"1__0\"")]
    [InlineData("{{99999999999999999999}}", "integer overflow: 99999999999999999999")]
    [InlineData("{{1e400}}", "illegal number syntax: \"1e400\"")]
    [InlineData("{{define \"a\"}}{{define \"b\"}}{{end}}{{end}}", "unexpected <define> in command")]
    [InlineData("{{template .X}}", "unexpected \".X\" in template clause")]
    [InlineData("{{template \"a\" | }}", "unexpected \"|\" in template clause")]
    [InlineData("{{break}}", "{{break}} outside {{range}}")]
    [InlineData("{{continue}}", "{{continue}} outside {{range}}")]
    [InlineData("{{range .X}}{{break 1}}{{end}}", "unexpected \"1\" in {{break}}")]
    [InlineData("{{if true}}{{break}}{{end}}", "{{break}} outside {{range}}")]
    [InlineData("{{range .X}}{{else}}{{else}}{{end}}", "expected end; found {{else}}")]
    [InlineData("{{)}}", "unexpected right paren")]
    [InlineData("{{(1}}", "unclosed left paren")]
    [InlineData("{{\"a\".b}}", "unexpected . after term \"\\\"a\\\"\"")]
    [InlineData("{{1.5.x}}", "unexpected . after term \"1.5\"")]
    [InlineData("{{/* x }}", "unclosed comment")]
    [InlineData("{{/* x */ 1}}", "comment ends before closing delimiter")]
    [InlineData("{{.X ! }}", "unexpected \"!\" in operand")]
    [InlineData("{{\"\\q\"}}", "invalid syntax")]
    [InlineData("{{$x, $y := 1}}", "too many declarations in command")]
    [InlineData("{{range $x, 1}}{{end}}", "range can only initialize variables")]
    [InlineData("{{define \"a\"}}x", "unexpected EOF")]
    [InlineData("{{define a}}{{end}}", "unexpected \"a\" in define clause")]
    [InlineData("{{$x := 1}}{{$x :1}}", "expected :=")]
    [InlineData("{{.X:=1}}", "unexpected \":=\" in operand")]
    [InlineData("{{ \u0001}}", "unrecognized character in action: U+0001")]
    [InlineData("{{.X\u0001}}", "bad character U+0001")]
    [InlineData("{{| 1}}", "unexpected \"|\" in command")]
    [InlineData("{{if .X}}{{else if}}{{end}}", "missing value for if")]
    [InlineData("{{3 | .abcdefghijklm x}}", "function \"x\" not defined")]
    [InlineData("{{abcdefghijkl?}}", "bad character U+003F '?'")]
    public void Messages(string text, string expected) => Assert.Equal("template: t:1: " + expected, ParseError(text));

    [Fact]
    public void LongTokensAreTruncatedInMessages() =>
        Assert.Equal("template: t:1: unexpected \"abcdefghij\"... in define clause", ParseError("{{define abcdefghijklm}}{{end}}"));

    [Fact]
    public void LineNumbersCountTextCommentsAndRawStrings()
    {
        Assert.Equal("template: t:3: unexpected \"}\" in operand", ParseError("a\nb\n{{.X }"));
        Assert.Equal("template: t:3: unexpected \"}\" in operand", ParseError("{{/*\n\n*/}}{{.X }"));
        Assert.Equal("template: t:3: unexpected \"}\" in operand", ParseError("{{`\n`}}\n{{.X }"));
        Assert.Equal("template: t:2: unexpected \"}\" in operand", ParseError("{{- 1 -}}\n  {{.X }"));
    }

    [Fact]
    public void ErrorInMultiLineActionNamesWhereItStarted() =>
        Assert.Equal("template: t:3: unclosed action started at t:1", ParseError("{{.X\n\n"));

    [Fact]
    public void ExceptionCarriesNameLineAndColumn()
    {
        var set = new TemplateSet(NoFuncs);
        var e = Assert.Throws<TemplateParseException>(() => set.Parse("chart/templates/svc.yaml", "ok\n  {{ .X }"));
        Assert.Equal("template: chart/templates/svc.yaml:2: unexpected \"}\" in operand", e.Message);
        Assert.Equal("chart/templates/svc.yaml", e.TemplateName);
        Assert.Equal(2, e.Line);
        Assert.Equal(9, e.Column);
        Assert.Equal("TemplateParseError", e.ErrorId);
        Assert.Equal(MeshOps.Engine.Hosting.MeshErrorKind.SyntaxError, e.Kind);
    }

    [Fact]
    public void FailedParseAddsNothing()
    {
        var set = new TemplateSet(NoFuncs);
        Assert.Throws<TemplateParseException>(() => set.Parse("t", "{{define \"ok\"}}x{{end}}{{.X}"));
        Assert.False(set.HasTemplate("ok"));
        Assert.False(set.HasTemplate("t"));
    }

    [Fact]
    public void FunctionNamedBreakIsAFunction()
    {
        var funcs = new Dictionary<string, TemplateFunc> { ["break"] = (_, _) => "B" };
        Assert.Equal("B", Render("{{break}}", null, funcs));
    }
}
