using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>
/// The API defaults the real server fills in for the module's kinds (the subset that shows up in diffs):
/// Service ports/type, workload replicas/strategy/history, pod template restartPolicy/dnsPolicy/..., container pull
/// policy and termination message settings.
/// </summary>
public static class Defaults
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom) return;
        var spec = obj["spec"] as JsonObject;
        switch (type.Group, type.Kind)
        {
            case ("", "Service") when spec != null:
                Set(spec, "type", "ClusterIP");
                Set(spec, "sessionAffinity", "None");
                if (spec["ports"] is JsonArray ports)
                    foreach (var p in ports.OfType<JsonObject>())
                    {
                        Set(p, "protocol", "TCP");
                        if (!p.ContainsKey("targetPort") && p["port"] != null) p["targetPort"] = p["port"]!.DeepClone();
                    }
                break;
            case ("apps", "Deployment") when spec != null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "progressDeadlineSeconds", 600);
                if (spec["strategy"] is not JsonObject)
                    spec["strategy"] = new JsonObject { ["type"] = "RollingUpdate", ["rollingUpdate"] = new JsonObject { ["maxUnavailable"] = "25%", ["maxSurge"] = "25%" } };
                PodTemplate(spec);
                break;
            case ("apps", "StatefulSet") when spec != null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "podManagementPolicy", "OrderedReady");
                PodTemplate(spec);
                break;
            case ("apps", "DaemonSet") when spec != null:
                Set(spec, "revisionHistoryLimit", 10);
                PodTemplate(spec);
                break;
            case ("apps", "ReplicaSet") when spec != null:
                Set(spec, "replicas", 1);
                PodTemplate(spec);
                break;
            case ("", "Pod") when spec != null:
                PodSpec(spec);
                break;
        }
    }

    static void PodTemplate(JsonObject spec)
    {
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpec(podSpec);
    }

    static void PodSpec(JsonObject podSpec)
    {
        Set(podSpec, "restartPolicy", "Always");
        Set(podSpec, "terminationGracePeriodSeconds", 30);
        Set(podSpec, "dnsPolicy", "ClusterFirst");
        Set(podSpec, "schedulerName", "default-scheduler");
        if (podSpec["securityContext"] is not JsonObject) podSpec["securityContext"] = new JsonObject();
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (podSpec[list] is not JsonArray containers) continue;
            foreach (var c in containers.OfType<JsonObject>())
            {
                var image = JsonTools.Str(c, "image") ?? "";
                var latest = !image.Contains(':') || image.EndsWith(":latest", StringComparison.Ordinal);
                Set(c, "imagePullPolicy", latest && !image.Contains('@') ? "Always" : "IfNotPresent");
                Set(c, "terminationMessagePath", "/dev/termination-log");
                Set(c, "terminationMessagePolicy", "File");
                if (c["ports"] is JsonArray ports) foreach (var p in ports.OfType<JsonObject>()) Set(p, "protocol", "TCP");
            }
        }
    }

    static void Set(JsonObject o, string key, JsonNode value)
    {
        if (!o.ContainsKey(key) || o[key] is null) o[key] = value;
    }
}
