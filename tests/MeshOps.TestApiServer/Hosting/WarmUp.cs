using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Storage;

namespace MeshOps.Testing.KubeApi.Hosting;

/// <summary>
/// --warm-up: before the server says READY, runs its request paths once (server-side apply of a CRD and a
/// Deployment, create and re-apply with a conflict forced, JSON and YAML bodies, get, list; one HTTPS call through
/// the pipeline), on a scratch store, so the first requests a benchmark times do not pay the JIT of a fresh process.
/// A real kube-apiserver is a long-running, warm process; the store, the request log and the faults are left as
/// they were.
/// </summary>
public static class WarmUp
{
    public static void RunRequestPaths()
    {
        var catalog = new ResourceCatalog();
        var service = new ResourceService(new ObjectStore(), catalog);
        var crd = catalog.FindByKind("apiextensions.k8s.io/v1", "CustomResourceDefinition")!;
        var deployment = catalog.FindByKind("apps/v1", "Deployment")!;
        var ns = catalog.FindByKind("v1", "Namespace")!;
        service.Patch(ns, "", "warm-up", "application/apply-patch+yaml", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"warm-up"}}""", "", new WriteOptions("warm-up"));
        var schema = """{"type":"object","properties":{"spec":{"type":"object","required":["a"],"properties":{"a":{"type":"string","enum":["x","y"]},"b":{"type":"array","items":{"type":"integer"}}}}}}""";
        string Crd(string description) =>
            """{"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"warmups.warm.up","labels":{"app":"warm-up"}},"spec":{"group":"warm.up","scope":"Namespaced","names":{"plural":"warmups","singular":"warmup","kind":"WarmUp","listKind":"WarmUpList"},"versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"description":""" +
            "\"" + description + "\"" + ""","type":"object","x-kubernetes-preserve-unknown-fields":true,"properties":{"spec":""" + schema + "}}}}]}}";
        service.Patch(crd, "", "warmups.warm.up", "application/apply-patch+yaml", Crd("one"), "", new WriteOptions("warm-up", Force: true));
        service.Patch(crd, "", "warmups.warm.up", "application/apply-patch+yaml", Crd("two"), "", new WriteOptions("other", Force: true));
        var yamlDeployment = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: warm-up, namespace: warm-up, labels: {app: warm-up}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: warm-up}}
              template:
                metadata: {labels: {app: warm-up}}
                spec: {containers: [{name: main, image: "warm:1", ports: [{containerPort: 80}], env: [{name: A, value: "1"}]}]}
            """;
        service.Patch(deployment, "warm-up", "warm-up", "application/apply-patch+yaml", yamlDeployment, "", new WriteOptions("warm-up", Force: true));
        var json = (JsonObject)Json.YamlToJson.Convert(yamlDeployment)!;
        json["spec"]!["replicas"] = 2;
        service.Patch(deployment, "warm-up", "warm-up", "application/apply-patch+yaml", json.ToJsonString(), "", new WriteOptions("other", Force: true));
        service.Get(deployment, "warm-up", "warm-up").ToJsonString();
        service.List(crd, null, new ListOptions()).ToJsonString();
    }
}
