using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>Facts about the Istio release a manifests folder holds.</summary>
internal static class IstioRelease
{
    /// <summary>The version of istiod's chart (the release's version), or "" when unreadable.</summary>
    public static string VersionOf(string manifestsPath)
    {
        var chartFile = Path.Combine(manifestsPath, "charts", "istio-control", "istio-discovery", "Chart.yaml");
        if (!File.Exists(chartFile)) return "";
        return (GoYaml.Parse(File.ReadAllText(chartFile)) as Dictionary<string, object?>)?.GetValueOrDefault("version") as string ?? "";
    }
}
