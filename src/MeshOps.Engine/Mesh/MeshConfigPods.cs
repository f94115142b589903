using System.Text.Json.Nodes;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// Whether an injected pod carries a mesh setting other than a given value, read from what injection baked into it
/// (FACTS.md sections 2 and 3): prometheus.io annotations and ISTIO_PROMETHEUS_ANNOTATIONS for enablePrometheusMerge,
/// PROXY_CONFIG for defaultConfig.*, TRUST_DOMAIN for trustDomain.
/// </summary>
internal static class MeshConfigPods
{
    private const string MergeMetricsAnnotation = "prometheus.istio.io/merge-metrics";

    /// <summary>"namespace/name".</summary>
    public static string Key(JsonObject pod) => $"{pod.Str("metadata", "namespace")}/{pod.Str("metadata", "name")}";

    /// <summary>True when the pod differs from <paramref name="newValue"/> for a setting decided at injection.</summary>
    public static bool Differs(JsonObject pod, string path, object? newValue, Dictionary<string, object?> newMesh)
    {
        var parts = MeshConfigPaths.Split(path);
        switch (parts[0])
        {
            case "enablePrometheusMerge":
                return PrometheusDiffers(pod, newValue, newMesh);
            case "defaultConfig":
                return ProxyConfigDiffers(pod, string.Join('.', parts.Skip(1).Select(p => p.Replace(".", "\\.", StringComparison.Ordinal))), newValue);
            case "trustDomain" when parts.Count == 1:
                return ProxyEnv(pod, "TRUST_DOMAIN") is { } td && td != MeshConfigPaths.Display(newValue ?? "cluster.local");
            default:
                return false;
        }
    }

    /// <summary>Whether injection merged the pod's metrics: its scrape annotations point at the agent's merged endpoint.</summary>
    internal static bool IsPrometheusMerged(JsonObject pod, int statusPort)
    {
        var annotations = pod.StringMap("metadata", "annotations");
        if (ProxyEnv(pod, "ISTIO_PROMETHEUS_ANNOTATIONS") != null) return true;
        return annotations.GetValueOrDefault("prometheus.io/path") == "/stats/prometheus"
            && annotations.GetValueOrDefault("prometheus.io/port") == statusPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool PrometheusDiffers(JsonObject pod, object? newValue, Dictionary<string, object?> newMesh)
    {
        var annotations = pod.StringMap("metadata", "annotations");
        // The pod's own annotation wins over the mesh setting, and scrape=false opts out (webhook.go enablePrometheusMerge).
        if (annotations.ContainsKey(MergeMetricsAnnotation)) return false;
        if (annotations.Any(a => SanitizedKey(a.Key) == "prometheus_io_scrape" && a.Value == "false") && ProxyEnv(pod, "ISTIO_PROMETHEUS_ANNOTATIONS") == null) return false;
        var statusPort = MeshConfigPaths.TryGet(newMesh, "defaultConfig.statusPort", out var port) && int.TryParse(MeshConfigPaths.Display(port), out var p) ? p : 15020;
        var wanted = newValue is not false && !(newValue is string s && s.Equals("false", StringComparison.OrdinalIgnoreCase));
        return IsPrometheusMerged(pod, statusPort) != wanted;
    }

    private static string SanitizedKey(string key) => new(key.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static bool ProxyConfigDiffers(JsonObject pod, string subPath, object? newValue)
    {
        var text = ProxyEnv(pod, "PROXY_CONFIG");
        if (text == null) return true; // injected without the env we compare: treat as stale
        Dictionary<string, object?>? config;
        try { config = GoJson.Parse(text) as Dictionary<string, object?>; }
        catch (JsonParseException) { return true; }
        if (subPath.Length == 0) return !MeshConfigPaths.ValueEquals(config, newValue);
        var found = MeshConfigPaths.TryGet(config, subPath, out var current);
        if (!found) return newValue != null;
        return !MeshConfigPaths.ValueEquals(current, newValue);
    }

    /// <summary>An env var of the istio-proxy container, or null.</summary>
    internal static string? ProxyEnv(JsonObject pod, string name)
    {
        var containers = pod.At("spec", "containers") as JsonArray;
        var proxy = containers?.OfType<JsonObject>().FirstOrDefault(c => c.Str("name") == "istio-proxy");
        var env = proxy?.At("env") as JsonArray;
        return env?.OfType<JsonObject>().FirstOrDefault(e => e.Str("name") == name)?.Str("value");
    }
}
