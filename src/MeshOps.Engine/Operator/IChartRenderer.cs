namespace MeshOps.Engine.Operator;

/// <summary>
/// Renders one Istio chart the way istioctl's helm.renderChart does and returns the joined manifest:
/// release "istio" in the component namespace, Kubernetes 1.24.0 capabilities, templates sorted by name
/// (NOTES.txt left out), each trimmed and followed by "---", then the chart's crds/ files sorted by name
/// (for the base chart only while values.base.enableIstioConfigCRDs is not false).
/// </summary>
internal interface IChartRenderer
{
    string Render(string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken);
}
