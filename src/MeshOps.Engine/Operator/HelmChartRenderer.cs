using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Operator;

/// <summary>The engine's Helm renderer (Charts/) driven the way istioctl's helm.renderChart drives Helm.</summary>
internal sealed class HelmChartRenderer : IChartRenderer
{
    public string Render(string chartDirectory, Dictionary<string, object?> values, string @namespace, CancellationToken cancellationToken) =>
        throw new MeshException("ChartRendererUnavailable", MeshErrorKind.NotImplemented,
            "the chart renderer (Charts/HelmRenderer) is not available in this build", chartDirectory);
}
