using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace MeshOps.Engine.Tests.ApiServer;

public sealed class WatchTests : ApiServerTestBase
{
    protected override MeshOps.Testing.KubeApi.TestApiServerOptions Options() => new() { ControllersEnabled = false };

    /// <summary>Collects events of a KubernetesClient watch until <paramref name="count"/> arrived (bounded by a timeout).</summary>
    async Task<List<(WatchEventType Type, V1ConfigMap Obj)>> Collect(string ns, int count, Func<Task> act, string? resourceVersion = null, string? labelSelector = null)
    {
        var events = new List<(WatchEventType, V1ConfigMap)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in Client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: resourceVersion, labelSelector: labelSelector, cancellationToken: cts.Token))
            {
                lock (events) events.Add((type, item));
                if (events.Count >= count) break;
            }
        });
        await Task.Delay(100);
        await act();
        try { await watching.WaitAsync(TimeSpan.FromSeconds(20)); } catch (OperationCanceledException) { }
        cts.Cancel();
        lock (events) return events.ToList();
    }

    [Fact]
    public async Task WatchSeesAddedModifiedDeleted()
    {
        var ns = await NewNamespace();
        // From a listed resourceVersion, so no event is missed however late the watch starts on a loaded machine.
        var from = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        var events = await Collect(ns, 3, async () =>
        {
            var cm = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
            cm.Data["k"] = "2";
            await Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "a", ns);
            await Client.CoreV1.DeleteNamespacedConfigMapAsync("a", ns);
        }, resourceVersion: from);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events.Select(e => e.Type));
        Assert.Equal("2", events[1].Obj.Data["k"]);
    }

    [Fact]
    public async Task WatchWithoutResourceVersionStartsWithExistingObjects()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("existing"), ns);
        var events = await Collect(ns, 2, () => Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("new"), ns));
        Assert.Equal(["existing", "new"], events.Select(e => e.Obj.Metadata.Name));
        Assert.All(events, e => Assert.Equal(WatchEventType.Added, e.Type));
    }

    [Fact]
    public async Task WatchFromResourceVersionReplaysLaterChangesOnly()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("before"), ns);
        var list = await Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("after"), ns);
        var events = await Collect(ns, 1, () => Task.CompletedTask, resourceVersion: list.Metadata.ResourceVersion);
        Assert.Equal(["after"], events.Select(e => e.Obj.Metadata.Name));
    }

    [Fact]
    public async Task LabelSelectorTransitionsBecomeAddedAndDeleted()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var from = (await Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Metadata.ResourceVersion;
        var events = await Collect(ns, 2, async () =>
        {
            await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"watch":"me"}}}""", V1Patch.PatchType.MergePatch), "a", ns);
            await Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"watch":null}}}""", V1Patch.PatchType.MergePatch), "a", ns);
        }, resourceVersion: from, labelSelector: "watch=me");
        Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], events.Select(e => e.Type));
    }

    [Fact]
    public async Task TimeoutSecondsEndsTheStream()
    {
        var ns = await NewNamespace();
        using var http = RawClient();
        using var resp = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        var body = await resp.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("", body);
    }

    [Fact]
    public async Task TooOldResourceVersionSendsExpiredErrorEvent()
    {
        var ns = await NewNamespace();
        using var http = RawClient();
        using var resp = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=1", HttpCompletionOption.ResponseHeadersRead);
        var line = await new StreamReader(await resp.Content.ReadAsStreamAsync()).ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var ev = JsonNode.Parse(line!)!;
        Assert.Equal("ERROR", ev["type"]!.ToString());
        Assert.Equal(410, ev["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", ev["object"]!["reason"]!.ToString());
    }

    /// <summary>Reads a watch's lines until it ends (the server's timeoutSeconds) or 20 s pass.</summary>
    async Task<(int Status, List<JsonNode> Events)> WatchLines(string path)
    {
        using var http = RawClient();
        using var resp = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var text = await resp.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(20));
        return ((int)resp.StatusCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList());
    }

    [Fact]
    public async Task AQuietWatchSendsItsHeadersAtOnce()
    {
        var ns = await NewNamespace();
        using var http = RawClient();
        // kube-apiserver flushes the headers as the watch starts: the client knows it is open before any event.
        using var resp = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion=0&timeoutSeconds=30", HttpCompletionOption.ResponseHeadersRead)
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(200, (int)resp.StatusCode);
    }

    [Fact]
    public async Task SendInitialEventsNeedsResourceVersionMatchNotOlderThan()
    {
        var ns = await NewNamespace();
        using var http = RawClient();
        foreach (var (query, detail) in new[]
        {
            ("sendInitialEvents=true", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"),
            ("resourceVersionMatch=NotOlderThan", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"),
        })
        {
            using var resp = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=true&{query}");
            Assert.Equal(422, (int)resp.StatusCode);
            var status = JsonNode.Parse(await resp.Content.ReadAsStringAsync())!;
            Assert.Equal("Invalid", status["reason"]!.ToString());
            Assert.Contains("resourceVersionMatch: Forbidden: " + detail, status["message"]!.ToString());
        }
    }

    [Fact]
    public async Task SendInitialEventsDecidesWhetherTheCurrentObjectsComeFirst()
    {
        var ns = await NewNamespace();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var rv = created.Metadata.ResourceVersion;
        // From a resourceVersion, sendInitialEvents=true still sends the state (not older than it), then the bookmark that ends it.
        var (_, events) = await WatchLines($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&resourceVersion={rv}");
        Assert.Equal("ADDED", events[0]["type"]!.ToString());
        Assert.Equal("a", events[0]["object"]!["metadata"]!["name"]!.ToString());
        Assert.Equal("BOOKMARK", events[1]["type"]!.ToString());
        Assert.Equal("true", events[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]!.ToString());
        Assert.Equal("ConfigMap", events[1]["object"]!["kind"]!.ToString());
        // Without a resourceVersion, sendInitialEvents=false starts at the most recent version with no ADDED for what exists.
        (_, events) = await WatchLines($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=1&sendInitialEvents=false&resourceVersionMatch=NotOlderThan");
        Assert.Empty(events);
        // The legacy default: no resourceVersion means the current objects first, and no bookmark unless asked for.
        (_, events) = await WatchLines($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=1");
        Assert.Equal("ADDED", Assert.Single(events)["type"]!.ToString());
    }

    [Fact]
    public async Task BookmarksComeOnlyWhenAllowedAndBeforeTheTimeoutEndsTheStream()
    {
        var ns = await NewNamespace();
        var created = await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        var (_, events) = await WatchLines($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=3&allowWatchBookmarks=true&resourceVersion={created.Metadata.ResourceVersion}");
        var bookmark = Assert.Single(events);
        Assert.Equal("BOOKMARK", bookmark["type"]!.ToString());
        Assert.Equal(created.Metadata.ResourceVersion, bookmark["object"]!["metadata"]!["resourceVersion"]!.ToString());
        Assert.Null(bookmark["object"]!["metadata"]!["name"]);
        (_, events) = await WatchLines($"api/v1/namespaces/{ns}/configmaps?watch=true&timeoutSeconds=3&resourceVersion={created.Metadata.ResourceVersion}");
        Assert.Empty(events);
    }

    [Fact]
    public async Task WatchEventsAreNewlineDelimitedJsonWithKind()
    {
        var ns = await NewNamespace();
        await Client.CoreV1.CreateNamespacedConfigMapAsync(ConfigMap("a"), ns);
        using var http = RawClient();
        using var resp = await http.GetAsync($"api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1", HttpCompletionOption.ResponseHeadersRead);
        var text = await resp.Content.ReadAsStringAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var ev = JsonNode.Parse(text.Split('\n')[0])!;
        Assert.Equal("ADDED", ev["type"]!.ToString());
        Assert.Equal("ConfigMap", ev["object"]!["kind"]!.ToString());
        Assert.Equal("v1", ev["object"]!["apiVersion"]!.ToString());
    }

    [Fact]
    public async Task ClusterScopedWatchByFieldSelector()
    {
        var events = new List<(WatchEventType, V1Namespace)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var e in Client.CoreV1.WatchListNamespaceAsync(fieldSelector: "metadata.name=watched", cancellationToken: cts.Token))
            {
                events.Add(e);
                if (events.Count == 2) break;
            }
        });
        await Task.Delay(100);
        await NewNamespace("watched");
        await NewNamespace("ignored");
        await Client.CoreV1.DeleteNamespaceAsync("watched");
        await watching.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(WatchEventType.Added, events[0].Item1);
        Assert.Equal(WatchEventType.Modified, events[1].Item1);
        Assert.Equal("Terminating", events[1].Item2.Status.Phase);
    }
}
