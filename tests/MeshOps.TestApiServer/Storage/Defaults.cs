using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>
/// The API defaults a real kube-apiserver fills in for the kinds Istio installs (Kubernetes' pkg/apis/*/v1/defaults.go
/// and the Service registry's IP-family defaults), so the module meets default-filled live objects as it does on a
/// real cluster: webhooks (failure/match/reinvocation policy, selectors, timeout, rule scope, service port), Services
/// (type, affinity, traffic policies, IP families, target ports), workloads (replicas, strategies, history) and pod
/// templates (restart/DNS policy, scheduler, probes, volume modes, env field references, container basics, resource
/// quantities in canonical form), HPAs.
/// ConfigMaps, ServiceAccounts, RBAC and PodDisruptionBudgets get none.
/// </summary>
public static class Defaults
{
    public static void Apply(ResourceType type, JsonObject obj)
    {
        if (type.IsCustom) return;
        var spec = obj["spec"] as JsonObject;
        switch (type.Group, type.Kind)
        {
            case ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"):
                Webhooks(obj, mutating: false);
                break;
            case ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"):
                Webhooks(obj, mutating: true);
                break;
            case ("", "Service") when spec != null:
                Service(spec);
                break;
            case ("apps", "Deployment") when spec != null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "progressDeadlineSeconds", 600);
                var strategy = Obj(spec, "strategy");
                Set(strategy, "type", "RollingUpdate");
                if ((string?)strategy["type"] == "RollingUpdate")
                {
                    var rolling = Obj(strategy, "rollingUpdate");
                    Set(rolling, "maxUnavailable", "25%");
                    Set(rolling, "maxSurge", "25%");
                }
                PodTemplate(spec);
                break;
            case ("apps", "StatefulSet") when spec != null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "podManagementPolicy", "OrderedReady");
                var update = Obj(spec, "updateStrategy");
                Set(update, "type", "RollingUpdate");
                if ((string?)update["type"] == "RollingUpdate") Set(Obj(update, "rollingUpdate"), "partition", 0);
                PodTemplate(spec);
                break;
            case ("apps", "DaemonSet") when spec != null:
                Set(spec, "revisionHistoryLimit", 10);
                var dsUpdate = Obj(spec, "updateStrategy");
                Set(dsUpdate, "type", "RollingUpdate");
                if ((string?)dsUpdate["type"] == "RollingUpdate")
                {
                    var rolling = Obj(dsUpdate, "rollingUpdate");
                    Set(rolling, "maxUnavailable", 1);
                    Set(rolling, "maxSurge", 0);
                }
                PodTemplate(spec);
                break;
            case ("apps", "ReplicaSet") when spec != null:
                Set(spec, "replicas", 1);
                PodTemplate(spec);
                break;
            case ("", "Pod") when spec != null:
                PodSpec(spec);
                break;
            case ("autoscaling", "HorizontalPodAutoscaler") when spec != null && type.Version == "v2":
                Set(spec, "minReplicas", 1);
                if (spec["metrics"] is not JsonArray { Count: > 0 })
                {
                    spec["metrics"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Resource",
                        ["resource"] = new JsonObject { ["name"] = "cpu", ["target"] = new JsonObject { ["type"] = "Utilization", ["averageUtilization"] = 80 } },
                    });
                }
                break;
        }
    }

    /// <summary>SetDefaults_ValidatingWebhook / SetDefaults_MutatingWebhook, SetDefaults_Rule, SetDefaults_ServiceReference.</summary>
    static void Webhooks(JsonObject obj, bool mutating)
    {
        if (obj["webhooks"] is not JsonArray hooks) return;
        foreach (var hook in hooks.OfType<JsonObject>())
        {
            Set(hook, "failurePolicy", "Fail");
            Set(hook, "matchPolicy", "Equivalent");
            Set(hook, "namespaceSelector", new JsonObject());
            Set(hook, "objectSelector", new JsonObject());
            Set(hook, "timeoutSeconds", 10);
            if (mutating) Set(hook, "reinvocationPolicy", "Never");
            if (hook["clientConfig"]?["service"] is JsonObject service) Set(service, "port", 443);
            if (hook["rules"] is JsonArray rules)
                foreach (var rule in rules.OfType<JsonObject>()) Set(rule, "scope", "*");
        }
    }

    /// <summary>SetDefaults_Service plus what the Service registry fills in (single-stack IPv4 families).</summary>
    static void Service(JsonObject spec)
    {
        Set(spec, "type", "ClusterIP");
        Set(spec, "sessionAffinity", "None");
        var type = (string?)spec["type"];
        if (type == "ExternalName") return;
        Set(spec, "internalTrafficPolicy", "Cluster");
        if (type is "NodePort" or "LoadBalancer") Set(spec, "externalTrafficPolicy", "Cluster");
        if (type == "LoadBalancer") Set(spec, "allocateLoadBalancerNodePorts", true);
        Set(spec, "ipFamilyPolicy", "SingleStack");
        Set(spec, "ipFamilies", new JsonArray("IPv4"));
        if (spec["ports"] is JsonArray ports)
            foreach (var p in ports.OfType<JsonObject>())
            {
                Set(p, "protocol", "TCP");
                if (!p.ContainsKey("targetPort") && p["port"] != null) p["targetPort"] = p["port"]!.DeepClone();
            }
    }

    static void PodTemplate(JsonObject spec)
    {
        if (spec["template"]?["spec"] is JsonObject podSpec) PodSpec(podSpec);
    }

    /// <summary>SetDefaults_PodSpec, SetDefaults_Container, probes, volume sources and field references.</summary>
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
                foreach (var bound in new[] { "requests", "limits" })
                    if (c["resources"]?[bound] is JsonObject quantities)
                        foreach (var (name, value) in quantities.ToList())
                            if (value is JsonValue v && v.TryGetValue<string>(out var text)) quantities[name] = QuantityFormat.Canonical(text);
                foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
                    if (c[probe] is JsonObject pr) Probe(pr);
                if (c["env"] is JsonArray env)
                    foreach (var e in env.OfType<JsonObject>())
                        if (e["valueFrom"]?["fieldRef"] is JsonObject fieldRef) Set(fieldRef, "apiVersion", "v1");
            }
        }
        if (podSpec["volumes"] is JsonArray volumes)
            foreach (var v in volumes.OfType<JsonObject>()) Volume(v);
    }

    static void Probe(JsonObject probe)
    {
        Set(probe, "timeoutSeconds", 1);
        Set(probe, "periodSeconds", 10);
        Set(probe, "successThreshold", 1);
        Set(probe, "failureThreshold", 3);
        if (probe["httpGet"] is JsonObject http) Set(http, "scheme", "HTTP");
    }

    static void Volume(JsonObject volume)
    {
        foreach (var source in new[] { "configMap", "secret", "downwardAPI", "projected" })
            if (volume[source] is JsonObject s) Set(s, "defaultMode", 420);
        if (volume["downwardAPI"]?["items"] is JsonArray items) FieldRefs(items);
        if (volume["projected"]?["sources"] is JsonArray sources)
            foreach (var s in sources.OfType<JsonObject>())
            {
                if (s["serviceAccountToken"] is JsonObject token) Set(token, "expirationSeconds", 3600);
                if (s["downwardAPI"]?["items"] is JsonArray projectedItems) FieldRefs(projectedItems);
            }
    }

    static void FieldRefs(JsonArray items)
    {
        foreach (var item in items.OfType<JsonObject>())
            if (item["fieldRef"] is JsonObject fieldRef) Set(fieldRef, "apiVersion", "v1");
    }

    static JsonObject Obj(JsonObject o, string key)
    {
        if (o[key] is JsonObject child) return child;
        var created = new JsonObject();
        o[key] = created;
        return created;
    }

    static void Set(JsonObject o, string key, JsonNode value)
    {
        if (!o.ContainsKey(key) || o[key] is null) o[key] = value;
    }
}
