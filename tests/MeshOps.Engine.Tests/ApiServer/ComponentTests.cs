using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Apply;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Patching;
using MeshOps.Testing.KubeApi.Selectors;

namespace MeshOps.Engine.Tests.ApiServer;

/// <summary>Unit tests of the server's building blocks, without HTTP.</summary>
public sealed class ComponentTests
{
    static JsonObject J(string json) => (JsonObject)JsonNode.Parse(json)!;

    [Fact]
    public void FieldsV1RoundTripsWithDotForMembersWithChildren()
    {
        var json = J("""{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"x\"}":{".":{},"f:image":{},"f:name":{}}}}}""");
        var set = FieldSet.FromFieldsV1(json);
        Assert.Equal(json.ToJsonString(), set.ToFieldsV1().ToJsonString());
    }

    [Fact]
    public void FieldSetFromObjectUsesKeysForContainersAndValuesForFinalizers()
    {
        var obj = J("""{"metadata":{"finalizers":["a"],"labels":{}},"spec":{"containers":[{"name":"x","image":"i"}],"args":["1"]}}""");
        var fields = FieldSet.FromObject(obj, custom: false).ToFieldsV1();
        Assert.NotNull(fields["f:metadata"]!["f:finalizers"]!["v:\"a\""]);
        Assert.Equal("{}", fields["f:metadata"]!["f:labels"]!.ToJsonString());
        Assert.Equal("{}", fields["f:spec"]!["f:args"]!.ToJsonString());
        Assert.NotNull(fields["f:spec"]!["f:containers"]!["k:{\"name\":\"x\"}"]!["."]);
    }

    [Fact]
    public void PathStringMatchesFieldpathFormat()
    {
        Assert.Equal(".spec.template.spec.containers[name=\"main\"].image",
            FieldSet.PathString(["f:spec", "f:template", "f:spec", "f:containers", "k:{\"name\":\"main\"}", "f:image"]));
        Assert.Equal(".metadata.finalizers[=\"x\"]", FieldSet.PathString(["f:metadata", "f:finalizers", "v:\"x\""]));
    }

    [Fact]
    public void FieldSetSetOperations()
    {
        var a = FieldSet.FromObject(J("""{"a":1,"b":{"c":2,"d":3}}"""), false);
        var b = FieldSet.FromObject(J("""{"b":{"c":5}}"""), false);
        Assert.Equal("""{"f:a":{},"f:b":{"f:d":{}}}""", a.Difference(b).ToFieldsV1().ToJsonString());
        Assert.Equal("""{"f:b":{"f:c":{}}}""", a.Intersect(b).ToFieldsV1().ToJsonString());
        Assert.Equal(a.ToFieldsV1().ToJsonString(), a.Union(b).ToFieldsV1().ToJsonString());
    }

    [Fact]
    public void StrategicMergeReplaceDirective()
    {
        var target = J("""{"spec":{"containers":[{"name":"a"},{"name":"b"}]}}""");
        var result = StrategicMergePatch.Apply(target, J("""{"spec":{"containers":[{"name":"c"},{"$patch":"replace"}]}}"""));
        Assert.Equal("""[{"name":"c"}]""", result["spec"]!["containers"]!.ToJsonString());
    }

