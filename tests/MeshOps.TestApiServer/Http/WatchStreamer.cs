using System.Text;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Selectors;
using MeshOps.Testing.KubeApi.Storage;
using Microsoft.AspNetCore.Http;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>
/// ?watch=true: a chunked stream of {"type":..,"object":..} lines, as kube-apiserver's watch cache sends them.
/// Without a resourceVersion (or "0") the current objects come first as ADDED; with one, history after it is
/// replayed, or a single ERROR 410 Expired event is sent when it is older than the history kept. sendInitialEvents
/// (which needs resourceVersionMatch=NotOlderThan, 422 otherwise) says whether the current objects come first,
/// whatever the resourceVersion. With allowWatchBookmarks, BOOKMARK events (only metadata.resourceVersion) come
/// every <see cref="BookmarkInterval"/> and 2 s before timeoutSeconds ends the stream, and sendInitialEvents=true ends
/// its initial events with one annotated k8s.io/initial-events-end. Selector transitions become ADDED/DELETED as in
/// the real watch cache.
/// </summary>
public static class WatchStreamer
{
    /// <summary>How often a quiet watch with allowWatchBookmarks gets a BOOKMARK (kube-apiserver: about a minute).</summary>
    public static readonly TimeSpan BookmarkInterval = TimeSpan.FromMinutes(1);

    public static async Task Stream(HttpContext ctx, ResourceService service, ResourceType type, string? ns, IQueryCollection q, CancellationToken stopping,
        TimeSpan? closeAfter = null)
    {
        var labels = LabelSelector.Parse(q["labelSelector"]);
        var fields = FieldSelector.Parse(q["fieldSelector"], type.Kind);
        bool Match(JsonObject? o) => o != null && labels.Matches(o) && fields.Matches(o);
        var timeout = long.TryParse(q["timeoutSeconds"], out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        var rvText = q["resourceVersion"].ToString();
        var bookmarks = q["allowWatchBookmarks"] == "true";
        var sendInitialEvents = ParseSendInitialEvents(q);
        var fromNow = string.IsNullOrEmpty(rvText) || rvText == "0";
        // kube-apiserver's default, kept for backward compatibility: the current objects first only for "now".
        var initialEvents = sendInitialEvents ?? fromNow;
        var store = service.Store;

        ObjectStore.Subscription? sub;
        var initial = new List<JsonObject>();
        long from;
        lock (store.Sync)
        {
            if (initialEvents || fromNow)
            {
                // NotOlderThan (or no version): the current state is new enough, and the watch goes on from it.
                if (!fromNow && !long.TryParse(rvText, out _)) throw ApiException.BadRequest($"invalid resource version: {rvText}");
                from = store.CurrentResourceVersion;
                if (initialEvents) initial.AddRange(store.List(type.StorageKey, ns).Where(Match));
            }
            else if (!long.TryParse(rvText, out from))
                throw ApiException.BadRequest($"invalid resource version: {rvText}");
            sub = store.Subscribe(type.StorageKey, ns, from);
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(stopping);
        // As kube-apiserver: the headers go out at once, so the client knows the watch is open before any event.
        await ctx.Response.Body.FlushAsync(stopping);
        if (sub == null)
        {
            await Expired(ctx, $"too old resource version: {rvText} ({store.CurrentResourceVersion})", stopping);
            return;
        }
        using (sub)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            cts.CancelAfter(closeAfter is { } cut && cut < timeout ? cut : timeout);
            var deadline = DateTime.UtcNow + timeout;
            var lastRv = from;
            JsonObject Bookmark(bool initialEnd)
            {
                var meta = new JsonObject { ["resourceVersion"] = lastRv.ToString() };
                if (initialEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
                return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta };
            }
            var beforeEndSent = false;
            (DateTime At, bool BeforeEnd) NextBookmark(DateTime now)
            {
                var periodic = now + BookmarkInterval;
                var beforeEnd = deadline - TimeSpan.FromSeconds(2);
                return !beforeEndSent && beforeEnd < periodic ? (beforeEnd, true) : (periodic, false);
            }
            try
            {
                foreach (var o in initial) await Write(ctx, "ADDED", ResourceService.Present(type, o), cts.Token);
                if (bookmarks && sendInitialEvents == true) await Write(ctx, "BOOKMARK", Bookmark(initialEnd: true), cts.Token);
                var nextBookmark = NextBookmark(DateTime.UtcNow);
                while (true)
                {
                    bool more;
                    using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cts.Token))
                    {
                        if (bookmarks) wait.CancelAfter(Max(nextBookmark.At - DateTime.UtcNow, TimeSpan.Zero));
                        try
                        {
                            more = await sub.Channel.Reader.WaitToReadAsync(wait.Token);
                        }
                        catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                        {
                            await Write(ctx, "BOOKMARK", Bookmark(initialEnd: false), cts.Token);
                            beforeEndSent |= nextBookmark.BeforeEnd;
                            nextBookmark = NextBookmark(DateTime.UtcNow);
                            continue;
                        }
                    }
                    if (!more) break;
                    while (sub.Channel.Reader.TryRead(out var e))
                    {
                        lastRv = e.ResourceVersion;
                        var now = Match(e.Object);
                        var before = e.Type != "ADDED" && Match(e.Previous);
                        var type2 = e.Type switch
                        {
                            "ADDED" => now ? "ADDED" : null,
                            "DELETED" => before || Match(e.Object) ? "DELETED" : null,
                            _ => now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null,
                        };
                        if (type2 != null) await Write(ctx, type2, ResourceService.Present(type, e.Object), cts.Token);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds elapsed, the client went away or the server stops: the stream just ends.
            }
        }
    }

    /// <summary>What the watch cache answers for a resourceVersion older than its history: 200, then one ERROR event 410 Expired.</summary>
    public static async Task Expired(HttpContext ctx, string message, CancellationToken stopping)
    {
        if (!ctx.Response.HasStarted)
        {
            ctx.Response.StatusCode = 200;
            ctx.Response.ContentType = "application/json";
            await ctx.Response.StartAsync(stopping);
        }
        await Write(ctx, "ERROR", ApiException.StatusBody(410, "Expired", message, null), stopping);
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>sendInitialEvents and resourceVersionMatch as kube-apiserver validates them for a watch (422 Invalid).</summary>
    static bool? ParseSendInitialEvents(IQueryCollection q)
    {
        var text = q["sendInitialEvents"].ToString();
        bool? send = text.Length == 0 ? null : bool.TryParse(text, out var b) ? b : throw ApiException.BadRequest($"sendInitialEvents: invalid boolean: {text}");
        var match = q["resourceVersionMatch"].ToString();
        var errors = new List<(string, string, string)>();
        if (send != null && match != "NotOlderThan")
            errors.Add(("resourceVersionMatch", "Forbidden", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"));
        if (match.Length > 0 && send == null)
            errors.Add(("resourceVersionMatch", "Forbidden", "resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided"));
        if (match.Length > 0 && match != "NotOlderThan")
            errors.Add(("resourceVersionMatch", "NotSupported", $"\"{match}\": supported values: \"NotOlderThan\""));
        if (errors.Count > 0) throw ApiException.Invalid("meta.k8s.io", "ListOptions", "", errors.ToArray());
        return send;
    }

    static async Task Write(HttpContext ctx, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(JsonTools.Compact) + "\n";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await ctx.Response.Body.FlushAsync(ct);
    }
}
