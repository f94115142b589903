using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;

namespace MeshOps.Engine.Tests.Mesh;

public sealed class InjectedRevisionTests
{
    private static JsonObject Pod(string? status) => new()
    {
        ["metadata"] = new JsonObject
        {
            ["name"] = "p",
            ["annotations"] = status == null ? new JsonObject() : new JsonObject { ["sidecar.istio.io/status"] = status },
        },
    };

    [Fact]
    public void EachPodGetsTheRevisionOfItsOwnStatusWhateverCameBefore()
    {
        // The last status read is remembered; equal and different texts in any order must still answer right.
        var sequence = new (string? Status, string? Expected)[]
        {
            ("""{"containers":["istio-proxy"],"revision":"old"}""", "old"),
            ("""{"containers":["istio-proxy"],"revision":"old"}""", "old"),
            ("""{"containers":["istio-proxy"],"revision":"canary"}""", "canary"),
            (null, null),
            ("""{"containers":["istio-proxy"]}""", "default"),
            ("not json", "default"),
            ("""{"containers":["istio-proxy"],"revision":"canary"}""", "canary"),
            ("""{"containers":["istio-proxy"],"revision":"old"}""", "old"),
        };
        foreach (var (status, expected) in sequence) Assert.Equal(expected, RevisionReader.InjectedRevision(Pod(status)));
    }
}
