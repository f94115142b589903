using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>Expected outputs follow Go's fmt (fmt_test.go) for the engine's value types.</summary>
public class GoFormatTests
{
    public static IEnumerable<object?[]> SprintfCases() => new List<object?[]>
    {
        // integers
        new object?[] { "%d", 12345, "12345" },
        new object?[] { "%v", -12345L, "-12345" },
        new object?[] { "%5d", 42, "   42" },
        new object?[] { "%-5d|", 42, "42   |" },
        new object?[] { "%05d", -42, "-0042" },
        new object?[] { "%+d", 42, "+42" },
        new object?[] { "% d", 42, " 42" },
        new object?[] { "%.3d", 7, "007" },
        new object?[] { "%8.3d", -7, "    -007" },
        new object?[] { "%.0d", 0, "" },
        new object?[] { "%x", 255, "ff" },
        new object?[] { "%X", 255, "FF" },
        new object?[] { "%#x", 255, "0xff" },
        new object?[] { "%04x", 127, "007f" },
        new object?[] { "%x", -255, "-ff" },
        new object?[] { "%o", 8, "10" },
        new object?[] { "%#o", 8, "010" },
        new object?[] { "%O", 8, "0o10" },
        new object?[] { "%b", 5, "101" },
        new object?[] { "%c", 65, "A" },
        new object?[] { "%q", 65, "'A'" },
        new object?[] { "%U", 0x1F600, "U+1F600" },
        new object?[] { "%#U", 65, "U+0041 'A'" },
        new object?[] { "%d", (byte)200, "200" },
        // floats
        new object?[] { "%v", 1.0, "1" },
        new object?[] { "%v", 3.5, "3.5" },
        new object?[] { "%v", 1e6, "1e+06" },
        new object?[] { "%v", 100000.0, "100000" },
        new object?[] { "%v", 123456789.0, "1.23456789e+08" },
        new object?[] { "%v", 0.0001, "0.0001" },
        new object?[] { "%v", 0.00001, "1e-05" },
        new object?[] { "%v", 1e21, "1e+21" },
        new object?[] { "%v", 0.1 + 0.2, "0.30000000000000004" },
        new object?[] { "%v", -0.0, "-0" },
        new object?[] { "%v", double.PositiveInfinity, "+Inf" },
        new object?[] { "%v", double.NegativeInfinity, "-Inf" },
        new object?[] { "%v", double.NaN, "NaN" },
        new object?[] { "%f", 3.14159, "3.141590" },
        new object?[] { "%.2f", 3.14159, "3.14" },
        new object?[] { "%.0f", 2.5, "2" },
        new object?[] { "%.0f", 3.5, "4" },
        new object?[] { "%.1f", 0.25, "0.2" },
        new object?[] { "%.2f", 0.006, "0.01" },
        new object?[] { "%8.2f", -3.14159, "   -3.14" },
        new object?[] { "%08.2f", -3.14159, "-0003.14" },
        new object?[] { "%+.1f", 2.0, "+2.0" },
        new object?[] { "%e", 1234.5678, "1.234568e+03" },
        new object?[] { "%E", 0.000123, "1.230000E-04" },
        new object?[] { "%.2e", 0.0, "0.00e+00" },
        new object?[] { "%g", 3.5, "3.5" },
        new object?[] { "%g", 1e100, "1e+100" },
        new object?[] { "%.3g", 1234.5678, "1.23e+03" },
        new object?[] { "%.3g", 1.0, "1" },
        new object?[] { "%G", 1e-10, "1E-10" },
        new object?[] { "%#g", 1.0, "1.00000" },
        new object?[] { "%10.3f|", 3.14159, "     3.142|" },
        new object?[] { "%-10.3f|", 3.14159, "3.142     |" },
        new object?[] { "%f", double.PositiveInfinity, "+Inf" },
        new object?[] { "%x", 1.0, "0x1p+00" },
        new object?[] { "%X", -10.5, "-0X1.5P+03" },
        new object?[] { "%.1x", 1.0, "0x1.0p+00" },
        new object?[] { "%x", 0.0, "0x0p+00" },
        new object?[] { "%b", 1.0, "4503599627370496p-52" },
        new object?[] { "%05v", double.NaN, "  NaN" },
        // strings
        new object?[] { "%s", "abc", "abc" },
        new object?[] { "%5s", "abc", "  abc" },
        new object?[] { "%-5s|", "abc", "abc  |" },
        new object?[] { "%.2s", "abcdef", "ab" },
        new object?[] { "%.1s", "日本語", "日" },
        new object?[] { "%5s", "日本", "   日本" },
        new object?[] { "%05s", "ab", "000ab" },
        new object?[] { "%q", "a\"b\n", "\"a\\\"b\\n\"" },
        new object?[] { "%q", "日本\u0001", "\"日本\\x01\"" },
        new object?[] { "%+q", "日本", "\"\\u65e5\\u672c\"" },
        new object?[] { "%#q", "abc", "`abc`" },
        new object?[] { "%#q", "a`c", "\"a`c\"" },
        new object?[] { "%x", "hello", "68656c6c6f" },
        new object?[] { "%X", "hi", "6869" },
        new object?[] { "% x", "hi", "68 69" },
        new object?[] { "%#x", "hi", "0x6869" },
        new object?[] { "%v", "x", "x" },
        new object?[] { "%#v", "x", "\"x\"" },
        // bools
        new object?[] { "%t", true, "true" },
        new object?[] { "%v", false, "false" },
        new object?[] { "%6t|", true, "  true|" },
        // %T
        new object?[] { "%T", 1, "int" },
        new object?[] { "%T", 1L, "int64" },
        new object?[] { "%T", 1.5, "float64" },
        new object?[] { "%T", "s", "string" },
        new object?[] { "%T", true, "bool" },
        new object?[] { "%T", null, "<nil>" },
        // bad verbs and nil
        new object?[] { "%d", "x", "%!d(string=x)" },
        new object?[] { "%s", 5, "%!s(int=5)" },
        new object?[] { "%d", 1.5, "%!d(float64=1.5)" },
        new object?[] { "%t", 1, "%!t(int=1)" },
        new object?[] { "%z", 3, "%!z(int=3)" },
        new object?[] { "%d", null, "%!d(<nil>)" },
        new object?[] { "%v", null, "<nil>" },
        new object?[] { "%s", null, "%!s(<nil>)" },
        new object?[] { "%%", null, "%%!(EXTRA <nil>)" },
    };

