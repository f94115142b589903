using System.Text;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Operator;

/// <summary>The engine's Helm renderer (Charts/) driven the way istioctl's helm.renderChart drives Helm.</summary>
internal sealed class HelmChartRenderer : IChartRenderer
{
    // One Generate call renders a chart once per gateway; load each folder once per renderer.
    private readonly Dictionary<string, Chart> _charts = new(StringComparer.Ordinal);
    private readonly KubernetesVersion? _cluster;

    /// <param name="cluster">The cluster's /version (install), or null to render as manifest generate does.</param>
    public HelmChartRenderer(KubernetesVersion? cluster = null) => _cluster = cluster;

    /// <summary>The options istioctl's renderChart gives Helm for one chart.</summary>
    internal RenderOptions Options(string @namespace, CancellationToken cancellationToken, IstioctlRelease? release = null) => Options(release ?? Istioctl1185, @namespace, cancellationToken);

    private static readonly IstioctlRelease Istioctl1185 = IstioctlRelease.For(Releases.IstioVersion.Parse("1.18.5"));

    private RenderOptions Options(IstioctlRelease release, string @namespace, CancellationToken cancellationToken) => new()
    {
        ReleaseName = "istio",
        Namespace = @namespace,
        // chartutil.ToRenderValues with only Name and Namespace: neither install nor upgrade, revision 0.
        IsInstall = false,
        IsUpgrade = false,
        Revision = 0,
        KubeVersionInfo = IstioctlCapabilities.KubeVersion(_cluster, release),
        Helm = IstioctlCapabilities.Helm,
        // Before 1.24, istio's go.mod pins Sprig's imdario/mergo to v0.3.5 (nil values never overwrite in mergeOverwrite).
        MergoCompatibility = release.UsesMergo035 ? Templating.Functions.MergoCompatibility.V0_3_5 : Templating.Functions.MergoCompatibility.Current,
        // istioctl links Masterminds/semver v3.2-v3.3 before 1.28: pre-release versions are let in per comparison.
        SemverCompatibility = release.UsesSemver34 ? Versions.SemverCompatibility.Current : Versions.SemverCompatibility.V3_3,
        CancellationToken = cancellationToken,
    };

    public string Render(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken)
    {
        if (!_charts.TryGetValue(chartDirectory, out var chart))
        {
            if (!Directory.Exists(chartDirectory))
                throw OperatorErrors.Single("ChartNotFound",
                    $"chart folder \"{chartDirectory}\" does not exist; the manifests folder must hold Istio {release.Version}'s charts/", chartDirectory,
                    kind: Hosting.MeshErrorKind.ObjectNotFound);
            chart = ChartLoader.Load(chartDirectory);
            _charts[chartDirectory] = chart;
        }
        var result = HelmRenderer.Render(chart, values, Options(release, @namespace, cancellationToken));

        var sb = new StringBuilder();
        foreach (var template in result.Templates.Where(t => !t.Path.EndsWith("NOTES.txt", StringComparison.Ordinal)).OrderBy(t => t.Path, StringComparer.Ordinal))
            AppendDocument(sb, template.Content);
        var withCrds = !(chart.Name == "base" && values.GetValueOrDefault("base") is Dictionary<string, object?> b && b.GetValueOrDefault("enableIstioConfigCRDs") is false);
        if (withCrds)
            foreach (var crd in result.Crds.OrderBy(c => c.Path, StringComparer.Ordinal))
                AppendDocument(sb, crd.Content);
        return sb.ToString();
    }

    // Each file: trimmed, a newline, then "---" and a newline unless it already ends with one.
    private static void AppendDocument(StringBuilder sb, string content)
    {
        var f = content.Trim() + "\n";
        if (!f.EndsWith("\n---\n", StringComparison.Ordinal)) f += "\n---\n";
        sb.Append(f);
    }
}
