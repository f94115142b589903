using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using MeshOps.Testing.KubeApi;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class FaultAndLogTests : ApiServerTestBase
{
    protected override TestApiServerOptions Options() => new() { ControllersEnabled = false, FaultSeed = 7 };

    [Fact]
    public async Task TooManyRequestsHasRetryAfterAndStatus()
    {
        Server.Faults.TooManyRequestsRate = 1;
        Server.Faults.RetryAfterSeconds = 3;
        using var http = RawClient();
        using var resp = await http.GetAsync("api/v1/namespaces");
        Assert.Equal(HttpStatusCode.TooManyRequests, resp.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), resp.Headers.RetryAfter!.Delta);
        var body = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
        Assert.Equal("TooManyRequests", body["reason"]!.ToString());
        Assert.Equal(3, body["details"]!["retryAfterSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task InternalErrorAndServiceUnavailableRates()
    {
        Server.Faults.InternalErrorRate = 1;
        var (code, status) = await Failure(() => Client.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("InternalError", status["reason"]!.ToString());
        Server.Faults.Reset();
        Server.Faults.ServiceUnavailableRate = 1;
        (code, _) = await Failure(() => Client.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, code);
    }

    [Fact]
    public async Task DroppedConnectionFailsTheRequest()
    {
        Server.Faults.DropConnectionRate = 1;
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.CoreV1.ListNamespaceAsync());
        Assert.Equal("DropConnection", Server.RequestLog.Entries.Last().Fault);
    }

    [Fact]
    public async Task FailNthMatchingRequestOnly()
    {
        Server.Faults.FailNth("create", "configmaps", 2, 500);
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("one"), ns);
        var (code, _) = await Failure(() => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("two"), ns));
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("two"), ns);
        Assert.Equal(2, (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items.Count);
    }

    [Fact]
    public async Task FailNthWithCodeZeroDropsConnection()
    {
        Server.Faults.FailNth("list", "namespaces", 1, 0);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Client.CoreV1.ListNamespaceAsync());
        Assert.NotEmpty((await Client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task SameSeedGivesSameFaultSequence()
    {
        async Task<string> Sequence()
        {
            Server.Faults.Reset();
            Server.Faults.Seed = 42;
            Server.Faults.InternalErrorRate = 0.5;
            var outcome = "";
            for (var i = 0; i < 12; i++)
            {
                try { await Client.CoreV1.ListNamespaceAsync(); outcome += "."; }
                catch (HttpOperationException) { outcome += "x"; }
            }
            return outcome;
        }
        var first = await Sequence();
        var second = await Sequence();
        Assert.Equal(first, second);
        Assert.Contains("x", first);
        Assert.Contains(".", first);
    }

    [Fact]
    public async Task LatencyIsApplied()
    {
        Server.Faults.Latency = TimeSpan.FromMilliseconds(300);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await Client.CoreV1.ListNamespaceAsync();
        // The server's delay timer may fire a millisecond before the client's stopwatch reads 300 ms (seen: 299 ms);
        // without the latency a list takes a few milliseconds.
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {sw.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task RequestLogCountsByVerbAndResourceAndResets()
    {
        var ns = await NewNamespace();
        Server.RequestLog.Clear();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        await Client.CoreV1.ReadNamespacedConfigMapAsync("a", ns);
        await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"b":"c"}}""", V1Patch.PatchType.MergePatch), "a", ns);
        await Client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "x=y");
        await Failure(() => Client.CoreV1.ReadNamespacedConfigMapAsync("zzz", ns));
        Assert.Equal(1, Server.RequestLog.Count("create", "configmaps"));
        Assert.Equal(2, Server.RequestLog.Count("get", "configmaps"));
        Assert.Equal(1, Server.RequestLog.Count("patch", "configmaps"));
        Assert.Equal(5, Server.RequestLog.CountsByResource()["configmaps"]);
        var list = Server.RequestLog.Entries.Single(e => e.Verb == "list");
        Assert.Equal(ns, list.Namespace);
        Assert.Contains("labelSelector=x%3Dy", list.Query);
        var missing = Server.RequestLog.Entries.Last();
        Assert.Equal(404, missing.Status);
        Assert.Equal("zzz", missing.Name);
        Server.RequestLog.Clear();
        Assert.Empty(Server.RequestLog.Entries);
    }

    [Fact]
    public async Task AdminEndpointSetsFaultsAndReadsLog()
    {
        var (code, _) = await Raw(HttpMethod.Post, "__admin/faults", """{"failNth":[{"verb":"list","resource":"namespaces","n":1,"code":503}]}""");
        Assert.Equal(HttpStatusCode.OK, code);
        var (failed, _) = await Failure(() => Client.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed);
        var (_, log) = await Raw(HttpMethod.Get, "__admin/requests");
        Assert.Equal(1, log!["counts"]!["list namespaces"]!.GetValue<int>());
        await Raw(HttpMethod.Delete, "__admin/requests");
        Assert.DoesNotContain(Server.RequestLog.Entries, e => e.Verb == "list");
        await Raw(HttpMethod.Post, "__admin/faults", """{"internalErrorRate":1}""");
        Assert.Equal(1, Server.Faults.InternalErrorRate);
        await Raw(HttpMethod.Delete, "__admin/faults");
        Assert.Equal(0, Server.Faults.InternalErrorRate);
    }

    [Fact]
    public async Task AdminEndpointSetsControllers()
    {
        var (code, _) = await Raw(HttpMethod.Post, "__admin/controllers", """{"enabled":true,"readyDelayMs":5,"neverReady":["x-*"],"waitingReason":"ErrImagePull"}""");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.True(Server.Controllers.Enabled);
        Assert.Equal(TimeSpan.FromMilliseconds(5), Server.Controllers.WorkloadReadyDelay);
        Assert.Equal(["x-*"], Server.Controllers.NeverReadyPatterns);
        Assert.True(Server.Controllers.IsNeverReady("ns", "x-1"));
        Assert.Equal("ErrImagePull", Server.Controllers.NeverReadyReason);
    }

    [Fact]
    public async Task AdminEndpointNeedsToken()
    {
        using var http = RawClient(withToken: false);
        using var resp = await http.PostAsync("__admin/faults", new StringContent("""{"internalErrorRate":1}"""));
        Assert.Equal(HttpStatusCode.Unauthorized, resp.StatusCode);
        Assert.Equal(0, Server.Faults.InternalErrorRate);
    }
}
