using MeshOps.Engine.Templating;
using static MeshOps.Engine.Tests.Templating.T;

namespace MeshOps.Engine.Tests.Templating;

public class GoValuesTests
{
    public static IEnumerable<object?[]> TruthCases() => new List<object?[]>
    {
        new object?[] { null, false }, new object?[] { "", false }, new object?[] { "x", true },
        new object?[] { 0, false }, new object?[] { 2, true }, new object?[] { 0L, false }, new object?[] { 0.0, false },
        new object?[] { 0.5, true }, new object?[] { false, false }, new object?[] { true, true },
        new object?[] { Map(), false }, new object?[] { Map(("a", null)), true }, new object?[] { List(), false },
        new object?[] { List((object?)null), true }, new object?[] { new FakeObject("chart.Metadata"), true },
    };

    [Theory]
    [MemberData(nameof(TruthCases))]
    public void IsTrue(object? value, bool expected) => Assert.Equal(expected, GoValues.IsTrue(value));

    public static IEnumerable<object?[]> TypeCases() => new List<object?[]>
    {
        new object?[] { null, "invalid", "<nil>" },
        new object?[] { "s", "string", "string" },
        new object?[] { true, "bool", "bool" },
        new object?[] { 1, "int", "int" },
        new object?[] { 1L, "int64", "int64" },
        new object?[] { 1.5, "float64", "float64" },
        new object?[] { Map(), "map", "map[string]interface {}" },
        new object?[] { List(), "slice", "[]interface {}" },
        new object?[] { new Dictionary<string, string>(), "map", "map[string]string" },
        new object?[] { new[] { "a" }, "slice", "[]string" },
        new object?[] { new FakeObject("*chart.Metadata"), "ptr", "*chart.Metadata" },
        new object?[] { new FakeObject("chartutil.Capabilities"), "struct", "chartutil.Capabilities" },
        new object?[] { (byte)1, "uint8", "uint8" },
    };

    [Theory]
    [MemberData(nameof(TypeCases))]
    public void KindAndType(object? value, string kind, string type)
    {
        Assert.Equal(kind, GoValues.KindOf(value));
        Assert.Equal(type, GoValues.TypeOf(value));
    }

    [Fact]
    public void NumericConversions()
    {
        Assert.True(GoValues.TryToInt64(5, out var a) && a == 5);
        Assert.True(GoValues.TryToInt64(5L, out var b) && b == 5);
        Assert.True(GoValues.TryToInt64((byte)5, out var c) && c == 5);
        Assert.False(GoValues.TryToInt64(5.0, out _));
        Assert.False(GoValues.TryToInt64("5", out _));
        Assert.False(GoValues.TryToInt64(null, out _));
        Assert.True(GoValues.TryToDouble(5, out var d) && d == 5.0);
        Assert.True(GoValues.TryToDouble(2.5, out var e) && e == 2.5);
        Assert.False(GoValues.TryToDouble("2.5", out _));
    }

    [Fact]
    public void IndexFollowsGo()
    {
        Assert.Equal(4, GoValues.Index(List(3, 4), 1));
        Assert.Equal("v", GoValues.Index(Map(("k", Map(("x", "v")))), "k", "x"));
        Assert.Null(GoValues.Index(Map(), "missing"));
        Assert.Equal("", GoValues.Index(new Dictionary<string, string>(), "missing"));
        Assert.Equal((byte)'b', GoValues.Index("abc", 1));
        Assert.Equal("index out of range: -1", Assert.Throws<TemplateFunctionException>(() => GoValues.Index(List(1), -1)).Message);
        Assert.Equal("index of untyped nil", Assert.Throws<TemplateFunctionException>(() => GoValues.Index(null, 1)).Message);
    }

    [Fact]
    public void LenCountsUtf8Bytes()
    {
        Assert.Equal(3, GoValues.Len("abc"));
        Assert.Equal(6, GoValues.Len("日本"));
        Assert.Equal(2, GoValues.Len(List(1, 2)));
        Assert.Equal("len of type float64", Assert.Throws<TemplateFunctionException>(() => GoValues.Len(1.5)).Message);
    }

    [Fact]
    public void StringOrderIsUtf8ByteOrder()
    {
        // U+FF5E (3 UTF-8 bytes, EF BD 9E) sorts before U+1F600 (F0 ...) although its UTF-16 unit is larger than a surrogate.
        Assert.True(GoValues.Lt("\uFF5E", "\U0001F600"));
        Assert.Equal("map[～:1 😀:2]", GoFormat.FormatValue(Map(("\U0001F600", 2), ("\uFF5E", 1))));
    }
}
