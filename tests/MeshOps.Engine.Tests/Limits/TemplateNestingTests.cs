using System.Text;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Tests.Charts;
using MeshOps.Engine.Tests.Templating.Functions;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// Template nesting is limited at parse time: the parser recurses once per level on whatever thread parses, so 10000
/// nested blocks or parentheses used to overflow the stack and kill the process.
/// </summary>
public class TemplateNestingTests
{
    private const int Limit = EngineLimits.MaxTemplateNesting;

    private static string NestedIfs(int n) => Repeat("{{ if true }}", n) + "x" + Repeat("{{ end }}", n);
    private static string NestedParens(int n) => "{{ " + Repeat("(", n) + "1" + Repeat(")", n) + " }}";
    private static string ElseIfChain(int n) => "{{ if false }}" + Repeat("{{ else if false }}", n - 1) + "{{ else }}x{{ end }}";
    private static string NestedRanges(int n) => Repeat("{{ range list 1 }}", n) + "x" + Repeat("{{ end }}", n);

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    public static TheoryData<string> Shapes() => new() { "if", "parens", "else-if", "range" };

    private static string Nested(string shape, int n) => shape switch
    {
        "if" => NestedIfs(n),
        "parens" => NestedParens(n),
        "else-if" => ElseIfChain(n),
        _ => NestedRanges(n),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void OneLevelOverTheLimitFailsWithItsId(string shape)
    {
        var set = new TemplateSet(FunctionTestHost.Table);
        var e = Assert.Throws<TemplateParseException>(() => set.Parse("t", Nested(shape, Limit + 1)));
        Assert.Equal("TemplateNestingTooDeep", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.StartsWith("template: t:1: max nesting depth exceeded (more than " + Limit, e.Message);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TheLimitItselfParsesAndRunsOnASmallStack(string shape)
    {
        // Parsing happens on the caller's thread; 1 MiB is less than any thread the engine parses on.
        var output = SmallStack.Run(() =>
        {
            var set = new TemplateSet(FunctionTestHost.Table);
            set.Parse("t", Nested(shape, Limit));
            return set.Execute("t", null);
        });
        Assert.Equal(shape == "parens" ? "1" : "x", output);
    }

    [Fact]
    public void TenThousandNestedBlocksFailInsteadOfCrashing()
    {
        var set = new TemplateSet(FunctionTestHost.Table);
        Assert.Equal("TemplateNestingTooDeep", Assert.Throws<TemplateParseException>(() => SmallStack.Run(() => { set.Parse("t", NestedIfs(10000)); return 0; })).ErrorId);
        Assert.Equal("TemplateNestingTooDeep", Assert.Throws<TemplateParseException>(() => SmallStack.Run(() => { set.Parse("u", NestedParens(10000)); return 0; })).ErrorId);
    }

    [Fact]
    public void SiblingBlocksDoNotAddUp()
    {
        var text = Repeat(NestedIfs(Limit / 2), 4);
        var set = new TemplateSet(FunctionTestHost.Table);
        set.Parse("t", text);
        Assert.Equal("xxxx", set.Execute("t", null));
    }

    [Fact]
    public void HelmRewordingKeepsTheIdAndTheReason()
    {
        using var chart = new TempChart().Write("templates/t.yaml", NestedIfs(Limit + 1));
        var e = Assert.Throws<TemplateParseException>(() => HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal("TemplateNestingTooDeep", e.ErrorId);
        Assert.Contains("max nesting depth exceeded", e.Message);
    }
}
