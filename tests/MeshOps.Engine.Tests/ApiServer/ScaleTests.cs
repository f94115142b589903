using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class ScaleTests : ApiServerTestBase
{
    protected override TestApiServerOptions Options() => new() { ControllersEnabled = false };

    [Fact]
    public async Task ThousandNamespacesWithTenThousandPods()
    {
        for (var n = 0; n < 1000; n++)
        {
            var ns = $"scale-{n:D4}";
            Server.Objects.Seed(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } });
            for (var p = 0; p < 10; p++)
            {
                Server.Objects.Seed(new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Pod",
                    ["metadata"] = new JsonObject { ["name"] = $"pod-{p}", ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = p % 2 == 0 ? "even" : "odd" } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }) },
                });
            }
        }
        var all = await Client.CoreV1.ListPodForAllNamespacesAsync();
        Assert.Equal(10_000, all.Items.Count);
        var even = await Client.CoreV1.ListPodForAllNamespacesAsync(labelSelector: "app=even");
        Assert.Equal(5_000, even.Items.Count);

        // Many parallel requests: reads of single objects and namespaced lists.
        var tasks = Enumerable.Range(0, 400).Select(async i =>
        {
            var ns = $"scale-{i * 2:D4}";
            if (i % 2 == 0) return (await Client.CoreV1.ReadNamespacedPodAsync($"pod-{i % 10}", ns)).Metadata.Name == $"pod-{i % 10}";
            return (await Client.CoreV1.ListNamespacedPodAsync(ns)).Items.Count == 10;
        });
        Assert.All(await Task.WhenAll(tasks), Assert.True);

        // Paging through everything returns each pod once.
        var seen = 0;
        string? token = null;
        do
        {
            var page = await Client.CoreV1.ListPodForAllNamespacesAsync(limit: 2500, continueParameter: token);
            seen += page.Items.Count;
            token = page.Metadata.ContinueProperty;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.Equal(10_000, seen);
    }

    [Fact]
    public async Task ParallelWritesToOneObjectSerializeWithConflicts()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("counter", new Dictionary<string, string> { ["n"] = "0" }), ns);
        var tasks = Enumerable.Range(0, 20).Select(async _ =>
        {
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var cm = await Client.CoreV1.ReadNamespacedConfigMapAsync("counter", ns);
                cm.Data["n"] = (int.Parse(cm.Data["n"]) + 1).ToString();
                try
                {
                    await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "counter", ns);
                    return;
                }
                catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.Conflict) { }
            }
            Assert.Fail("too many conflicts");
        });
        await Task.WhenAll(tasks);
        Assert.Equal("20", (await Client.CoreV1.ReadNamespacedConfigMapAsync("counter", ns)).Data["n"]);
    }
}
