using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Go's distinction between a missing key ("no value") and a nil held in an interface, per missingkey mode.</summary>
public class NilAndMissingKeyTests
{
    private static readonly TemplateOptions Zero = new() { MissingKey = MissingKeyMode.Zero };
    private static readonly TemplateOptions Strict = new() { MissingKey = MissingKeyMode.Error };

    private static Dictionary<string, object?> Values() => Map(("Values", Map(
        ("present", Map(("b", "B"))),
        ("nilled", null),
        ("list", List(Map(("x", "1")), null, "s")),
        ("typed", new Dictionary<string, string> { ["k"] = "v" }))));

    [Theory]
    [InlineData("{{.Values.absent}}", "<no value>")]
    [InlineData("{{.Values.absent.b}}", "<no value>")]
    [InlineData("{{.Values.present.b}}", "B")]
    [InlineData("{{.Values.typed.k}}|{{.Values.typed.none}}", "v|<no value>")]
    [InlineData("{{(.Values.nilled).b}}", "<no value>")]
    [InlineData("{{$n := .Values.nilled}}{{$n.b}}", "<no value>")]
    [InlineData("{{if .Values.absent.b}}y{{else}}n{{end}}", "n")]
    public void DefaultMode(string text, string expected) => Assert.Equal(expected, Render(text, Values()));

    [Theory]
    [InlineData("{{.Values.absent}}", "<no value>")]
    [InlineData("{{.Values.typed.none}}|", "|")]
    [InlineData("{{.Values.present.b}}", "B")]
    [InlineData("{{.Values.absent | printf \"%v\"}}", "<nil>")]
    public void ZeroMode(string text, string expected) => Assert.Equal(expected, Render(text, Values(), options: Zero));

    [Fact]
    public void ZeroModeFieldOfMissingKeyIsNilPointerError() =>
        Assert.Equal("template: t:1:10: executing \"t\" at <.Values.absent.b>: nil pointer evaluating interface {}.b",
            ExecError("{{ .Values.absent.b }}", Values(), options: Zero));

    [Theory]
    [InlineData(MissingKeyMode.Default)]
    [InlineData(MissingKeyMode.Zero)]
    [InlineData(MissingKeyMode.Error)]
    public void FieldOfNilValueIsNilPointerErrorInEveryMode(MissingKeyMode mode) =>
        Assert.EndsWith("at <.Values.nilled.b>: nil pointer evaluating interface {}.b",
            ExecError("{{.Values.nilled.b}}", Values(), options: new TemplateOptions { MissingKey = mode }));

    [Fact]
    public void RangeOverNilElementMakesDotANilInterface()
    {
        Assert.EndsWith("at <.x>: nil pointer evaluating interface {}.x", ExecError("{{range .Values.list}}{{.x}}{{end}}", Values()));
        Assert.EndsWith("at <$v.x>: nil pointer evaluating interface {}.x", ExecError("{{range $v := .Values.list}}{{if not $v}}{{$v.x}}{{end}}{{end}}", Values()));
        Assert.Equal("[<no value>]", Render("{{range .Values.list}}{{if not .}}[{{.}}]{{end}}{{end}}", Values()));
    }

    [Fact]
    public void FieldOfStringElement() =>
        // The element's static type is interface {} (Go reports the type before looking inside).
        Assert.EndsWith("can't evaluate field x in type interface {}", ExecError("{{range .Values.list}}{{if .}}{{.x}}{{end}}{{end}}", Values()));

    [Theory]
    [InlineData("{{.Values.s.Foo}}", "can't evaluate field Foo in type interface {}")]
    [InlineData("{{$s := .Values.s}}{{$s.Foo}}", "can't evaluate field Foo in type string")]
    [InlineData("{{(.Values.s).Foo}}", "can't evaluate field Foo in type string")]
    [InlineData("{{with .Values.s}}{{.Foo}}{{end}}", "can't evaluate field Foo in type string")]
    [InlineData("{{range $k, $v := .Values}}{{if eq $k \"s\"}}{{$v.Foo}}{{end}}{{end}}", "can't evaluate field Foo in type interface {}")]
    [InlineData("{{.Values.typed.k.Foo}}", "can't evaluate field Foo in type string")]
    public void FieldOfNonMapNamesStaticType(string text, string expectedSuffix)
    {
        var data = Values();
        ((Dictionary<string, object?>)data["Values"]!)["s"] = "str";
        Assert.EndsWith(expectedSuffix, ExecError(text, data));
    }

    [Fact]
    public void StrictModeMissingKey() =>
        Assert.Equal("template: t:1:9: executing \"t\" at <.Values.absent>: map has no entry for key \"absent\"",
            ExecError("{{.Values.absent}}", Values(), options: Strict));

    [Fact]
    public void StrictModeNilData() =>
        Assert.EndsWith("nil data; no entry for key \"x\"", ExecError("{{.x}}", null, options: Strict));

    [Fact]
    public void NilDataPrintsNoValue()
    {
        Assert.Equal("<no value>", Render("{{.}}", null));
        Assert.Equal("<no value>", Render("{{.x.y}}", null));
        Assert.Equal("<no value>", Render("{{$}}", null));
    }

    [Fact]
    public void TplCloneKeepsMissingKeyMode()
    {
        var funcs = new Dictionary<string, TemplateFunc> { ["tpl"] = (ctx, a) => ctx.ExecuteInline((string)a[0]!, a[1]) };
        Assert.EndsWith("map has no entry for key \"nope\"", ExecError("{{tpl \"{{.nope}}\" .}}", Map(), funcs, Strict));
    }
}
