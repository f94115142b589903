using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Controllers;
using MeshOps.Testing.KubeApi.Faults;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>
/// JSON bodies of the admin endpoints. POST /__admin/faults:
/// {"latencyMs":50,"tooManyRequestsRate":0.1,"internalErrorRate":0,"serviceUnavailableRate":0,"dropConnectionRate":0,
///  "retryAfterSeconds":1,"seed":42,"reset":true,"failNth":[{"verb":"patch","resource":"deployments","n":2,"code":500}]}.
/// POST /__admin/controllers: {"enabled":true,"readyDelayMs":100,"crdEstablishDelayMs":50,"neverReady":["*-stuck"],"waitingReason":"ImagePullBackOff",
/// "failRevisions":{"canary":"CrashLoopBackOff"}} (ImagePullBackOff, CrashLoopBackOff, Unready, InjectionFailed or None; {} clears all).
/// POST /__admin/istiod-webhooks: {"revision":"canary","caBundle":"BASE64"} (both optional; revision "default") plays a running
/// istiod patching its webhook configurations (Admission/SimulatedIstiodWebhookPatcher.cs); answers {"written":N}.
/// </summary>
public static class AdminSettings
{
    static double? D(JsonObject b, string k) => b[k] is JsonValue v && v.TryGetValue<double>(out var d) ? d : JsonTools.Long(b, k);

    public static void ApplyFaults(FaultSettings f, JsonObject body)
    {
        if (body["reset"] is JsonValue r && r.TryGetValue<bool>(out var reset) && reset) f.Reset();
        if (JsonTools.Long(body, "seed") is { } seed) f.Seed = (int)seed;
        if (JsonTools.Long(body, "latencyMs") is { } lat) f.Latency = TimeSpan.FromMilliseconds(lat);
        if (D(body, "tooManyRequestsRate") is { } a) f.TooManyRequestsRate = a;
        if (D(body, "internalErrorRate") is { } b) f.InternalErrorRate = b;
        if (D(body, "serviceUnavailableRate") is { } c) f.ServiceUnavailableRate = c;
        if (D(body, "dropConnectionRate") is { } d) f.DropConnectionRate = d;
        if (JsonTools.Long(body, "retryAfterSeconds") is { } ra) f.RetryAfterSeconds = (int)ra;
        if (body["failNth"] is JsonArray rules)
            foreach (var rule in rules.OfType<JsonObject>())
                f.FailNth(JsonTools.Str(rule, "verb") ?? "*", JsonTools.Str(rule, "resource") ?? "*", (int)(JsonTools.Long(rule, "n") ?? 1), (int)(JsonTools.Long(rule, "code") ?? 500));
    }

    public static void ApplyControllers(ControllerSettings c, JsonObject body)
    {
        if (body["enabled"] is JsonValue e && e.TryGetValue<bool>(out var enabled)) c.Enabled = enabled;
        if (JsonTools.Long(body, "readyDelayMs") is { } rd) c.WorkloadReadyDelay = TimeSpan.FromMilliseconds(rd);
        if (JsonTools.Long(body, "crdEstablishDelayMs") is { } cd) c.CrdEstablishDelay = TimeSpan.FromMilliseconds(cd);
        if (JsonTools.Str(body, "waitingReason") is { } reason) c.NeverReadyReason = reason;
        if (body["neverReady"] is JsonArray patterns)
        {
            c.ClearNeverReady();
            foreach (var p in patterns) if (p?.ToString() is { Length: > 0 } s) c.AddNeverReady(s);
        }
        if (body["failRevisions"] is JsonObject faults)
        {
            if (faults.Count == 0) c.ClearRevisionFaults();
            foreach (var (revision, fault) in faults)
                c.FailRevision(revision, Enum.Parse<RevisionFault>(fault?.ToString() ?? "None", ignoreCase: true));
        }
    }
}
