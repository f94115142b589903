namespace MeshOps.Engine.Operator;

/// <summary>
/// Renders one Istio chart the way istioctl's helm.renderChart does and returns the joined manifest:
/// release "istio" in the component namespace, the release's Kubernetes capabilities (1.&lt;MinK8SVersion&gt;.0 without a cluster), templates sorted by name
/// (NOTES.txt left out), each trimmed and followed by "---", then the chart's crds/ files sorted by name
/// (for the base chart only while values.base.enableIstioConfigCRDs is not false).
/// </summary>
internal interface IChartRenderer
{
    string Render(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken);

    /// <summary>The objects of <see cref="Render"/>'s manifest, as <see cref="ManifestGenerator.ParseObjects"/> reads them.</summary>
    List<ManifestObject> RenderObjects(IstioctlRelease release, string chartDirectory, Dictionary<string, object?> values, string @namespace,
        string component, CancellationToken cancellationToken) =>
        ManifestGenerator.ParseObjects(Render(release, chartDirectory, values, @namespace, cancellationToken), component, chartDirectory);
}
