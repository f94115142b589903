using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Go's eq/ne/lt/le/gt/ge (funcs.go) including its type rules; cases mirror exec_test's cmpTests.</summary>
public class ComparisonTests
{
    [Theory]
    [InlineData("eq true true", "true")]
    [InlineData("eq true false", "false")]
    [InlineData("eq 1 1", "true")]
    [InlineData("eq 1 2", "false")]
    [InlineData("eq 1.5 1.5", "true")]
    [InlineData("eq \"xy\" \"xy\"", "true")]
    [InlineData("eq \"xy\" \"xyz\"", "false")]
    [InlineData("eq .I 17", "true")]
    [InlineData("eq .Big 17", "true")]
    [InlineData("eq .U16 16", "true")]
    [InlineData("eq 3 4 5 6 3", "true")]
    [InlineData("eq 3 4 5 6 7", "false")]
    [InlineData("eq .Missing nil", "true")]
    [InlineData("eq .Missing \"x\"", "false")]
    [InlineData("eq \"x\" .Missing", "false")]
    [InlineData("eq .Nil .Missing", "true")]
    [InlineData("ne 1 2", "true")]
    [InlineData("ne \"a\" \"a\"", "false")]
    [InlineData("lt 1 2", "true")]
    [InlineData("lt 2 1", "false")]
    [InlineData("lt 1.5 2.5", "true")]
    [InlineData("lt \"a\" \"b\"", "true")]
    [InlineData("lt .Big 18", "true")]
    [InlineData("le 2 2", "true")]
    [InlineData("le 3 2", "false")]
    [InlineData("gt 3 2", "true")]
    [InlineData("gt \"b\" \"a\"", "true")]
    [InlineData("ge 2 2", "true")]
    [InlineData("ge 1 2", "false")]
    [InlineData("lt -1 .U16", "true")]
    [InlineData("eq .Values.count 3.0", "true")]
    public void Compares(string expr, string expected) => Assert.Equal(expected, Render("{{" + expr + "}}", CmpData()));

    [Theory]
    [InlineData("eq 1 1.0", "incompatible types for comparison: int and float64")]
    [InlineData("eq .Values.count 3", "incompatible types for comparison: float64 and int")]
    [InlineData("eq \"1\" 1", "incompatible types for comparison: string and int")]
    [InlineData("lt 1 \"a\"", "incompatible types for comparison: int and string")]
    [InlineData("lt true false", "invalid type for comparison")]
    [InlineData("lt nil 1", "invalid type for comparison")]
    [InlineData("lt .SI .SI", "invalid type for comparison")]
    [InlineData("gt .Missing 1", "invalid type for comparison")]
    [InlineData("eq .SI .SI", "non-comparable type [%!s(int=3) %!s(int=4) %!s(int=5)]: []interface {}")]
    [InlineData("eq .MSI 1", "incompatible types for comparison: map[string]interface {} and int")]
    public void ComparisonErrors(string expr, string expected)
    {
        var name = expr.Split(' ')[0];
        Assert.EndsWith("error calling " + name + ": " + expected, ExecError("{{" + expr + "}}", CmpData()));
    }

    private static Dictionary<string, object?> CmpData()
    {
        var d = Data();
        d["Big"] = 17L;
        return d;
    }

    [Fact]
    public void GoValuesHelpersAgree()
    {
        Assert.True(GoValues.Eq(1, 1L));
        Assert.True(GoValues.Lt("a", "b"));
        Assert.True(GoValues.Ge(2.0, 2.0));
        Assert.Throws<TemplateFunctionException>(() => GoValues.Lt(1, 1.0));
    }
}