    [Fact]
    public void StrategicMergeDeleteFromPrimitiveList()
    {
        var target = J("""{"metadata":{"finalizers":["a","b"]}}""");
        var result = StrategicMergePatch.Apply(target, J("""{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"""));
        Assert.Equal("""["b"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void JsonPatchMoveAndCopy()
    {
        var result = JsonPatch.Apply(J("""{"a":{"x":1},"b":{}}"""), (JsonArray)JsonNode.Parse("""[{"op":"copy","from":"/a/x","path":"/b/y"},{"op":"move","from":"/a","path":"/c"}]""")!);
        Assert.Equal("""{"b":{"y":1},"c":{"x":1}}""", result.ToJsonString());
    }

    [Fact]
    public void JsonPatchMissingPathIsInvalid()
    {
        var e = Assert.Throws<ApiException>(() => JsonPatch.Apply(J("{}"), (JsonArray)JsonNode.Parse("""[{"op":"remove","path":"/nope"}]""")!));
        Assert.Equal(422, e.Code);
    }

    [Fact]
    public void MergePatchNestedNullRemoves()
    {
        var result = JsonMergePatch.Apply(J("""{"a":{"b":1,"c":2}}"""), J("""{"a":{"b":null}}"""));
        Assert.Equal("""{"a":{"c":2}}""", result!.ToJsonString());
    }

    [Theory]
    [InlineData("a: true", "true")]
    [InlineData("a: yes", "true")]
    [InlineData("a: 'yes'", "\"yes\"")]
    [InlineData("a: 10", "10")]
    [InlineData("a: 1.5", "1.5")]
    [InlineData("a: ~", "null")]
    [InlineData("a: \"10\"", "\"10\"")]
    [InlineData("a: v1.2", "\"v1.2\"")]
    public void YamlScalarsResolveLikeGoYaml(string yaml, string json)
    {
        Assert.Equal(json, YamlToJson.Convert(yaml)!["a"]?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("""{"a":1,"b":1.0,"c":-0,"d":1e3,"e":12345678901234567890,"f":"1","g":true,"h":null,"i":[1.50,{"j":"\u00e9\n"}],"k":{}}""")]
    [InlineData("""{"spec":{"replicas":2,"template":{"metadata":{"labels":{"app":"x"}}}},"apiVersion":"apps/v1"}""")]
    public void AJsonBodyConvertsAsItsYamlParseDoes(string json)
    {
        // JSON bodies take a fast path; parsed as YAML (here: behind a comment, which JSON does not allow) they must come out the same.
        Assert.Equal(YamlToJson.Convert("# yaml\n" + json)!.ToJsonString(), YamlToJson.Convert(json)!.ToJsonString());
    }

    [Fact]
    public void TheWarmUpRunsItsRequestPathsOnAScratchStore()
    {
        // --warm-up (benchmarks) must not fail the server's start: every path it runs has to succeed.
        MeshOps.Testing.KubeApi.Hosting.WarmUp.RunRequestPaths();
    }

    [Fact]
    public void AJsonBodyWithADuplicateKeyIsDecidedByTheYamlPath()
    {
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlToJson.Convert("""{"a":1,"a":2}"""));
    }

    [Fact]
    public void LabelSelectorRequirements()
    {
        var obj = J("""{"metadata":{"labels":{"app":"web","tier":"front"}}}""");
        Assert.True(LabelSelector.Parse("app in (web, db),tier").Matches(obj));
        Assert.False(LabelSelector.Parse("app notin (web)").Matches(obj));
        Assert.True(LabelSelector.Parse("!missing").Matches(obj));
        Assert.True(LabelSelector.Parse("").Matches(obj));
    }

    [Fact]
    public void StatusBodiesAreShapedLikeTheRealServer()
    {
        var s = ApiException.AlreadyExists("apps", "deployments", "web").ToStatus();
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"web\" already exists","reason":"AlreadyExists","details":{"name":"web","group":"apps","kind":"deployments"},"code":409}""", s.ToJsonString(JsonTools.Compact));
    }

    [Fact]
    public void ApplyMergeKeepsLiveListItemsAndMergesByKey()
    {
        var live = J("""{"spec":{"containers":[{"name":"a","image":"1"},{"name":"b","image":"2"}]}}""");
        var merged = FieldManager.Merge(live, J("""{"spec":{"containers":[{"name":"b","image":"3"}]}}"""), custom: false);
        Assert.Equal("""[{"name":"a","image":"1"},{"name":"b","image":"3"}]""", merged["spec"]!["containers"]!.ToJsonString());
    }
}
