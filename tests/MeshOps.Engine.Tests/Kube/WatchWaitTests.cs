using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

/// <summary>
/// The waits read once and then watch (CrdWaiter, RolloutWaiter via CollectionWatch): done by a watch event, a watch
/// that the server ends early, a compacted resourceVersion (410), a server that refuses watches, and Ctrl+C. The
/// objects are held not ready until the waiter reached the state under test, then released, so timing does not matter.
/// </summary>
public class WatchWaitTests : ClusterTestBase
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    private int Requests(string verb, string resource) => Server.RequestLog.Entries.Count(r => r.Verb == verb && r.Resource == resource);

    /// <summary>The watches of <paramref name="resource"/> the server logged, once (at most 10 s) it logged <paramref name="atLeast"/>: it logs a watch when the stream ends, just after the client closed it.</summary>
    private async Task<List<MeshOps.Testing.KubeApi.Faults.RequestRecord>> WatchesAsync(string resource, int atLeast)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Requests("watch", resource) < atLeast && DateTime.UtcNow < deadline) await Task.Delay(10);
        await Task.Delay(50);
        return Server.RequestLog.Entries.Where(r => r.Verb == "watch" && r.Resource == resource).ToList();
    }

    private int VerboseCount(string text) => Host.Verbose.Count(l => l.Contains(text, StringComparison.Ordinal));

    /// <summary>Waits (at most 30 s) until the verbose stream holds <paramref name="text"/> <paramref name="times"/> times.</summary>
    private async Task UntilVerboseAsync(string text, int times = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (VerboseCount(text) < times && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.True(VerboseCount(text) >= times, $"'{text}' not seen {times} times:\n{Host.AllText}");
    }

    [Fact]
    public async Task ARolloutIsSeenByOneWatchNotByPolls()
    {
        Server.Controllers.AddNeverReady("istiod-*");
        Server.RequestLog.Clear();
        var apply = ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"), Deployment("istiod-other"))));
        await UntilVerboseAsync("watch open");
        await Task.Delay(200); // 20 ms polls would have read ten times meanwhile
        Server.Controllers.ClearNeverReady();
        await apply;
        Assert.Null(RolloutStatus.NotReadyReason("Deployment", Get("apps/v1", "Deployment", Ns, "istiod-canary")!));
        Assert.Null(RolloutStatus.NotReadyReason("Deployment", Get("apps/v1", "Deployment", Ns, "istiod-other")!));
        // One list (the revision's two Deployments), then one watch for both, from the list's version.
        var watch = Assert.Single(await WatchesAsync("deployments", 1));
        Assert.Contains("labelSelector=meshops.io%2Frevision", watch.Query);
        Assert.Contains("resourceVersion=", watch.Query);
        Assert.Contains("allowWatchBookmarks=true", watch.Query);
        Assert.Contains("timeoutSeconds=", watch.Query);
        Assert.Single(Server.RequestLog.Entries, r => r.Verb == "list" && r.Resource == "deployments" && r.Query.Contains("meshops.io%2Frevision"));
        Assert.Equal(0, Requests("get", "deployments"));
        Assert.Single(Host.Verbose, l => l.Contains("watch closed after", StringComparison.Ordinal) && l.Contains("closed by the client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrdsAreSeenEstablishedByOneWatch()
    {
        Server.Controllers.CrdEstablishDelay = Never;
        Server.RequestLog.Clear();
        var apply = ApplyAsync(Request(Component("Base", Crd("envoyfilters", "EnvoyFilter"), Crd("gateways", "Gateway"))));
        await UntilVerboseAsync("watch open");
        Server.Controllers.CrdEstablishDelay = TimeSpan.Zero;
        await apply;
        Assert.True(CrdWaiter.IsEstablished(Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "gateways.networking.istio.io")!));
        var watch = Assert.Single(await WatchesAsync("customresourcedefinitions", 1));
        // The wait is that one watch of the component's CRDs, from nothing (the server sends them as they are, then
        // their changes): no list or GET of its own (the lists before the apply are the owned list and the probe).
        Assert.Contains("labelSelector=meshops.io%2Fcomponent%3DBase", watch.Query);
        Assert.DoesNotContain("resourceVersion=", watch.Query);
        Assert.DoesNotContain(Server.RequestLog.Entries, r => r.Verb == "list" && r.Resource == "customresourcedefinitions" && r.Query.Contains("meshops.io%2Fcomponent%3DBase"));
        Assert.Equal(0, Requests("get", "customresourcedefinitions"));
    }

    [Fact]
    public async Task AWatchTheServerEndsEarlyIsFollowedByAnotherReadAndWatch()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        Server.Faults.WatchCloseAfter = TimeSpan.FromMilliseconds(200);
        Server.RequestLog.Clear();
        var apply = ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))));
        await UntilVerboseAsync("watch closed after 0 events, closed by the server", 2);
        Server.Faults.WatchCloseAfter = null;
        Server.Controllers.ClearNeverReady();
        await apply;
        Assert.Null(RolloutStatus.NotReadyReason("Deployment", Get("apps/v1", "Deployment", Ns, "istiod-canary")!));
        var watches = await WatchesAsync("deployments", 3);
        Assert.True(watches.Count >= 3);
        // One Deployment: the first watch follows it from the version its apply returned, with no read before it; after
        // each watch the server ended, a GET, then (unless that GET already finds it ready) a watch from its version.
        var afterPatch = Server.RequestLog.Entries.SkipWhile(r => !(r.Verb == "patch" && r.Resource == "deployments")).Skip(1).First(r => r.Resource == "deployments");
        Assert.Equal("watch", afterPatch.Verb);
        Assert.Contains("resourceVersion=", watches[0].Query);
        Assert.InRange(Requests("get", "deployments"), watches.Count - 1, watches.Count);
        Assert.All(watches, w => Assert.Contains("fieldSelector=metadata.name%3Distiod-canary", w.Query));
    }

    [Fact]
    public async Task AnExpiredResourceVersionMeansReadAgainAndWatchAgain()
    {
        Server.Controllers.CrdEstablishDelay = Never;
        Server.Faults.FailNth("watch", "customresourcedefinitions", 1, 410);
        Server.RequestLog.Clear();
        var apply = ApplyAsync(Request(Component("Base", Crd("envoyfilters", "EnvoyFilter"))));
        await UntilVerboseAsync("watch open", 2);
        Server.Controllers.CrdEstablishDelay = TimeSpan.Zero;
        await apply;
        Assert.True(CrdWaiter.IsEstablished(Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "envoyfilters.networking.istio.io")!));
        Assert.Equal(2, (await WatchesAsync("customresourcedefinitions", 2)).Count);
        Assert.Equal(1, VerboseCount("ERROR 410 Expired"));
    }

    [Fact]
    public async Task AServerThatRefusesWatchesIsPolled()
    {
        Server.Controllers.CrdEstablishDelay = Never;
        Server.Controllers.AddNeverReady("istiod-canary");
        Server.Faults.FailNth("watch", "customresourcedefinitions", 1, 403);
        Server.Faults.FailNth("watch", "deployments", 1, 405);
        Server.RequestLog.Clear();
        var apply = ApplyAsync(Request(Component("Base", Crd("envoyfilters", "EnvoyFilter"), Crd("gateways", "Gateway")), Component("Pilot", Deployment("istiod-canary"))));
        await UntilVerboseAsync("polling instead");
        await Task.Delay(100);
        Server.Controllers.CrdEstablishDelay = TimeSpan.Zero;
        await UntilVerboseAsync("polling instead", 2);
        await Task.Delay(100);
        Server.Controllers.ClearNeverReady();
        await apply;
        Assert.Null(RolloutStatus.NotReadyReason("Deployment", Get("apps/v1", "Deployment", Ns, "istiod-canary")!));
        // One refused watch each, then polls only.
        Assert.Single(await WatchesAsync("customresourcedefinitions", 1));
        Assert.Single(await WatchesAsync("deployments", 1));
        Assert.True(Requests("list", "customresourcedefinitions") >= 3);
        Assert.True(Requests("get", "deployments") >= 2);
    }

    [Fact]
    public async Task ANeverReadyWorkloadStillTimesOutWithItsReasonWhileWatched()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        var e = await Assert.ThrowsAsync<MeshException>(() => ApplyAsync(Request(
            Component("Pilot", Deployment("istiod-canary"), Deployment("fine"))) with { Timeout = TimeSpan.FromMilliseconds(1500) }));
        Assert.Equal("RolloutTimeout", e.ErrorId);
        Assert.Contains("Deployment istio-system/istiod-canary", e.Message);
        Assert.Contains("ImagePullBackOff", e.Message);
        Assert.DoesNotContain("istio-system/fine", e.Message);
        Assert.NotEmpty(await WatchesAsync("deployments", 1));
    }

    [Fact]
    public async Task AWatchOutlivesTheRequestTimeoutWhichBoundsOnlyItsOpening()
    {
        // -RequestTimeout bounds each call's answer; a watch's answer is its headers, the stream then lasts as long as the wait.
        Server.Controllers.AddNeverReady("istiod-canary");
        using var connection = Connect(FastRetry with { RequestTimeout = TimeSpan.FromMilliseconds(500) });
        var apply = ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))), connection);
        await UntilVerboseAsync("watch open");
        await Task.Delay(1500);
        Server.Controllers.ClearNeverReady();
        await apply;
        Assert.Single(await WatchesAsync("deployments", 1));
        Assert.Equal(0, VerboseCount("KubeRequestTimeout"));
    }

    [Fact]
    public async Task CancellingStopsAWatchAtOnce()
    {
        Server.Controllers.AddNeverReady("istiod-canary");
        using var cts = new CancellationTokenSource();
        var apply = ApplyAsync(Request(Component("Pilot", Deployment("istiod-canary"))) with { Timeout = TimeSpan.FromMinutes(5) }, ct: cts.Token);
        await UntilVerboseAsync("watch open");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => apply);
        // The watch would otherwise last the 5 minutes left.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"cancelling took {watch.Elapsed}");
        Assert.Equal(1, VerboseCount("closed by the client"));
    }
}
