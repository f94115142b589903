using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>GoYaml.Parse against go-yaml v2's resolve/decode and sigs.k8s.io/yaml's JSON conversion.</summary>
public class GoYamlParseTests
{
    private static readonly YamlReadOptions Native = new() { NumberMode = YamlNumberMode.Native };

    private static object? ValueOf(string yaml, YamlReadOptions? options = null)
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse(yaml, options));
        return map["a"];
    }

    [Theory]
    [InlineData("y")]
    [InlineData("Y")]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES")]
    [InlineData("on")]
    [InlineData("On")]
    [InlineData("ON")]
    [InlineData("true")]
    [InlineData("True")]
    [InlineData("TRUE")]
    public void Yaml11TrueWords(string word) => Assert.Equal(true, ValueOf("a: " + word));

    [Theory]
    [InlineData("n")]
    [InlineData("N")]
    [InlineData("no")]
    [InlineData("No")]
    [InlineData("NO")]
    [InlineData("off")]
    [InlineData("Off")]
    [InlineData("OFF")]
    [InlineData("false")]
    [InlineData("False")]
    [InlineData("FALSE")]
    public void Yaml11FalseWords(string word) => Assert.Equal(false, ValueOf("a: " + word));

    [Theory]
    [InlineData("a: ~")]
    [InlineData("a: null")]
    [InlineData("a: Null")]
    [InlineData("a: NULL")]
    [InlineData("a:")]
    [InlineData("a: !!null ''")]
    public void NullForms(string yaml) => Assert.Null(ValueOf(yaml));

    [Theory]
    [InlineData("1", 1)]
    [InlineData("-17", -17)]
    [InlineData("+12", 12)]
    [InlineData("0x1F", 31)]
    [InlineData("-0x10", -16)]
    [InlineData("0o17", 15)]
    [InlineData("0777", 511)]
    [InlineData("0b101", 5)]
    [InlineData("-0b101", -5)]
    [InlineData("1_000", 1000)]
    [InlineData("0", 0)]
    public void IntegersInNativeModeAreInt(string text, int expected) => Assert.Equal(expected, ValueOf("a: " + text, Native));

    [Fact]
    public void LargeIntegersInNativeMode()
    {
        Assert.Equal(3000000000L, ValueOf("a: 3000000000", Native));
        Assert.Equal(long.MaxValue, ValueOf("a: 9223372036854775807", Native));
        // uint64 has no place in the value model: it becomes float64.
        Assert.Equal(9223372036854775808.0, ValueOf("a: 9223372036854775808", Native));
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("0x1F", 31.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(".5", 0.5)]
    [InlineData("-.5", -0.5)]
    [InlineData("08", 8.0)]
    [InlineData("1_2.5", 12.5)]
    [InlineData("3000000000", 3000000000.0)]
    [InlineData("12345678901234567890", 12345678901234567890.0)]
    public void EveryNumberIsDoubleInJsonMode(string text, double expected)
    {
        var value = ValueOf("a: " + text);
        Assert.IsType<double>(value);
        Assert.Equal(expected, (double)value!);
    }

    [Fact]
    public void FloatsInNativeModeAreDouble()
    {
        Assert.Equal(1.5, ValueOf("a: 1.5", Native));
        Assert.Equal(double.PositiveInfinity, ValueOf("a: .inf", Native));
        Assert.Equal(double.NegativeInfinity, ValueOf("a: -.Inf", Native));
        Assert.True(double.IsNaN((double)ValueOf("a: .NaN", Native)!));
        Assert.Equal(1000.0, ValueOf("a: 1e3", Native));
    }

    [Fact]
    public void InfinityFailsInJsonModeAsJsonMarshalDoes()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: .inf", new YamlReadOptions { SourceName = "v.yaml" }));
        Assert.Contains("json: unsupported value: +Inf", ex.Message);
        Assert.StartsWith("v.yaml:1:4: ", ex.Message);
    }

    [Theory]
    [InlineData("a: '1'", "1")]
    [InlineData("a: \"yes\"", "yes")]
    [InlineData("a: 'null'", "null")]
    [InlineData("a: !!str 123", "123")]
    [InlineData("a: !!str true", "true")]
    [InlineData("a: 1e400", "1e400")]
    [InlineData("a: 2001-12-14", "2001-12-14")]
    [InlineData("a: 2001-12-14T21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00")]
    [InlineData("a: 1:20", "1:20")]
    [InlineData("a: !foo bar", "bar")]
    [InlineData("a: ! 12", "12")]
    [InlineData("a: !!binary aGVsbG8=", "hello")]
    [InlineData("a: <<", "<<")]
    [InlineData("a: .a", ".a")]
    [InlineData("a: 0x", "0x")]
    [InlineData("a: |\n  x\n  y\n", "x\ny\n")]
    [InlineData("a: |-\n  x\n  y\n", "x\ny")]
    [InlineData("a: >\n  x\n  y\n", "x y\n")]
    [InlineData("a: 'it''s'", "it's")]
    [InlineData("a: \"tab\\there\"", "tab\there")]
    [InlineData("a: plain text here", "plain text here")]
    [InlineData("a: 123abc", "123abc")]
    public void StringsStayStrings(string yaml, string expected) => Assert.Equal(expected, ValueOf(yaml));

    [Theory]
    [InlineData("a: !!int '12'", 12.0)]
    [InlineData("a: !!float 1", 1.0)]
    [InlineData("a: !!float '2.5'", 2.5)]
    public void ExplicitNumberTagsResolveQuotedText(string yaml, double expected) => Assert.Equal(expected, ValueOf(yaml));

    [Fact]
    public void ExplicitTagsInNativeMode()
    {
        Assert.Equal(1.0, ValueOf("a: !!float 1", Native));
        Assert.Equal(true, ValueOf("a: !!bool yes", Native));
        Assert.Equal(12, ValueOf("a: !!int \"12\"", Native));
    }

    [Theory]
    [InlineData("a: !!int abc", "cannot decode !!str `abc` as a !!int")]
    [InlineData("a: !!int 1.5", "cannot decode !!float `1.5` as a !!int")]
    [InlineData("a: !!bool 1", "cannot decode !!int `1` as a !!bool")]
    [InlineData("a: !!binary '%%%'", "!!binary value contains invalid base64 data")]
    public void MismatchedTagsFail(string yaml, string message)
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse(yaml));
        Assert.Equal(message, ex.What);
        Assert.Equal(1, ex.Line);
        Assert.Equal("YamlParseError", ex.ErrorId);
    }

    [Theory]
    [InlineData("1: a", "1")]
    [InlineData("0x10: a", "16")]
    [InlineData("true: a", "true")]
    [InlineData("yes: a", "true")]
    [InlineData("off: a", "false")]
    [InlineData("y: a", "true")]
    [InlineData("n: a", "false")]
    [InlineData("1.5: a", "1.5")]
    [InlineData("1.0: a", "1")]
    [InlineData("0.1: a", "0.1")]
    [InlineData("1e+36: a", "1e+36")]
    [InlineData("1000000000000000000000000000000000000: a", "1e+36")]
    [InlineData("123456789.0: a", "1.2345679e+08")]
    [InlineData(".inf: a", ".inf")]
    [InlineData("'1': a", "1")]
    [InlineData("2001-12-14: a", "2001-12-14")]
    public void NonStringKeysBecomeJsonKeysAsSigsYamlConvertsThem(string yaml, string key)
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse(yaml));
        Assert.Equal("a", Assert.Single(map, kv => kv.Key == key).Value);
    }

    [Theory]
    [InlineData("~: a")]
    [InlineData("? [a]\n: b")]
    [InlineData("? {a: 1}\n: b")]
    public void KeysThatCannotBecomeJsonKeysFail(string yaml) =>
        Assert.Throws<YamlParseException>(() => GoYaml.Parse(yaml));

    [Fact]
    public void DuplicateKeysLastOneWinsAsGoYamlV2()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("a: 1\nb: 2\na: 3\n"));
        Assert.Equal(3.0, map["a"]);
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void DuplicateKeysCanBeRejected()
    {
        var options = new YamlReadOptions { RejectDuplicateKeys = true, SourceName = "f.yaml" };
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: 1\nb:\n  c: 1\n  c: 2\n", options));
        Assert.Equal("mapping key \"c\" already defined at line 3 (key b.c appears on lines 3 and 4); keep only one of them", ex.What);
        Assert.Equal(4, ex.Line);
        Assert.Equal(3, ex.Column);
        Assert.Equal("YamlDuplicateKey", ex.ErrorId);
        Assert.StartsWith("f.yaml:4:3: mapping key \"c\" already defined at line 3", ex.Message);
    }

    [Fact]
    public void AliasesCopyTheAnchoredValue()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("a: &x {b: 1}\nc: *x\nd: &s hello\ne: *s\n"));
        var a = Assert.IsType<Dictionary<string, object?>>(map["a"]);
        var c = Assert.IsType<Dictionary<string, object?>>(map["c"]);
        Assert.NotSame(a, c);
        Assert.Equal(1.0, c["b"]);
        Assert.Equal("hello", map["e"]);
    }

    [Fact]
    public void MergeKeyExplicitKeysAfterItWin()
    {
        var map = (Dictionary<string, object?>)GoYaml.Parse("base: &b {x: 1, z: 2}\nd:\n  <<: *b\n  z: 3\n")!;
        var d = (Dictionary<string, object?>)map["d"]!;
        Assert.Equal(1.0, d["x"]);
        Assert.Equal(3.0, d["z"]);
    }

    [Fact]
    public void MergeKeyOverwritesKeysBeforeItAsGoYamlV2Does()
    {
        // go-yaml v2 merges in document order, so a key written before "<<" is overwritten by the merged map.
        var map = (Dictionary<string, object?>)GoYaml.Parse("base: &b {x: 1, z: 2}\nd:\n  z: 3\n  <<: *b\n")!;
        Assert.Equal(2.0, ((Dictionary<string, object?>)map["d"]!)["z"]);
    }

    [Fact]
    public void MergeSequenceEarlierMapsWin()
    {
        var map = (Dictionary<string, object?>)GoYaml.Parse("a: &a {x: 1}\nb: &b {x: 2, z: 2}\nc:\n  <<: [*a, *b]\n")!;
        var c = (Dictionary<string, object?>)map["c"]!;
        Assert.Equal(1.0, c["x"]);
        Assert.Equal(2.0, c["z"]);
    }

    [Fact]
    public void MergeOfInlineMapAndQuotedMergeKeyIsAPlainKey()
    {
        var map = (Dictionary<string, object?>)GoYaml.Parse("c:\n  <<: {x: 1}\n  '<<': z\n")!;
        var c = (Dictionary<string, object?>)map["c"]!;
        Assert.Equal(1.0, c["x"]);
        Assert.Equal("z", c["<<"]);
    }

    [Fact]
    public void MergeOfAScalarFails()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: &s x\nb:\n  <<: *s\n"));
        Assert.Equal("map merge requires map or sequence of maps as the value", ex.What);
    }

    [Fact]
    public void UnknownAliasFails()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: *nope\n"));
        Assert.Contains("nope", ex.What);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void AliasBombFailsWithExcessiveAliasing()
    {
        var sb = new System.Text.StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            sb.Append($"a{i}: &a{i} [");
            sb.Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10)));
            sb.Append("]\n");
        }
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse(sb.ToString()));
        Assert.Equal("document contains excessive aliasing", ex.What);
    }

    [Fact]
    public void EmptyAndCommentOnlyTextIsNull()
    {
        Assert.Null(GoYaml.Parse(""));
        Assert.Null(GoYaml.Parse("# only a comment\n"));
        Assert.Null(GoYaml.Parse("---\n"));
    }

    [Fact]
    public void ParseReadsOnlyTheFirstDocument()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("a: 1\n---\nb: 2\n---\n: : bad"));
        Assert.Equal(new[] { "a" }, map.Keys);
    }

    [Fact]
    public void RootScalarsAndSequences()
    {
        Assert.Equal("hello", GoYaml.Parse("hello"));
        Assert.Equal(5.0, GoYaml.Parse("5"));
        var list = Assert.IsType<List<object?>>(GoYaml.Parse("- 1\n- two\n- [3]\n- {}\n"));
        Assert.Equal(4, list.Count);
        Assert.Equal("two", list[1]);
        Assert.Single(Assert.IsType<List<object?>>(list[2]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(list[3]));
    }

    [Fact]
    public void MapsUseOrdinalKeys()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("a: 1\nA: 2\n"));
        Assert.Same(StringComparer.Ordinal, map.Comparer);
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void FlowCollections()
    {
        var map = (Dictionary<string, object?>)GoYaml.Parse("{a: 1, b: [x, 'y', \"z\"], c: {d: yes}}")!;
        Assert.Equal(new object?[] { "x", "y", "z" }, ((List<object?>)map["b"]!).ToArray());
        Assert.Equal(true, ((Dictionary<string, object?>)map["c"]!)["d"]);
    }

    [Fact]
    public void SyntaxErrorsCarrySourceLineAndColumn()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse("a: 1\nb: [1, 2\nc: 3\n", new YamlReadOptions { SourceName = "values.yaml" }));
        Assert.Equal("values.yaml", ex.SourceName);
        Assert.True(ex.Line >= 2, $"line {ex.Line}");
        Assert.StartsWith($"values.yaml:{ex.Line}:{ex.Column}: ", ex.Message);
        Assert.Equal("YamlParseError", ex.ErrorId);
        Assert.Equal(MeshOps.Engine.Hosting.MeshErrorKind.SyntaxError, ex.Kind);
    }

    [Theory]
    [InlineData("a: b: c\n")]
    [InlineData("a:\n  - 1\n  b: 2\n")]
    [InlineData("'unterminated\n")]
    [InlineData("a: 1\n\tb: 2\n")]
    [InlineData("[1, 2\n")]
    [InlineData("a: &x 1\nb: *x *x\n")]
    public void MalformedYamlThrowsYamlParseException(string yaml)
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse(yaml));
        Assert.True(ex.Line > 0);
        Assert.StartsWith("<input>:", ex.Message);
    }

    [Theory]
    [InlineData("a: b: c\n", 1, "mapping values are not allowed in this context")]
    [InlineData("a:\n  - 1\n  b: 2\n", 3, "did not find expected '-' indicator")]
    [InlineData("'unterminated\n", 1, "found unexpected end of stream")]
    [InlineData("[1, 2\n", 2, "did not find expected ',' or ']'")]
    [InlineData("{a: 1\n", 2, "did not find expected ',' or '}'")]
    [InlineData("a:\n b\nc", 3, "could not find expected ':'")]
    [InlineData("@foo\n", 1, "found character that cannot start any token")]
    [InlineData("a: 1\n\tb: 2\n", 1, "found character that cannot start any token")]
    public void SyntaxErrorMessagesUseLibyamlWording(string yaml, int line, string what)
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse(yaml));
        Assert.Equal(what, ex.What);
        Assert.Equal(line, ex.Line);
    }

    [Fact]
    public void ByteOrderMarkAndWindowsLineEndings()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(GoYaml.Parse("\uFEFFa: 1\r\nb: |\r\n  x\r\n  y\r\nc: [1,\r\n  2]\r\n"));
        Assert.Equal(1.0, map["a"]);
        Assert.Equal("x\ny\n", map["b"]);
        Assert.Equal(2, ((List<object?>)map["c"]!).Count);
    }

    [Fact]
    public void DeepNestingFailsCleanly()
    {
        var text = new string('[', 20000) + new string(']', 20000);
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.Parse(text));
        // libyaml stops at 10000; the engine at its own value depth limit (EngineLimits.MaxValueDepth).
        Assert.StartsWith("exceeded max depth of 512", ex.What);
        Assert.Equal("YamlNestingTooDeep", ex.ErrorId);
        Assert.IsType<List<object?>>(GoYaml.Parse(new string('[', 100) + new string(']', 100)));
    }
}
