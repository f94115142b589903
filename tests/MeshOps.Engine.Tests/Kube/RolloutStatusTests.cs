using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class RolloutStatusTests
{
    private static JsonObject J(string json) => JsonNode.Parse(json)!.AsObject();

    [Theory]
    [InlineData("""{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""", "not yet observed")]
    [InlineData("""{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":1,"availableReplicas":2}}""", "1 of 2 replicas are updated")]
    [InlineData("""{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":2,"availableReplicas":2}}""", "old replicas")]
    [InlineData("""{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":1}}""", "1 of 2 updated replicas are available")]
    [InlineData("""{"metadata":{"generation":1},"spec":{}}""", "not yet observed")]
    [InlineData("""{"metadata":{"generation":1},"spec":{"replicas":2},"status":{"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""", null)]
    [InlineData("""{"metadata":{"generation":1},"spec":{},"status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"availableReplicas":1}}""", null)]
    public void Deployment(string json, string? expected)
    {
        var reason = RolloutStatus.NotReadyReason("Deployment", J(json));
        if (expected == null) Assert.Null(reason);
        else Assert.Contains(expected, reason);
    }

    [Fact]
    public void DaemonSetAndStatefulSet()
    {
        Assert.Null(RolloutStatus.NotReadyReason("DaemonSet", J("""{"metadata":{"generation":3},"status":{"observedGeneration":3,"desiredNumberScheduled":2,"updatedNumberScheduled":2,"numberAvailable":2}}""")));
        Assert.Contains("1 of 2 updated pods", RolloutStatus.NotReadyReason("DaemonSet", J("""{"metadata":{"generation":3},"status":{"observedGeneration":3,"desiredNumberScheduled":2,"updatedNumberScheduled":2,"numberAvailable":1}}""")));
        Assert.Null(RolloutStatus.NotReadyReason("StatefulSet", J("""{"metadata":{"generation":1},"spec":{"replicas":1},"status":{"observedGeneration":1,"readyReplicas":1,"updatedReplicas":1,"currentRevision":"a","updateRevision":"a"}}""")));
        Assert.Contains("rolling update", RolloutStatus.NotReadyReason("StatefulSet", J("""{"metadata":{"generation":1},"spec":{"replicas":1},"status":{"observedGeneration":1,"readyReplicas":1,"updatedReplicas":1,"currentRevision":"a","updateRevision":"b"}}""")));
    }

    [Fact]
    public void PodProblemsNameWaitingReasonsAndScheduling()
    {
        var pod = J("""
            {"status":{"phase":"Pending","conditions":[{"type":"PodScheduled","status":"False","reason":"Unschedulable","message":"0/1 nodes"}],
             "containerStatuses":[{"name":"discovery","ready":false,"state":{"waiting":{"reason":"ImagePullBackOff","message":"pull failed"}}}]}}
            """);
        var problems = RolloutWaiter.PodProblems(pod);
        Assert.Contains("container discovery waiting: ImagePullBackOff (pull failed)", problems);
        Assert.Contains("not scheduled: Unschedulable (0/1 nodes)", problems);
    }
}
