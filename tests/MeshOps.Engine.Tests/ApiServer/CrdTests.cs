using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class CrdTests : ApiServerTestBase
{
    public static V1CustomResourceDefinition WidgetCrd(string scope) => new()
    {
        Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = "example.com",
            Scope = scope,
            Names = new V1CustomResourceDefinitionNames { Kind = "Widget", Plural = "widgets", Singular = "widget", ShortNames = ["wd"] },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1", Served = true, Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                },
            ],
        },
    };

    public static async Task InstallWidgetCrd(Kubernetes client, TestApiServer server, string scope)
    {
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetCrd(scope));
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var crd = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
            if (crd.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true) return;
            await Task.Delay(20);
        }
        Assert.Fail("CRD never Established");
    }

    public static JsonObject Widget(string name, int size = 1) => new()
    {
        ["apiVersion"] = "example.com/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject { ["size"] = size },
    };

    static JsonObject AsNode(object o) => (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(o))!;

    [Fact]
    public async Task CrdBecomesEstablishedWithNamesAccepted()
    {
        await InstallWidgetCrd(Client, Server, "Namespaced");
        var crd = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("widgets.example.com");
        Assert.Contains(crd.Status.Conditions, c => c.Type == "NamesAccepted" && c.Status == "True");
        Assert.Equal("widgets", crd.Status.AcceptedNames.Plural);
        Assert.Equal(["v1"], crd.Status.StoredVersions);
    }

    [Fact]
    public async Task CustomKindIsNotServedBeforeEstablished()
    {
        Server.Controllers.Enabled = false;
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetCrd("Namespaced"));
        var (code, _) = await Failure(() => Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", "default", "widgets"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task NamespacedCustomResourceCrud()
    {
        await InstallWidgetCrd(Client, Server, "Namespaced");
        var ns = await NewNamespace();
        var created = AsNode(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w1"), "example.com", "v1", ns, "widgets"));
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());
        var got = AsNode(await Client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets", "w1"));
        Assert.Equal("Widget", got["kind"]!.ToString());
        var patched = AsNode(await Client.CustomObjects.PatchNamespacedCustomObjectAsync(new V1Patch("""{"spec":{"size":5}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", ns, "widgets", "w1"));
        Assert.Equal(5, patched["spec"]!["size"]!.GetValue<int>());
        Assert.Equal(2, patched["metadata"]!["generation"]!.GetValue<long>());
        var list = AsNode(await Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets"));
        Assert.Equal("WidgetList", list["kind"]!.ToString());
        Assert.Equal("Widget", list["items"]![0]!["kind"]!.ToString());
        await Client.CustomObjects.DeleteNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets", "w1");
        var (code, status) = await Failure(() => Client.CustomObjects.GetNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets", "w1"));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("widgets.example.com \"w1\" not found", status["message"]!.ToString());
    }

    [Fact]
    public async Task ClusterScopedCustomResource()
    {
        await InstallWidgetCrd(Client, Server, "Cluster");
        await Client.CustomObjects.CreateClusterCustomObjectAsync(Widget("global"), "example.com", "v1", "widgets");
        var got = AsNode(await Client.CustomObjects.GetClusterCustomObjectAsync("example.com", "v1", "widgets", "global"));
        Assert.Null(got["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task CustomResourceStatusSubresource()
    {
        await InstallWidgetCrd(Client, Server, "Namespaced");
        var ns = await NewNamespace();
        var w = Widget("w1");
        w["status"] = new JsonObject { ["ready"] = true };
        var created = AsNode(await Client.CustomObjects.CreateNamespacedCustomObjectAsync(w, "example.com", "v1", ns, "widgets"));
        Assert.Null(created["status"]);
        var st = AsNode(await Client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(new V1Patch("""{"status":{"ready":true}}""", V1Patch.PatchType.MergePatch), "example.com", "v1", ns, "widgets", "w1"));
        Assert.True(st["status"]!["ready"]!.GetValue<bool>());
        Assert.Equal(1, st["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeletingCrdRemovesItsObjectsAndStopsServing()
    {
        await InstallWidgetCrd(Client, Server, "Namespaced");
        var ns = await NewNamespace();
        await Client.CustomObjects.CreateNamespacedCustomObjectAsync(Widget("w1"), "example.com", "v1", ns, "widgets");
        await Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("widgets.example.com");
        await Eventually(async () => (await Client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.Count == 0, "CRD removed");
        var (code, _) = await Failure(() => Client.CustomObjects.ListNamespacedCustomObjectAsync("example.com", "v1", ns, "widgets"));
        Assert.Equal(HttpStatusCode.NotFound, code);
    }

    [Fact]
    public async Task InvalidCrdNameIs422()
    {
        var crd = WidgetCrd("Namespaced");
        crd.Metadata.Name = "wrong.example.com";
        var (code, status) = await Failure(() => Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd));
        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("must be spec.names.plural+\".\"+spec.group", status["message"]!.ToString());
    }

    [Fact]
    public async Task CustomKindAppearsInDiscovery()
    {
        await InstallWidgetCrd(Client, Server, "Namespaced");
        var (_, groups) = await Raw(HttpMethod.Get, "apis");
        Assert.Contains(groups!["groups"]!.AsArray(), g => g!["name"]!.ToString() == "example.com");
        var (_, list) = await Raw(HttpMethod.Get, "apis/example.com/v1");
        var r = list!["resources"]!.AsArray().Single(x => x!["name"]!.ToString() == "widgets")!;
        Assert.Equal("Widget", r["kind"]!.ToString());
        Assert.True(r["namespaced"]!.GetValue<bool>());
        Assert.Contains(list["resources"]!.AsArray(), x => x!["name"]!.ToString() == "widgets/status");
    }
}
