using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Controllers;
using MeshOps.Testing.KubeApi.Faults;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;
using MeshOps.Testing.KubeApi.Storage;
using Microsoft.AspNetCore.Http;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>
/// The single request pipeline: authentication, request log, fault injection, then discovery, resource verbs,
/// watch and the token-protected /__admin endpoints (faults, request log, controller settings from another process).
/// </summary>
public sealed class ApiHandler
{
    readonly ResourceService _service;
    readonly string _token;
    readonly FaultSettings _faults;
    readonly RequestLog _log;
    readonly ControllerSettings _controllers;
    readonly CancellationToken _stopping;
    readonly KubernetesVersionInfo _version;

    public ApiHandler(ResourceService service, string token, FaultSettings faults, RequestLog log, ControllerSettings controllers, CancellationToken stopping,
        KubernetesVersionInfo? version = null)
    {
        _service = service; _token = token; _faults = faults; _log = log; _controllers = controllers; _stopping = stopping;
        _version = version ?? new TestApiServerOptions().KubernetesVersion;
    }

    ResourceCatalog Catalog => _service.Catalog;

    public async Task Handle(HttpContext ctx)
    {
        var req = ctx.Request;
        var info = RequestInfo.Parse(req.Method, req.Path.Value ?? "/", req.Query["watch"] is var w && (w == "true" || w == "1"));
        string? fault = null;
        // Logged as the answer starts (status known, before any byte reaches the client), so a client that has its
        // answer always finds the request in the log; a request never answered (a dropped connection) at the end.
        var logged = 0;
        void Log()
        {
            if (Interlocked.Exchange(ref logged, 1) == 1) return;
            _log.Add(new RequestRecord(info.Verb, req.Method, req.Path.Value ?? "", info.Group, info.Resource, info.Subresource, info.Namespace,
                info.Name, req.QueryString.Value ?? "", fault == "DropConnection" ? 0 : ctx.Response.StatusCode, fault, req.Headers.UserAgent.ToString(), req.Protocol, ctx.Connection.Id));
        }
        ctx.Response.OnStarting(() => { Log(); return Task.CompletedTask; });
        try
        {
            if (req.Headers.Authorization.ToString() != "Bearer " + _token)
            {
                await WriteJson(ctx, 401, ApiException.StatusBody(401, "Unauthorized", "Unauthorized", null));
                return;
            }
            if (req.Path.StartsWithSegments("/__admin"))
            {
                await Admin(ctx);
                return;
            }
            if (info.IsResourceRequest || req.Path.StartsWithSegments("/api") || req.Path.StartsWithSegments("/apis"))
            {
                if (_faults.Latency > TimeSpan.Zero) await Task.Delay(_faults.Latency, ctx.RequestAborted);
                var decision = _faults.Decide(info.Verb, info.Resource);
                if (decision.Kind != FaultKind.None)
                {
                    fault = decision.Kind.ToString();
                    if (decision.Kind == FaultKind.DropConnection)
                    {
                        ctx.Abort();
                        return;
                    }
                    if (decision.Code == 410 && info.Verb == "watch")
                    {
                        await WatchStreamer.Expired(ctx, "injected fault", _stopping);
                        return;
                    }
                    var (reason, message) = decision.Code switch
                    {
                        429 => ("TooManyRequests", "Too many requests, please try again later."),
                        503 => ("ServiceUnavailable", "the server is currently unable to handle the request"),
                        409 => ("Conflict", "injected conflict"),
                        _ => ("InternalError", "Internal error occurred: injected fault"),
                    };
                    if (decision.Code is 429 or 503) ctx.Response.Headers.RetryAfter = _faults.RetryAfterSeconds.ToString();
                    var details = decision.Code == 429 ? new JsonObject { ["retryAfterSeconds"] = _faults.RetryAfterSeconds } : null;
                    await WriteJson(ctx, decision.Code, ApiException.StatusBody(decision.Code, reason, message, details));
                    return;
                }
            }
            await Route(ctx, info);
        }
        catch (ApiException e)
        {
            if (!ctx.Response.HasStarted)
            {
                if (e.Headers != null) foreach (var (k, v) in e.Headers) ctx.Response.Headers[k] = v;
                await WriteJson(ctx, e.Code, e.ToStatus());
            }
        }
        catch (JsonException e)
        {
            if (!ctx.Response.HasStarted) await WriteJson(ctx, 400, ApiException.StatusBody(400, "BadRequest", $"error decoding body: {e.Message}", null));
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested || _stopping.IsCancellationRequested)
        {
            // client went away or the server stops
        }
        catch (Exception e) when (!ctx.Response.HasStarted)
        {
            await WriteJson(ctx, 500, ApiException.StatusBody(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}", null));
        }
        finally
        {
            Log();
        }
    }

    static async Task WriteJson(HttpContext ctx, int code, JsonNode body, string contentType = "application/json")
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString(JsonTools.Compact));
        ctx.Response.ContentLength = bytes.Length;
        await ctx.Response.Body.WriteAsync(bytes);
    }

    static ApiException PageNotFound() => new(404, "NotFound", "the server could not find the requested resource", new JsonObject());

    async Task Route(HttpContext ctx, RequestInfo info)
    {
        var path = (ctx.Request.Path.Value ?? "/").TrimEnd('/');
        var accept = ctx.Request.Headers.Accept.ToString();
        var aggregated = accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal);
        if (!info.IsResourceRequest)
        {
            if (ctx.Request.Method != "GET") throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
            switch (path)
            {
                case "/version": await WriteJson(ctx, 200, Discovery.Version(_version)); return;
                case "/healthz" or "/readyz" or "/livez":
                    ctx.Response.ContentType = "text/plain";
                    await ctx.Response.WriteAsync("ok");
                    return;
                case "/api":
                    if (aggregated) await WriteJson(ctx, 200, Discovery.Aggregated(Catalog, core: true), Discovery.AggregatedMediaType);
                    else await WriteJson(ctx, 200, Discovery.CoreVersions());
                    return;
                case "/apis":
                    if (aggregated) await WriteJson(ctx, 200, Discovery.Aggregated(Catalog, core: false), Discovery.AggregatedMediaType);
                    else await WriteJson(ctx, 200, Discovery.GroupList(Catalog));
                    return;
            }
            var segs = path.Trim('/').Split('/');
            if (segs is ["api", var v] && Discovery.ResourceList(Catalog, "", v) is { } core) { await WriteJson(ctx, 200, core); return; }
            if (segs is ["apis", var g] && Discovery.SingleGroup(Catalog, g) is { } group) { await WriteJson(ctx, 200, group); return; }
            if (segs is ["apis", var g2, var v2] && Discovery.ResourceList(Catalog, g2, v2) is { } list) { await WriteJson(ctx, 200, list); return; }
            throw PageNotFound();
        }

        var type = Catalog.Find(info.Group, info.Version, info.Resource) ?? throw PageNotFound();
        var ns = type.Namespaced ? info.Namespace : "";
        if (!type.Namespaced && info.Namespace.Length > 0 && !(type.Kind == "Namespace")) throw PageNotFound();
        if (info.Subresource.Length > 0 && !(info.Subresource == "status" && type.HasStatus)) throw PageNotFound();
        if (type.Kind == "Namespace" && type.Group == "") ns = "";
        var q = ctx.Request.Query;
        var dryRun = q["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All") throw ApiException.BadRequest($"dryRun: Unsupported value: \"{dryRun}\": supported values: \"All\"");
        var write = new WriteOptions(FieldManagerName(ctx), dryRun == "All", q["force"] == "true");
        if (q["fieldManager"].ToString().Length > 128) throw ApiException.BadRequest("fieldManager: Too long: must have at most 128 bytes");

        switch (info.Verb)
        {
            case "get":
            {
                var obj = _service.Get(type, ns, info.Name);
                if (PartialMetadata.WantsObject(accept)) await WriteJson(ctx, 200, PartialMetadata.Object(obj), PartialMetadata.ObjectMediaType);
                else await WriteJson(ctx, 200, obj);
                return;
            }
            case "list":
            {
                var list = _service.List(type, string.IsNullOrEmpty(ns) ? null : ns, ListOptionsFrom(q));
                if (PartialMetadata.WantsList(accept)) await WriteJson(ctx, 200, PartialMetadata.List(list), PartialMetadata.ListMediaType);
                else await WriteJson(ctx, 200, list);
                return;
            }
            case "watch":
                await WatchStreamer.Stream(ctx, _service, type, string.IsNullOrEmpty(ns) ? null : ns, q, _stopping, _faults.WatchCloseAfter);
                return;
            case "create":
            {
                if (info.Name.Length > 0) throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
                var body = await ReadObject(ctx);
                await WriteJson(ctx, 201, _service.Create(type, ns, body, write));
                return;
            }
            case "update":
            {
                var body = await ReadObject(ctx);
                await WriteJson(ctx, 200, _service.Update(type, ns, info.Name, body, info.Subresource, write));
                return;
            }
            case "patch":
            {
                var text = await ReadText(ctx);
                var contentType = ctx.Request.ContentType ?? "";
                var existed = _service.Store.Get(type.StorageKey, ns, info.Name) != null;
                var result = _service.Patch(type, ns, info.Name, contentType, text, info.Subresource, write);
                await WriteJson(ctx, existed ? 200 : 201, result);
                return;
            }
            case "delete":
            {
                var (code, body) = _service.Delete(type, ns, info.Name, await DeleteOptionsFrom(ctx, write.DryRun));
                await WriteJson(ctx, code, body);
                return;
            }
            case "deletecollection":
                await WriteJson(ctx, 200, _service.DeleteCollection(type, string.IsNullOrEmpty(ns) ? null : ns, ListOptionsFrom(q), await DeleteOptionsFrom(ctx, write.DryRun)));
                return;
            default:
                throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
        }
    }

    /// <summary>fieldManager from the query, else the User-Agent up to its first '/', as the real server defaults it.</summary>
    static string FieldManagerName(HttpContext ctx)
    {
        var explicitName = ctx.Request.Query["fieldManager"].ToString();
        if (explicitName.Length > 0) return explicitName;
        if (ctx.Request.Method == "PATCH" && (ctx.Request.ContentType ?? "").StartsWith("application/apply-patch", StringComparison.Ordinal)) return "";
        var ua = ctx.Request.Headers.UserAgent.ToString();
        var prefix = ua.Split('/')[0].Trim();
        if (prefix.Length > 128) prefix = prefix[..128];
        return prefix.Length > 0 ? prefix : "unknown";
    }

    static ListOptions ListOptionsFrom(IQueryCollection q) => new(
        q["labelSelector"].ToString(), q["fieldSelector"].ToString(),
        int.TryParse(q["limit"], out var l) && l > 0 ? l : null, q["continue"].ToString());

    static async Task<string> ReadText(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    static async Task<JsonObject> ReadObject(HttpContext ctx)
    {
        var text = await ReadText(ctx);
        if ((ctx.Request.ContentType ?? "").Contains("yaml", StringComparison.OrdinalIgnoreCase))
            return YamlToJson.Convert(text) as JsonObject ?? throw ApiException.BadRequest("body must be an object");
        return JsonTools.Parse(text);
    }

    static async Task<DeleteOptions> DeleteOptionsFrom(HttpContext ctx, bool dryRun)
    {
        var q = ctx.Request.Query;
        var text = await ReadText(ctx);
        JsonObject? body = null;
        if (!string.IsNullOrWhiteSpace(text)) body = JsonTools.Parse(text);
        var policy = q["propagationPolicy"].ToString();
        if (policy.Length == 0) policy = JsonTools.Str(body, "propagationPolicy") ?? "";
        var orphan = q["orphanDependents"].ToString();
        if (policy.Length == 0 && (orphan == "true" || JsonTools.At(body, "orphanDependents") is JsonValue ov && ov.TryGetValue<bool>(out var ob) && ob)) policy = "Orphan";
        long? grace = long.TryParse(q["gracePeriodSeconds"], out var g) ? g : JsonTools.Long(body, "gracePeriodSeconds");
        var bodyDry = JsonTools.At(body, "dryRun") is JsonArray da && da.Any(d => d?.ToString() == "All");
        return new DeleteOptions(policy.Length == 0 ? null : policy, grace, JsonTools.Str(body, "preconditions", "uid"),
            JsonTools.Str(body, "preconditions", "resourceVersion"), dryRun || bodyDry);
    }

    // ------------------------------------------------------------------ admin

    async Task Admin(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value!.TrimEnd('/');
        switch (ctx.Request.Method, path)
        {
            case ("GET", "/__admin/requests"):
            {
                var counts = new JsonObject();
                foreach (var (k, v) in _log.CountsByVerbAndResource()) counts[k] = v;
                var entries = new JsonArray();
                foreach (var r in _log.Entries)
                    entries.Add(new JsonObject
                    {
                        ["verb"] = r.Verb, ["path"] = r.Path, ["resource"] = r.Resource, ["namespace"] = r.Namespace,
                        ["name"] = r.Name, ["query"] = r.Query, ["status"] = r.Status, ["fault"] = r.Fault, ["protocol"] = r.Protocol, ["connection"] = r.Connection,
                    });
                await WriteJson(ctx, 200, new JsonObject { ["counts"] = counts, ["entries"] = entries });
                return;
            }
            case ("DELETE", "/__admin/requests"):
                _log.Clear();
                await WriteJson(ctx, 200, new JsonObject { ["cleared"] = true });
                return;
            case ("POST", "/__admin/faults"):
            {
                var body = JsonTools.Parse(await ReadText(ctx));
                AdminSettings.ApplyFaults(_faults, body);
                await WriteJson(ctx, 200, new JsonObject { ["ok"] = true });
                return;
            }
            case ("DELETE", "/__admin/faults"):
                _faults.Reset();
                await WriteJson(ctx, 200, new JsonObject { ["ok"] = true });
                return;
            case ("POST", "/__admin/controllers"):
            {
                var body = JsonTools.Parse(await ReadText(ctx));
                AdminSettings.ApplyControllers(_controllers, body);
                await WriteJson(ctx, 200, new JsonObject { ["ok"] = true });
                return;
            }
            case ("POST", "/__admin/istiod-webhooks"):
            {
                var body = JsonTools.Parse(await ReadText(ctx));
                var written = Admission.SimulatedIstiodWebhookPatcher.Patch(_service, JsonTools.Str(body, "revision") ?? "default", JsonTools.Str(body, "caBundle"));
                await WriteJson(ctx, 200, new JsonObject { ["written"] = written });
                return;
            }
            default:
                throw PageNotFound();
        }
    }
}
