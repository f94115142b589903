using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Recognises the development image placeholders of Istio's source tree (profiles and charts before the release
/// build rewrites them): such manifests render as they are, and the user is told the images are not a release's.
/// </summary>
internal static class DevelopmentImages
{
    // The hubs Istio's CI publishes development builds to; release builds replace them with docker.io/istio.
    private static readonly string[] Hubs = { "gcr.io/istio-testing", "registry.istio.io/testing" };
    private const string Tag = "latest";

    /// <summary>The warning for a merged spec whose images are development builds, or null when they are not.</summary>
    public static string? Warning(Dictionary<string, object?> spec, IstioVersion version)
    {
        // values.global.hub/tag are laid over spec.hub/tag by the translation, so they win when set.
        var hub = Text(TreeOps.FindMap(spec, "values.global")?.GetValueOrDefault("hub")) ?? Text(spec.GetValueOrDefault("hub")) ?? "";
        var tag = Text(TreeOps.FindMap(spec, "values.global")?.GetValueOrDefault("tag")) ?? Text(spec.GetValueOrDefault("tag")) ?? "";
        if (!Hubs.Contains(hub, StringComparer.Ordinal) && tag != Tag) return null;
        return $"the manifests name development images (hub {hub}, tag {tag}), not Istio {version}'s: they are a copy of Istio's source tree, " +
               $"not a release archive. Use 'Save-MeshRelease -Version {version}' and -Version {version} for the release's images, " +
               $"or set them (-Set hub=docker.io/istio -Set tag={version}).";
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s when s.Length == 0 => null,
        string s => s,
        _ => GoText.Sprint(value),
    };
}