    [Theory]
    [MemberData(nameof(SprintfCases))]
    public void Sprintf(string format, object? arg, string expected) => Assert.Equal(expected, GoFormat.Sprintf(format, arg));

    [Theory]
    [InlineData("%s %s", "%!s(MISSING) %!s(MISSING)", new object[] { })]
    [InlineData("%d", "1%!(EXTRA int=2, string=x)", new object[] { 1, 2, "x" })]
    [InlineData("%[2]d %[1]d", "2 1", new object[] { 1, 2 })]
    [InlineData("%[3]d", "%!d(BADINDEX)", new object[] { 1, 2 })]
    [InlineData("%*d", "   42", new object[] { 5, 42 })]
    [InlineData("%-*d|", "42   |", new object[] { 5, 42 })]
    [InlineData("%.*f", "3.14", new object[] { 2, 3.14159 })]
    [InlineData("%*d", "%!(BADWIDTH)42", new object[] { "x", 42 })]
    [InlineData("100%%", "100%", new object[] { })]
    [InlineData("%", "%!(NOVERB)", new object[] { })]
    [InlineData("%!", "%!!(MISSING)", new object[] { })]
    public void SprintfArgumentHandling(string format, string expected, object[] args)
    {
        Assert.Equal(expected, GoFormat.Sprintf(format, args));
    }

    [Fact]
    public void MapsSortKeysAndListsUseSpaces()
    {
        var v = Map(("b", 2), ("a", List(1, "x", null)), ("c", Map(("z", true))));
        Assert.Equal("map[a:[1 x <nil>] b:2 c:map[z:true]]", GoFormat.FormatValue(v));
        Assert.Equal("map[%!d(string=a):[1 %!d(string=x) <nil>] %!d(string=b):2 %!d(string=c):map[%!d(string=z):%!d(bool=true)]]",
            GoFormat.Sprintf("%d", v));
        Assert.Equal("[   1    2]", GoFormat.Sprintf("%4v", List(1, 2)));
        Assert.Equal("map[]", GoFormat.FormatValue(Map()));
        Assert.Equal("[]", GoFormat.FormatValue(List()));
    }

    [Fact]
    public void GoSyntaxForm()
    {
        Assert.Equal("map[string]interface {}{\"a\":1, \"b\":interface {}(nil)}", GoFormat.Sprintf("%#v", Map(("b", null), ("a", 1))));
        Assert.Equal("[]interface {}{\"x\", 2.5}", GoFormat.Sprintf("%#v", List("x", 2.5)));
    }

    [Theory]
    [InlineData(new object[] { "a", "b" }, "ab")]
    [InlineData(new object[] { 1, 2 }, "1 2")]
    [InlineData(new object[] { "a", 1, 2, "b" }, "a1 2b")]
    [InlineData(new object[] { 1.5, true }, "1.5 true")]
    public void Sprint(object[] args, string expected) => Assert.Equal(expected, GoFormat.Sprint(args));

    [Fact]
    public void SprintOfNilAndSprintln()
    {
        Assert.Equal("<nil> <nil>", GoFormat.Sprint(null, null));
        Assert.Equal("a 1 b\n", GoFormat.Sprintln("a", 1, "b"));
        Assert.Equal("\n", GoFormat.Sprintln());
    }

    [Fact]
    public void StructLikeObjectsPrintFieldsOrString()
    {
        var meta = new FakeObject("*chart.Metadata", ("Name", "istiod"), ("Version", "1.18.5"));
        Assert.Equal("&{istiod 1.18.5}", GoFormat.FormatValue(meta));
        Assert.Equal("&{Name:istiod Version:1.18.5}", GoFormat.Sprintf("%+v", meta));
        Assert.Equal("*chart.Metadata", GoFormat.Sprintf("%T", meta));
        var stringer = new FakeObject("semver.Version").WithMethod("String", (_, _) => "v1.2.3");
        Assert.Equal("v1.2.3", GoFormat.FormatValue(stringer));
        Assert.Equal("[v1.2.3]", GoFormat.FormatValue(List(stringer)));
    }
}
