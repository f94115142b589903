using System.Text;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Selectors;
using MeshOps.Testing.KubeApi.Storage;
using Microsoft.AspNetCore.Http;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>
/// ?watch=true: a chunked stream of {"type":..,"object":..} lines. Without a resourceVersion (or "0") the current
/// objects come first as ADDED; with one, history after it is replayed, or a single ERROR 410 Expired event is sent
/// when it is older than the history kept. Selector transitions become ADDED/DELETED as in the real watch cache.
/// </summary>
public static class WatchStreamer
{
    public static async Task Stream(HttpContext ctx, ResourceService service, ResourceType type, string? ns, IQueryCollection q, CancellationToken stopping)
    {
        var labels = LabelSelector.Parse(q["labelSelector"]);
        var fields = FieldSelector.Parse(q["fieldSelector"], type.Kind);
        bool Match(JsonObject? o) => o != null && labels.Matches(o) && fields.Matches(o);
        var timeout = long.TryParse(q["timeoutSeconds"], out var t) && t > 0 ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(30);
        var rvText = q["resourceVersion"].ToString();
        var store = service.Store;

        ObjectStore.Subscription? sub;
        var initial = new List<JsonObject>();
        lock (store.Sync)
        {
            long from;
            if (string.IsNullOrEmpty(rvText) || rvText == "0")
            {
                from = store.CurrentResourceVersion;
                initial.AddRange(store.List(type.StorageKey, ns).Where(Match));
            }
            else if (!long.TryParse(rvText, out from))
                throw ApiException.BadRequest($"invalid resource version: {rvText}");
            sub = store.Subscribe(type.StorageKey, ns, from);
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(stopping);
        if (sub == null)
        {
            var status = ApiException.StatusBody(410, "Expired", $"too old resource version: {rvText} ({store.CurrentResourceVersion})", null);
            await Write(ctx, "ERROR", status, stopping);
            return;
        }
        using (sub)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
            cts.CancelAfter(timeout);
            try
            {
                foreach (var o in initial) await Write(ctx, "ADDED", ResourceService.Present(type, o), cts.Token);
                while (await sub.Channel.Reader.WaitToReadAsync(cts.Token))
                {
                    while (sub.Channel.Reader.TryRead(out var e))
                    {
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

    static async Task Write(HttpContext ctx, string type, JsonObject obj, CancellationToken ct)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(JsonTools.Compact) + "\n";
        await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), ct);
        await ctx.Response.Body.FlushAsync(ct);
    }
}
