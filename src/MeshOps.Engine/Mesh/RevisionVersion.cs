using System.Text.Json.Nodes;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The Istio release of a control plane MeshOps did not install (istioctl, Helm), read from its istiod Deployment:
/// the discovery image's tag when it is a release version, else the version label istioctl or the chart wrote when it
/// is one. Returns "" when none tells: a custom tag such as "latest" is not a version, nor is the development charts'
/// 1.0.0, and we never guess one.
/// </summary>
internal static class RevisionVersion
{
    // Image variants the charts append to the tag (global.variant).
    private static readonly string[] Variants = { "-distroless", "-debug" };

    public static string FromDeployment(JsonObject deployment)
    {
        if (ImageVersion(deployment) is { } fromImage) return fromImage;
        var labels = deployment.StringMap("metadata", "labels");
        foreach (var label in new[] { "operator.istio.io/version", "app.kubernetes.io/version" })
            if (LabelVersion(labels.GetValueOrDefault(label)) is { } value) return value;
        return "";
    }

    // A release version; not the chart version of Istio's source tree (1.0.0), which every development copy's charts
    // write as app.kubernetes.io/version whatever release they are.
    private static string? LabelVersion(string? value) =>
        IstioVersion.TryParse(value, out var version) && value != ReleaseManifests.DevelopmentChartVersion ? version!.ToString() : null;

    private static string? ImageVersion(JsonObject deployment)
    {
        var containers = deployment.At("spec", "template", "spec", "containers") as JsonArray;
        var image = containers?.OfType<JsonObject>().FirstOrDefault(c => c.Str("name") == "discovery")?.Str("image") ?? "";
        var at = image.IndexOf('@');
        if (at >= 0) image = image[..at]; // a digest pins the image; the tag before it still names the release
        var colon = image.LastIndexOf(':');
        if (colon <= image.LastIndexOf('/')) return null;
        var tag = image[(colon + 1)..];
        foreach (var variant in Variants)
            if (tag.EndsWith(variant, StringComparison.Ordinal)) tag = tag[..^variant.Length];
        return IstioVersion.TryParse(tag, out var version) ? version!.ToString() : null;
    }
}
