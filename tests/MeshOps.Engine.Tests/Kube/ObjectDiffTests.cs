using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class ObjectDiffTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void MetadataNoiseAndStatusAreIgnored()
    {
        var live = J("""{"metadata":{"name":"a","resourceVersion":"1","generation":1,"uid":"u1","creationTimestamp":"t","managedFields":[{"manager":"x"}]},"spec":{"a":1},"status":{"ready":1}}""");
        var planned = J("""{"metadata":{"name":"a","resourceVersion":"2","generation":2,"uid":"u1","managedFields":[{"manager":"meshops"}]},"spec":{"a":1},"status":{"ready":0}}""");
        Assert.Empty(ObjectDiff.ChangedPaths(live, planned));
    }

    [Fact]
    public void ChangedScalarsAddedAndRemovedKeysAreListedByPath()
    {
        var live = J("""{"metadata":{"name":"a","labels":{"app":"x"}},"spec":{"replicas":1,"old":true}}""");
        var planned = J("""{"metadata":{"name":"a","labels":{"app":"y","new":"1"}},"spec":{"replicas":2}}""");
        Assert.Equal(["metadata.labels.app", "metadata.labels.new", "spec.old", "spec.replicas"], ObjectDiff.ChangedPaths(live, planned));
    }

    [Fact]
    public void ListsOfEqualLengthAreComparedPerElement()
    {
        var live = J("""{"spec":{"containers":[{"name":"a","image":"i:1"},{"name":"b","image":"j:1"}]}}""");
        var planned = J("""{"spec":{"containers":[{"name":"a","image":"i:2"},{"name":"b","image":"j:1"}]}}""");
        Assert.Equal(["spec.containers[0].image"], ObjectDiff.ChangedPaths(live, planned));
    }

    [Fact]
    public void ListsOfDifferentLengthAreOneChange()
    {
        var live = J("""{"spec":{"ports":[1]}}""");
        var planned = J("""{"spec":{"ports":[1,2]}}""");
        Assert.Equal(["spec.ports"], ObjectDiff.ChangedPaths(live, planned));
    }

    [Fact]
    public void NumbersCompareByValueNotText()
    {
        Assert.Empty(ObjectDiff.ChangedPaths(J("""{"spec":{"a":1}}"""), J("""{"spec":{"a":1}}""")));
        Assert.Equal(["spec.a"], ObjectDiff.ChangedPaths(J("""{"spec":{"a":1}}"""), J("""{"spec":{"a":"1"}}""")));
    }
}
