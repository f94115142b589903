using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>
/// GoYaml.Serialize against what sigs.k8s.io/yaml.Marshal (json.Marshal, go-yaml v2 Unmarshal, go-yaml v2 Marshal)
/// prints. Expected texts come from go-yaml v2.4.0 encode_test.go, sigs.k8s.io/yaml v1.3.0 yaml_test.go and from
/// tracing emitterc.go.
/// </summary>
public class GoYamlSerializeTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) map[k] = v;
        return map;
    }

    private static List<object?> List(params object?[] items) => new(items);

    private static string V(object? value) => GoYaml.Serialize(Map(("v", value)));

    // ---- strings: plain, double-quoted when they would resolve to another type (go-yaml v2 encode_test.go) ----

    [Theory]
    [InlineData("hi", "v: hi\n")]
    [InlineData("true", "v: \"true\"\n")]
    [InlineData("false", "v: \"false\"\n")]
    [InlineData("10", "v: \"10\"\n")]
    [InlineData("", "v: \"\"\n")]
    [InlineData("-", "v: '-'\n")]
    [InlineData("<foo>", "v: <foo>\n")]
    [InlineData("1:1", "v: \"1:1\"\n")]
    [InlineData("\u0000", "v: \"\\0\"\n")]
    [InlineData("你好", "v: 你好\n")]
    [InlineData("2015-02-24T18:19:39Z", "v: \"2015-02-24T18:19:39Z\"\n")]
    [InlineData("b: c", "v: 'b: c'\n")]
    [InlineData("Hello #comment", "v: 'Hello #comment'\n")]
    [InlineData("你好 #comment", "v: '你好 #comment'\n")]
    public void StringsAsGoYamlEncodeTests(string value, string expected) => Assert.Equal(expected, V(value));

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES")]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("n")]
    [InlineData("N")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("On")]
    [InlineData("ON")]
    [InlineData("off")]
    [InlineData("OFF")]
    [InlineData("True")]
    [InlineData("FALSE")]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    public void Yaml11BoolAndNullWordsAreDoubleQuoted(string word) => Assert.Equal($"v: \"{word}\"\n", V(word));

    [Theory]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("-0b101")]
    [InlineData("0777")]
    [InlineData("08")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData("1_000")]
    [InlineData("+1")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("+.INF")]
    [InlineData(".nan")]
    [InlineData("18446744073709551615")]
    [InlineData("99999999999999999999999")]
    [InlineData("2001-12-14")]
    [InlineData("2001-1-2")]
    [InlineData("2000-02-29")]
    [InlineData("2001-12-14 21:59:43.10")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("190:20:30")]
    [InlineData("-1:30")]
    public void NumberTimestampAndBase60LookalikesAreDoubleQuoted(string text) => Assert.Equal($"v: \"{text}\"\n", V(text));

    [Theory]
    [InlineData("1e400")] // ParseFloat overflows, so go-yaml keeps it a string
    [InlineData("2001-13-14")] // month out of range: not a timestamp
    [InlineData("2001-02-29")] // not a leap year
    [InlineData("2001-12-14T25:00:00Z")]
    [InlineData("1:60")]
    [InlineData("0x")]
    [InlineData("1.2.3")]
    [InlineData("yess")]
    [InlineData("nulls")]
    [InlineData(".a")]
    [InlineData("..5")]
    [InlineData("12abc")]
    [InlineData("v1.2.3")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a:b")]
    [InlineData("?x")]
    [InlineData(":x")]
    [InlineData("x, y")]
    [InlineData("x [y] {z}")]
    [InlineData("a#b")]
    [InlineData("it's")]
    [InlineData("é")]
    [InlineData("a\u00a0b")]
    [InlineData("http://example.com:8080/path?q=1")]
    [InlineData("docker.io/istio/proxyv2:1.18.5")]
    [InlineData("*.example.com x")]
    public void PlainWhenItReadsBackAsTheSameString(string text)
    {
        // Every case except the last one stays plain; "*..." starts with an alias indicator.
        var expected = text.StartsWith('*') ? $"v: '{text}'\n" : $"v: {text}\n";
        Assert.Equal(expected, V(text));
    }

    [Theory]
    [InlineData("#a", "v: '#a'\n")]
    [InlineData(",a", "v: ',a'\n")]
    [InlineData("[a", "v: '[a'\n")]
    [InlineData("]a", "v: ']a'\n")]
    [InlineData("{a", "v: '{a'\n")]
    [InlineData("}a", "v: '}a'\n")]
    [InlineData("&a", "v: '&a'\n")]
    [InlineData("*a", "v: '*a'\n")]
    [InlineData("!a", "v: '!a'\n")]
    [InlineData("|a", "v: '|a'\n")]
    [InlineData(">a", "v: '>a'\n")]
    [InlineData("'a", "v: '''a'\n")]
    [InlineData("\"a", "v: '\"a'\n")]
    [InlineData("%a", "v: '%a'\n")]
    [InlineData("@a", "v: '@a'\n")]
    [InlineData("`a", "v: '`a'\n")]
    [InlineData("? a", "v: '? a'\n")]
    [InlineData(": a", "v: ': a'\n")]
    [InlineData("- a", "v: '- a'\n")]
    [InlineData("a:", "v: 'a:'\n")]
    [InlineData("a #b", "v: 'a #b'\n")]
    [InlineData("---", "v: '---'\n")]
    [InlineData("...", "v: '...'\n")]
    [InlineData("---a", "v: '---a'\n")]
    [InlineData(" lead", "v: ' lead'\n")]
    [InlineData("trail ", "v: 'trail '\n")]
    [InlineData("it's: x", "v: 'it''s: x'\n")]
    public void SingleQuotedWhenPlainWouldBeMisread(string text, string expected) => Assert.Equal(expected, V(text));

    [Theory]
    [InlineData("a\tb", "v: \"a\\tb\"\n")]
    [InlineData("\t", "v: \"\\t\"\n")]
    [InlineData("a\rb", "v: \"a\\rb\"\n")]
    [InlineData("a\r\nb", "v: \"a\\r\\nb\"\n")]
    [InlineData("a \nb", "v: \"a \\nb\"\n")]
    [InlineData("x\n ", "v: \"x\\n \"\n")]
    [InlineData("\u0007\u0008\u000b\u000c\u001b", "v: \"\\a\\b\\v\\f\\e\"\n")]
    [InlineData("\u0001", "v: \"\\x01\"\n")]
    [InlineData("\ufeffx", "v: \"\\uFEFF\\x78\"\n")]
    [InlineData("\U0001F600", "v: \"\\U0001F600\"\n")]
    [InlineData("a\\b\tc", "v: \"a\\\\b\\tc\"\n")]
    [InlineData("say \"hi\"\t", "v: \"say \\\"hi\\\"\\t\"\n")]
    public void DoubleQuotedWithEscapesForNonPrintable(string text, string expected) => Assert.Equal(expected, V(text));

    [Fact]
    public void ControlCharactersThatJsonLeavesRawMakeJsonToYamlFail()
    {
        var ex = Assert.Throws<MeshException>(() => V("a\u007fb"));
        Assert.Equal("YamlSerializeError", ex.ErrorId);
        Assert.Contains("control characters are not allowed", ex.Message);
    }

    [Fact]
    public void RawNelInsideTheJsonStringIsFoldedLikeALineBreak()
    {
        // json.Marshal leaves U+0085 raw; libyaml reads it inside the double-quoted JSON string as a line break.
        Assert.Equal("v: a b\n", V("a \u0085 b"));
        Assert.Equal("v: |-\n  a\n  b\n", V("a\u0085\u0085b"));
    }

    [Fact]
    public void LoneSurrogateBecomesReplacementCharacterAsJsonMarshalDoes() =>
        Assert.Equal("v: a\uFFFDb\n", V("a" + (char)0xD800 + "b"));

    // ---- multi-line strings: literal block scalars ----

    [Theory]
    [InlineData("a\nb", "v: |-\n  a\n  b\n")]
    [InlineData("a\nb\n", "v: |\n  a\n  b\n")]
    [InlineData("a\nb\n\n", "v: |+\n  a\n  b\n\n")]
    [InlineData("\n", "v: |2+\n\n")]
    [InlineData(" a\nb", "v: |2-\n   a\n  b\n")]
    [InlineData("\na", "v: |2-\n\n  a\n")]
    [InlineData("a\n\nb", "v: |-\n  a\n\n  b\n")]
    [InlineData("a\n b", "v: |-\n  a\n   b\n")]
    [InlineData("key: value\nother: 1\n", "v: |\n  key: value\n  other: 1\n")]
    [InlineData("# comment\n- item\n", "v: |\n  # comment\n  - item\n")]
    public void MultiLineStringsAreLiteralBlocks(string text, string expected) => Assert.Equal(expected, V(text));

    [Fact]
    public void LiteralBlockInSequenceAsEncodeTest() =>
        Assert.Equal("v:\n- A\n- |-\n  B\n  C\n", V(List("A", "B\nC")));

    [Fact]
    public void LiteralBlockNestedIndentsUnderItsKey() =>
        Assert.Equal("a:\n  b: |-\n    x\n    y\n", GoYaml.Serialize(Map(("a", Map(("b", "x\ny"))))));

    [Fact]
    public void LiteralBlockAtRoot() => Assert.Equal("|-\n  a\n  b\n", GoYaml.Serialize("a\nb"));

    // ---- folding at best_width 80 ----

    [Fact]
    public void LongPlainStringFoldsAfterColumn80AsSigsJsonToYamlTest()
    {
        var text = "this is very long line with spaces and it must be longer than 80 so we will repeat that it must be longer that 80";
        Assert.Equal(
            "t: this is very long line with spaces and it must be longer than 80 so we will repeat\n  that it must be longer that 80\n",
            GoYaml.Serialize(Map(("t", text))));
    }

    [Fact]
    public void LongSingleQuotedStringFoldsAsGoYamlLineWrappingTest()
    {
        var text = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ";
        Assert.Equal(
            "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n",
            GoYaml.Serialize(Map(("a", text))));
    }

    [Fact]
    public void LongStringWithoutSpacesIsNotFolded()
    {
        var text = new string('x', 200);
        Assert.Equal("v: " + text + "\n", V(text));
    }

    [Fact]
    public void FoldedLinesUseTheScalarIndentInNestedMaps()
    {
        var words = string.Join(" ", Enumerable.Repeat("word", 40));
        var expected = "a:\n  b: word word word word word word word word word word word word word word word word\n" +
                       "    word word word word word word word word word word word word word word word word\n" +
                       "    word word word word word word word word\n";
        Assert.Equal(expected, GoYaml.Serialize(Map(("a", Map(("b", words))))));
    }

    [Fact]
    public void DoubleSpacesAreNotBrokenInPlainScalars()
    {
        // The writer only breaks at a single space: a space followed by another space is kept on the line.
        var text = new string('a', 78) + "  b c";
        Assert.Equal("v: " + new string('a', 78) + "  b\n  c\n", V(text));
    }

    [Fact]
    public void LongDoubleQuotedStringFoldsWithEscapedContinuation()
    {
        var text = string.Join(" ", Enumerable.Repeat("word", 20)) + "\t";
        var expected = "v: \"word word word word word word word word word word word word word word word word\n  word word word word\\t\"\n";
        Assert.Equal(expected, V(text));
    }

    [Fact]
    public void RootPlainScalarFoldsWithTwoSpaceIndent()
    {
        var words = string.Join(" ", Enumerable.Repeat("word", 20));
        Assert.Equal("word word word word word word word word word word word word word word word word word\n  word word word\n", GoYaml.Serialize(words));
    }

    [Fact]
    public void KeysAreNeverFolded()
    {
        var key = string.Join(" ", Enumerable.Repeat("key", 30));
        Assert.Equal(key + ": 1\n", GoYaml.Serialize(Map((key, 1))));
    }

    // ---- keys ----

    [Theory]
    [InlineData("true", "\"true\": 1\n")]
    [InlineData("", "\"\": 1\n")]
    [InlineData("1", "\"1\": 1\n")]
    [InlineData("1e+36", "\"1e+36\": 1\n")]
    [InlineData("a b", "a b: 1\n")]
    [InlineData("a: b", "'a: b': 1\n")]
    [InlineData("app.kubernetes.io/name", "app.kubernetes.io/name: 1\n")]
    [InlineData("-", "'-': 1\n")]
    [InlineData("<<", "<<: 1\n")] // resolve() never looks "<<" up ('<' has no hint), so go-yaml writes it plain
    [InlineData("yes", "\"yes\": 1\n")]
    [InlineData("~", "\"~\": 1\n")]
    public void KeysAreQuotedLikeValues(string key, string expected) => Assert.Equal(expected, GoYaml.Serialize(Map((key, 1))));

    [Fact]
    public void MultiLineKeyIsAComplexKey() =>
        Assert.Equal("? |-\n  a\n  b\n: 1\n", GoYaml.Serialize(Map(("a\nb", 1))));

    [Fact]
    public void KeyLongerThan128BytesIsAComplexKey()
    {
        var key = new string('k', 129);
        Assert.Equal("? " + key + "\n: 1\n", GoYaml.Serialize(Map((key, 1))));
        var shortKey = new string('k', 128);
        Assert.Equal(shortKey + ": 1\n", GoYaml.Serialize(Map((shortKey, 1))));
    }

    [Fact]
    public void KeysAreSortedTheGoYamlWayWithNumbersByValue()
    {
        var map = Map(("b10", 1), ("b9", 2), ("B", 3), ("a", 4), ("_x", 5), ("Z", 6));
        Assert.Equal("_x: 5\nB: 3\nZ: 6\na: 4\nb9: 2\nb10: 1\n", GoYaml.Serialize(map));
    }

    // ---- numbers, as they come back from JSON text ----

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(-0.1, "-0.1")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e6, "1000000")]
    [InlineData(100000.0, "100000")]
    [InlineData(3e15, "3000000000000000")]
    [InlineData(1e19, "10000000000000000000")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(1234567.5, "1.2345675e+06")]
    [InlineData(123456789.5, "1.234567895e+08")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(0.000001, "1e-06")]
    [InlineData(1e-7, "1e-07")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(-0.0, "0")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(9007199254740993.0, "9007199254740992")]
    public void FloatsPrintAsJsonToYamlGivesThem(double value, string expected) => Assert.Equal($"v: {expected}\n", V(value));

    [Fact]
    public void IntegersPrintPlain()
    {
        Assert.Equal("v: 42\n", V(42));
        Assert.Equal("v: -10\n", V(-10));
        Assert.Equal("v: 4294967296\n", V(4294967296L));
        Assert.Equal("v: -9223372036854775808\n", V(long.MinValue));
        Assert.Equal("v: 9223372036854775807\n", V(long.MaxValue));
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    public void NonFiniteFloatsFailInJsonMarshal(double value, string goText)
    {
        var ex = Assert.Throws<MeshException>(() => V(value));
        Assert.Equal("YamlSerializeError", ex.ErrorId);
        Assert.Contains("json: unsupported value: " + goText, ex.Message);
    }

    // ---- structure ----

    [Fact]
    public void NullBoolsAndRootValues()
    {
        Assert.Equal("null\n", GoYaml.Serialize(null));
        Assert.Equal("v: null\n", V(null));
        Assert.Equal("v: true\n", V(true));
        Assert.Equal("v: false\n", V(false));
        Assert.Equal("hello\n", GoYaml.Serialize("hello"));
        Assert.Equal("\"\"\n", GoYaml.Serialize(""));
        Assert.Equal("1.5\n", GoYaml.Serialize(1.5));
        Assert.Equal("true\n", GoYaml.Serialize(true));
        Assert.Equal("\"true\"\n", GoYaml.Serialize("true"));
    }

    [Fact]
    public void EmptyCollectionsAreFlow()
    {
        Assert.Equal("{}\n", GoYaml.Serialize(Map()));
        Assert.Equal("[]\n", GoYaml.Serialize(List()));
        Assert.Equal("a: {}\nb: []\n", GoYaml.Serialize(Map(("a", Map()), ("b", List()))));
        Assert.Equal("- []\n- {}\n", GoYaml.Serialize(List(List(), Map())));
    }

    [Fact]
    public void SequencesUnderAKeyAreNotIndented()
    {
        Assert.Equal("v:\n- A\n- B\n", V(List("A", "B")));
        Assert.Equal("v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n", V(List("A", 1, Map(("B", List(2, 3))))));
    }

    [Fact]
    public void NestedMapsIndentByTwo() =>
        Assert.Equal("a:\n  b: c\n  d:\n    e: 1\n", GoYaml.Serialize(Map(("a", Map(("b", "c"), ("d", Map(("e", 1))))))));

    [Fact]
    public void SequenceOfSequences() =>
        Assert.Equal("- - 1\n  - 2\n- - 3\n", GoYaml.Serialize(List(List(1, 2), List(3))));

    [Fact]
    public void SequenceOfMaps() =>
        Assert.Equal("- a: 1\n  b: 2\n- c: null\n", GoYaml.Serialize(List(Map(("a", 1), ("b", 2)), Map(("c", null)))));

    [Fact]
    public void SequenceInsideSequenceItemMap() =>
        Assert.Equal("a:\n- b:\n  - 1\n  c: x\n", GoYaml.Serialize(Map(("a", List(Map(("b", List(1)), ("c", "x")))))));

    [Fact]
    public void SigsYamlToJsonReverseCases()
    {
        Assert.Equal("- t: a\n- t:\n    b: 1\n    c: 2\n", GoYaml.Serialize(List(Map(("t", "a")), Map(("t", Map(("b", 1.0), ("c", 2.0)))))));
        Assert.Equal("- t: null\n", GoYaml.Serialize(List(Map(("t", null)))));
    }

    [Fact]
    public void ArraysAndOtherIntegerTypesAreAccepted()
    {
        Assert.Equal("- 1\n- x\n", GoYaml.Serialize(new object?[] { 1L, "x" }));
        Assert.Equal("- 7\n", GoYaml.Serialize(List((byte)7)));
    }

    [Fact]
    public void OtherStringKeyedDictionariesAreMaps()
    {
        var labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "x" };
        Assert.Equal("a: x\nb: \"2\"\n", GoYaml.Serialize(labels));
        Assert.Equal("{\"a\":\"x\",\"b\":\"2\"}", GoJson.Serialize(labels));
        var ex = Assert.Throws<MeshException>(() => GoYaml.Serialize(new Dictionary<int, string> { [1] = "a" }));
        Assert.Equal("YamlSerializeError", ex.ErrorId);
    }

    [Fact]
    public void UnsupportedTypesFailWithAClearError()
    {
        var ex = Assert.Throws<MeshException>(() => GoYaml.Serialize(Map(("a", new Uri("http://x")))));
        Assert.Equal("YamlSerializeError", ex.ErrorId);
        Assert.Contains("Uri", ex.Message);
    }

    [Fact]
    public void SelfContainingMapFailsInsteadOfOverflowing()
    {
        var map = Map();
        map["self"] = map;
        var ex = Assert.Throws<MeshException>(() => GoYaml.Serialize(map));
        Assert.Equal("ValueNestingTooDeep", ex.ErrorId); // the id every cycle fails with
    }

    [Fact]
    public void UnicodeLineSeparatorIsKeptAsABreakInSingleQuotes() =>
        // U+2028 is printable to libyaml but is a line break: plain is refused, single quotes keep it raw.
        Assert.Equal("v: 'a\u2028  b'\n", V("a\u2028b"));
}
