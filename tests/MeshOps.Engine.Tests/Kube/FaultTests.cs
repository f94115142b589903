using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class FaultTests : ClusterTestBase
{
    private static ComponentManifest[] Install(string value = "v1") =>
    [
        Component("Base", ServiceAccount("sa-1"), ServiceAccount("sa-2"), ClusterRole("role-canary")),
        Component("Pilot", ConfigMap("c1", value), ConfigMap("c2", value), ConfigMap("c3", value), Deployment("istiod-canary")),
        Component("IngressGateways", Deployment("istio-ingressgateway")),
    ];

    [Fact]
    public async Task TenPercentOf429And503StillCompletes()
    {
        Server.Faults.Seed = 7;
        Server.Faults.TooManyRequestsRate = 0.05;
        Server.Faults.ServiceUnavailableRate = 0.05;
        var result = await ApplyAsync(Request(Install()));

        Assert.Equal(9, result.Created);
        Assert.Contains(Server.RequestLog.Entries, r => r.Status == 429);
        Assert.Contains(Server.RequestLog.Entries, r => r.Status == 503);
        Assert.Contains(Host.Verbose, l => l.Contains("retry"));
        Server.Faults.Reset();
        var again = await ApplyAsync(Request(Install()));
        Assert.All(again.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
    }

    [Fact]
    public async Task DroppedConnectionsAndServerErrorsAreRetried()
    {
        Server.Faults.Seed = 3;
        Server.Faults.DropConnectionRate = 0.1;
        Server.Faults.InternalErrorRate = 0.05;
        var result = await ApplyAsync(Request(Install()));
        Assert.Equal(9, result.Created);
        Assert.Contains(Server.RequestLog.Entries, r => r.Fault != null);
    }

    [Fact]
    public async Task ADroppedConnectionMidwayFailsThenARerunConverges()
    {
        // No retries: the drop surfaces, leaving a half-applied install behind.
        Server.Faults.FailNth("patch", "deployments", 1, statusCode: 0);
        using (var noRetry = Connect(FastRetry with { MaxAttempts = 1 }))
        {
            var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(Install()), noRetry));
            Assert.Equal("KubeConnectionFailed", e.ErrorId);
        }
        Assert.Null(Get("apps/v1", "Deployment", Ns, "istio-ingressgateway")); // later phases never started

        var rerun = await ApplyAsync(Request(Install("v2")));
        Assert.All(new[] { "c1", "c2", "c3" }, n => Assert.Equal("v2", (string?)Get("v1", "ConfigMap", Ns, n)!["data"]!["key"]));
        Assert.NotNull(Get("apps/v1", "Deployment", Ns, "istiod-canary"));
        Assert.NotNull(Get("apps/v1", "Deployment", Ns, "istio-ingressgateway"));
        Assert.Contains(rerun.Objects, o => o.Action == ApplyAction.Unchanged); // what the first run wrote is kept
        var third = await ApplyAsync(Request(Install("v2")));
        Assert.All(third.Objects, o => Assert.Equal(ApplyAction.Unchanged, o.Action));
    }

    [Fact]
    public async Task PersistentServerErrorsFailWithKubeApiErrorAfterBoundedAttempts()
    {
        Server.Faults.InternalErrorRate = 1.0;
        var e = await Assert.ThrowsAsync<KubeApiException>(() => ApplyAsync(Request(Install())));
        Assert.Equal(500, (int)e.StatusCode);
        Assert.Equal(FastRetry.MaxAttempts, Server.RequestLog.Entries.Count);
    }

    [Fact]
    public async Task CancellationStopsTheApplyPromptly()
    {
        Server.Faults.Latency = TimeSpan.FromMilliseconds(200);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ApplyAsync(Request(Install()), ct: cts.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CancellationDuringARolloutWaitIsPrompt()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        using var cts = new CancellationTokenSource();
        var task = ApplyAsync(Request(Install()) with { Timeout = TimeSpan.FromMinutes(5) }, ct: cts.Token);
        while (Get("apps/v1", "Deployment", Ns, "istiod-canary") == null) await Task.Delay(20);
        await Task.Delay(200);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}"); // loose: the wait polls every 20 ms and the timeout is 5 min
    }
}
