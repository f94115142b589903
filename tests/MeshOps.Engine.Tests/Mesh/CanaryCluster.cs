using System.Text.Json.Nodes;
using MeshOps.Engine.Mesh;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.Mesh;

/// <summary>
/// Seeds the loopback server with what a revision's injection needs, as istio-discovery 1.18.5 renders it for a revision
/// in istio-system: the istiod Deployment and Service istiod-REV, ConfigMap istio-sidecar-injector-REV (values: hub, tag,
/// proxy image) and the MutatingWebhookConfiguration istio-sidecar-injector-REV with its rev.namespace and rev.object
/// webhooks. Plus namespaces and workloads.
/// </summary>
internal static class CanaryCluster
{
    public const string ControlPlane = "istio-system";

    public static void SeedRevision(TestApiServer server, string revision, string version)
    {
        server.Objects.Seed("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"istio-system"}}""");
        var labels = $$"""{"app":"istiod","istio.io/rev":"{{revision}}"}""";
        server.Objects.Seed($$$"""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"istiod-{{{revision}}}","namespace":"istio-system","labels":{{{labels}}}},
             "spec":{"replicas":1,"selector":{"matchLabels":{{{labels}}}},"template":{"metadata":{"labels":{{{labels}}}},"spec":{"containers":[{"name":"discovery","image":"docker.io/istio/pilot:{{{version}}}"}]} } } }
            """);
        server.Objects.Seed($$$"""
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"istiod-{{{revision}}}","namespace":"istio-system","labels":{{{labels}}}},
             "spec":{"selector":{{{labels}}},"ports":[{"name":"https-webhook","port":443,"targetPort":15017}]} }
            """);
        var values = new JsonObject { ["global"] = new JsonObject { ["hub"] = "docker.io/istio", ["tag"] = version, ["proxy"] = new JsonObject { ["image"] = "proxyv2" } } }.ToJsonString();
        server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "istio-sidecar-injector-" + revision, ["namespace"] = ControlPlane, ["labels"] = new JsonObject { ["istio.io/rev"] = revision } },
            ["data"] = new JsonObject { ["values"] = values, ["config"] = "policy: enabled" },
        });
        JsonObject Hook(string prefix, JsonArray nsExpressions, JsonArray objectExpressions) => new()
        {
            ["name"] = prefix + "sidecar-injector.istio.io",
            ["clientConfig"] = new JsonObject { ["service"] = new JsonObject { ["name"] = "istiod-" + revision, ["namespace"] = ControlPlane, ["path"] = "/inject", ["port"] = 443 } },
            ["sideEffects"] = "None",
            ["rules"] = new JsonArray(new JsonObject { ["operations"] = new JsonArray("CREATE"), ["apiGroups"] = new JsonArray(""), ["apiVersions"] = new JsonArray("v1"), ["resources"] = new JsonArray("pods") }),
            ["failurePolicy"] = "Fail",
            ["admissionReviewVersions"] = new JsonArray("v1beta1", "v1"),
            ["namespaceSelector"] = new JsonObject { ["matchExpressions"] = nsExpressions },
            ["objectSelector"] = new JsonObject { ["matchExpressions"] = objectExpressions },
        };
        JsonObject Expr(string key, string op, params string[] values)
        {
            var e = new JsonObject { ["key"] = key, ["operator"] = op };
            if (values.Length > 0) e["values"] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
            return e;
        }
        server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1", ["kind"] = "MutatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = "istio-sidecar-injector-" + revision, ["labels"] = new JsonObject { ["istio.io/rev"] = revision, ["app"] = "sidecar-injector" } },
            ["webhooks"] = new JsonArray(
                Hook("rev.namespace.", new JsonArray(Expr("istio.io/rev", "In", revision), Expr("istio-injection", "DoesNotExist")), new JsonArray(Expr("sidecar.istio.io/inject", "NotIn", "false"))),
                Hook("rev.object.", new JsonArray(Expr("istio.io/rev", "DoesNotExist"), Expr("istio-injection", "DoesNotExist")),
                    new JsonArray(Expr("sidecar.istio.io/inject", "NotIn", "false"), Expr("istio.io/rev", "In", revision)))),
        });
    }

    public static void SeedNamespace(TestApiServer server, string name, string? revisionLabel, string? injectionLabel = null)
    {
        var labels = new JsonObject();
        if (revisionLabel != null) labels["istio.io/rev"] = revisionLabel;
        if (injectionLabel != null) labels["istio-injection"] = injectionLabel;
        server.Objects.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels } });
    }

    public static void SeedWorkload(TestApiServer server, string kind, string ns, string name, int replicas = 1, JsonObject? podLabels = null)
    {
        var labels = new JsonObject { ["app"] = name };
        foreach (var (k, v) in podLabels ?? new JsonObject()) labels[k] = v?.DeepClone();
        var spec = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = labels },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "example/app:1" }) },
            },
        };
        if (kind != "DaemonSet") spec["replicas"] = replicas;
        if (kind == "StatefulSet") spec["serviceName"] = name;
        server.Objects.Seed(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns }, ["spec"] = spec,
        });
    }

    /// <summary>The revision that injected each pod of a namespace (null: no sidecar).</summary>
    public static IReadOnlyList<(string Pod, string? Revision, bool Ready)> Pods(TestApiServer server, string ns) =>
        server.Objects.List("v1", "Pod", ns).Select(p => (p.Str("metadata", "name") ?? "", RevisionReader.InjectedRevision(p), WorkloadReader.IsReady(p))).ToList();

    /// <summary>
    /// Waits until the namespaces have <paramref name="count"/> pods, all Ready and (when given) all injected by
    /// <paramref name="revision"/> ("none": no sidecar).
    /// </summary>
    public static async Task WaitReadyAsync(TestApiServer server, IEnumerable<string> namespaces, int count, string? revision = null, int seconds = 20)
    {
        var list = namespaces.ToList();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var pods = list.SelectMany(n => Pods(server, n)).ToList();
            if (pods.Count == count && pods.All(p => p.Ready && (revision == null || (p.Revision ?? "none") == revision))) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"pods not ready: {string.Join(", ", pods.Select(p => $"{p.Pod}:{p.Revision}:{p.Ready}"))}");
            await Task.Delay(50);
        }
    }
}
