using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>GoJson against Go's encoding/json (Marshal, MarshalIndent, Unmarshal into interface{}).</summary>
public class GoJsonTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) map[k] = v;
        return map;
    }

    [Fact]
    public void KeysAreSortedAndOutputIsCompact() =>
        Assert.Equal("{\"a\":[true,null,\"x\"],\"b\":1}", GoJson.Serialize(Map(("b", 1), ("a", new List<object?> { true, null, "x" }))));

    [Fact]
    public void KeysSortByBytesNotNaturalOrder() =>
        Assert.Equal("{\"B\":1,\"a10\":3,\"a9\":2}", GoJson.Serialize(Map(("a9", 2), ("a10", 3), ("B", 1))));

    [Theory]
    [InlineData("<a&b>", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("line\nbreak\r\ttab", "\"line\\nbreak\\r\\ttab\"")]
    [InlineData("quote\" back\\", "\"quote\\\" back\\\\\"")]
    [InlineData("\u0001\u001f", "\"\\u0001\\u001f\"")]
    // Go 1.22+ (Helm 4.1.4: Go 1.25) writes the short forms; checked against helm: toJson of "a\bb\fc".
    [InlineData("\b\f", "\"\\b\\f\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("\u007f\u0085", "\"\u007f\u0085\"")]
    [InlineData("é😀/", "\"é😀/\"")]
    [InlineData("", "\"\"")]
    public void StringsAreEscapedAsGoWithHtmlSafety(string value, string expected) => Assert.Equal(expected, GoJson.Serialize(value));

    [Fact]
    public void LoneSurrogateBecomesReplacementCharacter() =>
        Assert.Equal("\"bad\uFFFD\"", GoJson.Serialize("bad" + (char)0xD800));

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(-0.0, "-0")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(1.23e-10, "1.23e-10")]
    [InlineData(123456789.5, "123456789.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(100.0, "100")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void FloatsAreFormattedAsGoFloatEncoder(double value, string expected) => Assert.Equal(expected, GoJson.Serialize(value));

    [Fact]
    public void IntegersAndBools()
    {
        Assert.Equal("5", GoJson.Serialize(5));
        Assert.Equal("-9223372036854775808", GoJson.Serialize(long.MinValue));
        Assert.Equal("true", GoJson.Serialize(true));
        Assert.Equal("null", GoJson.Serialize(null));
    }

    [Fact]
    public void NonFiniteFloatsFail()
    {
        var ex = Assert.Throws<MeshException>(() => GoJson.Serialize(Map(("a", double.NaN))));
        Assert.Equal("YamlSerializeError", ex.ErrorId);
        Assert.Equal("json: unsupported value: NaN", ex.Message);
        Assert.Equal("json: unsupported value: +Inf", Assert.Throws<MeshException>(() => GoJson.Serialize(double.PositiveInfinity)).Message);
    }

    [Fact]
    public void EmptyCollections()
    {
        Assert.Equal("{}", GoJson.Serialize(Map()));
        Assert.Equal("[]", GoJson.Serialize(new List<object?>()));
        Assert.Equal("{}", GoJson.Serialize(Map(), indent: true));
        Assert.Equal("[]", GoJson.Serialize(new List<object?>(), indent: true));
    }

    [Fact]
    public void IndentedAsMarshalIndentWithTwoSpaces()
    {
        var value = Map(("b", new List<object?> { 1, Map(("c", "d")), new List<object?>() }), ("a", Map()), ("e", null));
        const string expected = "{\n  \"a\": {},\n  \"b\": [\n    1,\n    {\n      \"c\": \"d\"\n    },\n    []\n  ],\n  \"e\": null\n}";
        Assert.Equal(expected, GoJson.Serialize(value, indent: true));
    }

    [Fact]
    public void IndentedScalarHasNoNewline() => Assert.Equal("\"x\"", GoJson.Serialize("x", indent: true));

    [Fact]
    public void UnsupportedTypesFail() =>
        Assert.Equal("YamlSerializeError", Assert.Throws<MeshException>(() => GoJson.Serialize(new object())).ErrorId);

    // ---- Parse ----

    [Fact]
    public void ParseGivesGoInterfaceValues()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoJson.Parse("{\"a\": 1, \"b\": [1.5, \"x\", true, false, null], \"c\": {}, \"a\": 2}"));
        Assert.Equal(2.0, map["a"]);
        var list = Assert.IsType<List<object?>>(map["b"]);
        Assert.Equal(new object?[] { 1.5, "x", true, false, null }, list.ToArray());
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(map["c"]));
        Assert.Same(StringComparer.Ordinal, map.Comparer);
    }

    [Theory]
    [InlineData("\"a\\u0041\\n\\/\"", "aA\n/")]
    [InlineData("\"\\ud83d\\ude00\"", "😀")]
    [InlineData("\"\\ud800x\"", "\uFFFDx")]
    [InlineData("\"\\ud800\\u0041\"", "\uFFFDA")]
    [InlineData("  \"pad\"  ", "pad")]
    public void ParseStrings(string json, string expected) => Assert.Equal(expected, GoJson.Parse(json));

    [Theory]
    [InlineData("-0", -0.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("12345678901234567890", 12345678901234567890.0)]
    [InlineData("-1.5E-2", -0.015)]
    public void ParseNumbersAsDouble(string json, double expected) => Assert.Equal(expected, Assert.IsType<double>(GoJson.Parse(json)));

    [Theory]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("   ", "unexpected end of JSON input")]
    [InlineData("{", "unexpected end of JSON input")]
    [InlineData("[1", "unexpected end of JSON input")]
    [InlineData("\"abc", "unexpected end of JSON input")]
    [InlineData("[1,]", "invalid character ']' looking for beginning of value")]
    [InlineData("{,}", "invalid character ',' looking for beginning of object key string")]
    [InlineData("{\"a\":1,}", "invalid character '}' looking for beginning of object key string")]
    [InlineData("{\"a\" 1}", "invalid character '1' after object key")]
    [InlineData("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair")]
    [InlineData("[1 2]", "invalid character '2' after array element")]
    [InlineData("01", "invalid character '1' after top-level value")]
    [InlineData("{} x", "invalid character 'x' after top-level value")]
    [InlineData("trux", "invalid character 'x' in literal true (expecting 'e')")]
    [InlineData("tru", "invalid character ' ' in literal true (expecting 'e')")]
    [InlineData("nul", "invalid character ' ' in literal null (expecting 'l')")]
    [InlineData("-", "invalid character ' ' in numeric literal")]
    [InlineData("-a", "invalid character 'a' in numeric literal")]
    [InlineData("1.", "invalid character ' ' after decimal point in numeric literal")]
    [InlineData("1.x", "invalid character 'x' after decimal point in numeric literal")]
    [InlineData("1e", "invalid character ' ' in exponent of numeric literal")]
    [InlineData("\"a\\x\"", "invalid character 'x' in string escape code")]
    [InlineData("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("\"a\nb\"", "invalid character '\\n' in string literal")]
    [InlineData("'a'", "invalid character '\\'' looking for beginning of value")]
    [InlineData("{'a':1}", "invalid character '\\'' looking for beginning of object key string")]
    [InlineData("\u0001", "invalid character '\\x01' looking for beginning of value")]
    [InlineData("1e400", "json: cannot unmarshal number 1e400 into Go value of type float64")]
    public void ParseErrorsUseGoMessages(string json, string message)
    {
        var ex = Assert.Throws<JsonParseException>(() => GoJson.Parse(json));
        Assert.Equal(message, ex.What);
        Assert.Equal("JsonParseError", ex.ErrorId);
        Assert.Equal(MeshErrorKind.SyntaxError, ex.Kind);
    }

    [Fact]
    public void ParseErrorPositionIsLineAndColumn()
    {
        var ex = Assert.Throws<JsonParseException>(() => GoJson.Parse("{\n  \"a\": 1,\n  \"b\": x\n}"));
        Assert.Equal(3, ex.Line);
        Assert.Equal(8, ex.Column);
        Assert.Equal("3:8: invalid character 'x' looking for beginning of value", ex.Message);
    }

    [Fact]
    public void RoundTripThroughSerializeIsStable()
    {
        const string json = "{\"a\":[1,2.5,\"\\u003c\"],\"b\":{\"c\":null,\"d\":true},\"e\":1e+21}";
        Assert.Equal(json, GoJson.Serialize(GoJson.Parse(json)));
    }

    [Fact]
    public void DeepNestingFailsAsGo()
    {
        // encoding/json stops at 10000; the engine at its own value depth limit (EngineLimits.MaxValueDepth).
        var ex = Assert.Throws<JsonParseException>(() => GoJson.Parse(new string('[', 10001) + new string(']', 10001)));
        Assert.StartsWith("exceeded max depth", ex.What);
        Assert.Equal("ValueNestingTooDeep", ex.ErrorId);
    }
}
