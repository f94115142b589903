using System.Management.Automation;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Renders a Helm chart (folder or .tgz) exactly as `helm template` does, with MeshOps' own template engine.</summary>
[Cmdlet(VerbsData.Expand, "MeshChart")]
[OutputType(typeof(string))]
public sealed class ExpandMeshChartCommand : MeshCmdlet
{
    /// <summary>The chart: a folder holding Chart.yaml, or a packaged .tgz.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName")]
    [ValidateNotNullOrEmpty]
    public string ChartPath { get; set; } = "";

    /// <summary>Values files, merged in order over the chart's values.yaml (helm -f).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ValuesPath { get; set; }

    /// <summary>Values in Helm's --set syntax (a.b=c, a[0]=x, a\.b=c, comma-separated pairs), applied after the files.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Set { get; set; }

    /// <summary>Values in Helm's --set-string syntax: every value stays a string.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SetString { get; set; }

    /// <summary>.Release.Name; helm template's default is release-name.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string ReleaseName { get; set; } = "release-name";

    /// <summary>.Release.Namespace; default is "default".</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Namespace { get; set; } = "default";

    /// <summary>.Capabilities.KubeVersion, such as v1.29.3 (helm --kube-version); v1.35.0 when not given, as Helm 4.1.4.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? KubeVersion { get; set; }

    /// <summary>
    /// Extra .Capabilities.APIVersions, such as monitoring.coreos.com/v1 or monitoring.coreos.com/v1/ServiceMonitor,
    /// after Helm's built-in ones; each value may hold several separated by commas (helm --api-versions).
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ApiVersion { get; set; }

    /// <summary>Includes the chart's crds/ files first, as helm --include-crds.</summary>
    [Parameter]
    public SwitchParameter IncludeCrds { get; set; }

    protected override void Process()
    {
        var chartPath = GetUnresolvedProviderPathFromPSPath(ChartPath);
        var valueOptions = new HelmValueOptions();
        foreach (var file in ValuesPath ?? Array.Empty<string>())
        {
            var path = GetUnresolvedProviderPathFromPSPath(file);
            PathErrors.RequireNotDirectory(path, "-ValuesPath");
            valueOptions.ValueFiles.Add(path);
        }
        foreach (var set in Set ?? Array.Empty<string>()) valueOptions.Values.Add(set);
        foreach (var set in SetString ?? Array.Empty<string>()) valueOptions.StringValues.Add(set);

        var yaml = RunEngine((host, cancel) =>
        {
            host.WriteVerbose($"Loading chart {chartPath}");
            var chart = ChartLoader.Load(chartPath);
            var values = valueOptions.Merge();
            var options = new RenderOptions
            {
                ReleaseName = ReleaseName,
                Namespace = Namespace,
                KubeVersion = KubeVersion ?? RenderOptions.DefaultKubeVersion,
                ApiVersions = HelmStringSlice.ApiVersions(ApiVersion ?? Array.Empty<string>()),
                IncludeCrds = IncludeCrds.IsPresent,
                CancellationToken = cancel,
            };
            host.WriteVerbose($"Rendering {chart.Name} as release {ReleaseName} in namespace {Namespace}");
            return HelmTemplateWriter.Write(HelmRenderer.Render(chart, values, options));
        });
        WriteObject(yaml);
    }
}
