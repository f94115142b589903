using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>
/// Block scalars whose leading lines hold only spaces, read as libyaml (go-yaml, Helm) reads them; YamlDotNet alone
/// refuses several. Every expectation is Helm 4.1.4's fromYaml | toJson of the same text.
/// </summary>
public class BlockScalarLeadingLinesTests
{
    [Theory]
    [InlineData("a: |\n  \n  foo\nb: 1\n", "{\"a\":\"\\nfoo\\n\",\"b\":1}")]
    [InlineData("a: |\n   \n    foo\nb: 1\n", "{\"a\":\"\\nfoo\\n\",\"b\":1}")]
    [InlineData("a: >\n  \n  foo\n  bar\nb: 1\n", "{\"a\":\"\\nfoo bar\\n\",\"b\":1}")]
    [InlineData("a: |-\n  \n  \n  foo\n  \nb: 1\n", "{\"a\":\"\\n\\nfoo\",\"b\":1}")]
    [InlineData("a: |+\n  \n  foo\n\n\nb: 1\n", "{\"a\":\"\\nfoo\\n\\n\\n\",\"b\":1}")]
    [InlineData("x:\n  a: |\n    \n    foo\n  b: 1\n", "{\"x\":{\"a\":\"\\nfoo\\n\",\"b\":1}}")]
    [InlineData("a: |\n  \n", "{\"a\":\"\"}")]
    // A leading line deeper than the content: the block is empty and ends before it.
    [InlineData("x:\n  a: |\n      \n  b: 1\n", "{\"x\":{\"a\":\"\",\"b\":1}}")]
    [InlineData("a: |-  # c\n    \nb: 1\n", "{\"a\":\"\",\"b\":1}")]
    // Later documents after a refused block still read from where they are.
    [InlineData("a: |\n  \n  foo\n---\nb: 1\n", "{\"a\":\"\\nfoo\\n\"}")]
    public void Reads_leading_space_lines_as_go_yaml(string yaml, string json)
    {
        Assert.Equal(json, GoJson.Serialize(GoYaml.Parse(yaml)));
    }

    [Fact]
    public void Every_document_of_a_stream_survives_the_reread()
    {
        var docs = GoYaml.ParseDocuments("a: 1\n---\nb: |\n  \n  foo\n---\nc: 2\n");
        Assert.Equal(new[] { "{\"a\":1}", "{\"b\":\"\\nfoo\\n\"}", "{\"c\":2}" }, docs.Select(d => GoJson.Serialize(d.Value)));
    }

    [Theory]
    // go-yaml: the block ends before "foo", which then is a key without a value.
    [InlineData("a: |\n    \n  foo\nb: 1\n", "line 2: did not find expected key")]
    [InlineData("a: |\n    \n\n  foo\nb: 1\n", "line 3: did not find expected key")]
    [InlineData("a: >-\n  \n    foo\n  bar\nb: 1\n", "line 3: did not find expected key")]
    // Scanner errors name their 1-based line, parser errors the 0-based one, and none on the first line.
    [InlineData("a: b: c\n", "mapping values are not allowed in this context")]
    [InlineData("x: 1\ny: 2\n  z: 3\n", "line 3: mapping values are not allowed in this context")]
    [InlineData("a:\n  - b\n c: d\n", "line 2: did not find expected key")]
    [InlineData("x: 1\n- a\n", "line 1: did not find expected key")]
    [InlineData("x: *nope\n", "unknown anchor 'nope' referenced")]
    public void Refuses_as_go_yaml_with_its_line(string yaml, string goText)
    {
        var e = Assert.Throws<YamlParseException>(() => GoYaml.Parse(yaml));
        Assert.Equal(goText, e.GoText);
    }
}
