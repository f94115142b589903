using MeshOps.Engine.Operator;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>Facts about the Istio release a manifest was rendered from.</summary>
internal static class IstioRelease
{
    /// <summary>
    /// The Istio version: the image tag when it is a version (release charts carry a placeholder chart version,
    /// 1.0.0, that the release build never replaces), else the istiod chart's version, else "".
    /// </summary>
    public static string VersionOf(GeneratedManifest manifest)
    {
        var tag = (manifest.IstioOperator.GetValueOrDefault("spec") as Dictionary<string, object?>)?.GetValueOrDefault("tag")?.ToString();
        if (IstioVersion.TryParse(tag, out _)) return tag!;
        var chartFile = Path.Combine(manifest.ManifestsPath, "charts", "istio-control", "istio-discovery", "Chart.yaml");
        if (!File.Exists(chartFile)) return "";
        return (GoYaml.Parse(File.ReadAllText(chartFile)) as Dictionary<string, object?>)?.GetValueOrDefault("version") as string ?? "";
    }
}
