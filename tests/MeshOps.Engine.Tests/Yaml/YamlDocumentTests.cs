using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>Multi-document streams and node positions.</summary>
public class YamlDocumentTests
{
    private static readonly YamlReadOptions Tracked = new() { TrackPositions = true, SourceName = "iop.yaml" };

    private const string Operator =
        "apiVersion: install.istio.io/v1alpha1\n" +
        "kind: IstioOperator\n" +
        "spec:\n" +
        "  components:\n" +
        "    ingressGateways:\n" +
        "    - name: istio-ingressgateway\n" +
        "      enabled: true\n" +
        "    - name: other\n" +
        "      k8s:\n" +
        "        resources: {requests: {cpu: 10m}}\n" +
        "  values:\n" +
        "    a.b: 1\n";

    [Fact]
    public void DocumentsAreSplitOnSeparatorsWithStartLines()
    {
        var docs = GoYaml.ParseDocuments("a: 1\n---\nb: 2\n---\n# only a comment\n---\n\n\nc: 3\n");
        Assert.Equal(3, docs.Count);
        Assert.Equal(1, docs[0].StartLine);
        Assert.Equal(3, docs[1].StartLine);
        Assert.Equal(9, docs[2].StartLine);
        Assert.Equal(3.0, ((Dictionary<string, object?>)docs[2].Value!)["c"]);
    }

    [Fact]
    public void EmptyAndNullDocumentsAreOmitted()
    {
        Assert.Empty(GoYaml.ParseDocuments(""));
        Assert.Empty(GoYaml.ParseDocuments("---\n---\n"));
        Assert.Empty(GoYaml.ParseDocuments("--- null\n--- ~\n"));
        Assert.Single(GoYaml.ParseDocuments("---\n---\nkind: A\n...\n"));
    }

    [Fact]
    public void AnchorsDoNotCrossDocuments()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.ParseDocuments("a: &x 1\n---\nb: *x\n"));
        Assert.Equal(3, ex.Line);
    }

    [Fact]
    public void ErrorInALaterDocumentReportsItsLine()
    {
        var ex = Assert.Throws<YamlParseException>(() => GoYaml.ParseDocuments("a: 1\n---\nb: [\n", new YamlReadOptions { SourceName = "m.yaml" }));
        Assert.True(ex.Line >= 3);
        Assert.StartsWith("m.yaml:", ex.Message);
    }

    [Fact]
    public void ScalarAndListDocuments()
    {
        var docs = GoYaml.ParseDocuments("--- text\n--- [1, 2]\n");
        Assert.Equal("text", docs[0].Value);
        Assert.Equal(2, Assert.IsType<List<object?>>(docs[1].Value).Count);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("kind", 2, 1)]
    [InlineData("spec", 3, 1)]
    [InlineData("spec.components", 4, 3)]
    [InlineData("spec.components.ingressGateways", 5, 5)]
    [InlineData("spec.components.ingressGateways[0]", 6, 7)]
    [InlineData("spec.components.ingressGateways[0].name", 6, 7)]
    [InlineData("spec.components.ingressGateways[0].enabled", 7, 7)]
    [InlineData("spec.components.ingressGateways[1].k8s.resources.requests.cpu", 10, 32)]
    [InlineData("spec.values.a\\.b", 12, 5)]
    public void PositionsOfPaths(string path, int line, int column)
    {
        var doc = Assert.Single(GoYaml.ParseDocuments(Operator, Tracked));
        Assert.True(doc.TryGetPosition(path, out var l, out var c), path);
        Assert.Equal((line, column), (l, c));
    }

    [Theory]
    [InlineData("spec.components.egressGateways")]
    [InlineData("spec.values.a.b")]
    [InlineData("spec.components.ingressGateways[2]")]
    public void UnknownPathsHaveNoPosition(string path)
    {
        var doc = Assert.Single(GoYaml.ParseDocuments(Operator, Tracked));
        Assert.False(doc.TryGetPosition(path, out _, out _));
    }

    [Fact]
    public void PositionsAreNotRecordedUnlessAsked()
    {
        var doc = Assert.Single(GoYaml.ParseDocuments(Operator));
        Assert.False(doc.TryGetPosition("spec", out _, out _));
    }

    [Fact]
    public void PositionsAreLinesOfTheWholeStream()
    {
        var docs = GoYaml.ParseDocuments("a: 1\n---\nb:\n  c: 2\n", Tracked);
        Assert.True(docs[1].TryGetPosition("b.c", out var line, out var column));
        Assert.Equal((4, 3), (line, column));
    }

    [Fact]
    public void ParseDocumentsUsesTheNumberMode()
    {
        var doc = Assert.Single(GoYaml.ParseDocuments("a: 1\n", new YamlReadOptions { NumberMode = YamlNumberMode.Native }));
        Assert.Equal(1, ((Dictionary<string, object?>)doc.Value!)["a"]);
    }
}
