using System.Text.Json.Nodes;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Whether a workload has rolled out, with kubectl rollout status' rules: the controller has seen the latest
/// generation, every replica runs the new template, and enough are available.
/// </summary>
internal static class RolloutStatus
{
    /// <summary>Null when rolled out, else why not (e.g. "1 of 2 updated replicas are available").</summary>
    public static string? NotReadyReason(string kind, JsonObject obj)
    {
        var generation = Long(obj["metadata"]?["generation"]);
        var status = obj["status"] as JsonObject;
        var observed = Long(status?["observedGeneration"]);
        if (status == null || observed < generation) return "the controller has not yet observed the latest spec";
        switch (kind)
        {
            case "Deployment":
            {
                var desired = obj["spec"]?["replicas"] == null ? 1 : Long(obj["spec"]?["replicas"]);
                var updated = Long(status["updatedReplicas"]);
                var total = Long(status["replicas"]);
                var available = Long(status["availableReplicas"]);
                if (updated < desired) return $"{updated} of {desired} replicas are updated";
                if (total > updated) return $"{total - updated} old replicas are pending termination";
                if (available < updated) return $"{available} of {updated} updated replicas are available";
                return null;
            }
            case "DaemonSet":
            {
                var desired = Long(status["desiredNumberScheduled"]);
                var updated = Long(status["updatedNumberScheduled"]);
                var available = Long(status["numberAvailable"]);
                if (updated < desired) return $"{updated} of {desired} pods are updated";
                if (available < desired) return $"{available} of {desired} updated pods are available";
                return null;
            }
            case "StatefulSet":
            {
                var desired = obj["spec"]?["replicas"] == null ? 1 : Long(obj["spec"]?["replicas"]);
                var ready = Long(status["readyReplicas"]);
                var updated = Long(status["updatedReplicas"]);
                if ((string?)obj["spec"]?["updateStrategy"]?["type"] != "OnDelete")
                {
                    if (updated < desired) return $"{updated} of {desired} pods are updated";
                    var current = (string?)status["currentRevision"];
                    var update = (string?)status["updateRevision"];
                    if (current != null && update != null && current != update) return "the rolling update has not finished";
                }
                if (ready < desired) return $"{ready} of {desired} pods are ready";
                return null;
            }
            default:
                return null;
        }
    }

    /// <summary>A JSON integer whether parsed from text or built in memory (where TryGetValue&lt;long&gt; fails on an int).</summary>
    internal static long Long(JsonNode? node)
    {
        if (node is not JsonValue v) return 0;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<int>(out var i)) return i;
        if (v.TryGetValue<double>(out var d)) return (long)d;
        return 0;
    }
}
