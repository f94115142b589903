using System.Management.Automation;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Renders a Helm chart (folder or .tgz) exactly as `helm template` does, with MeshOps' own template engine.</summary>
[Cmdlet(VerbsData.Expand, "MeshChart", DefaultParameterSetName = "ToText", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string))]
[OutputType(typeof(FileInfo), ParameterSetName = new[] { "ToDirectory" })]
[OutputType(typeof(MeshChartDocument), ParameterSetName = new[] { "ToObject" })]
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

    /// <summary>Values in Helm's --set-json syntax (a.b=JSON, or a whole JSON object), applied after the files and before -Set.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SetJson { get; set; }

    /// <summary>Values in Helm's --set-file syntax (a.b=PATH): the file's content becomes the string value; applied after -SetString.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SetFile { get; set; }

    /// <summary>Values in Helm's --set-literal syntax (a.b=TEXT): the whole rest is the string, commas and escapes included; applied last.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? SetLiteral { get; set; }

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

    /// <summary>Does not check the values against values.schema.json (helm --skip-schema-validation).</summary>
    [Parameter]
    public SwitchParameter SkipSchemaValidation { get; set; }

    /// <summary>
    /// Only the documents rendered from templates matching these paths, relative to the chart (templates/service.yaml,
    /// charts/sub/templates/*.yaml), as helm --show-only.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? ShowOnly { get; set; }

    /// <summary>Renders with .Release.IsUpgrade true and .Release.IsInstall false (helm --is-upgrade).</summary>
    [Parameter]
    public SwitchParameter IsUpgrade { get; set; }

    /// <summary>Leaves hooks out of the output (helm --no-hooks).</summary>
    [Parameter]
    public SwitchParameter NoHooks { get; set; }

    /// <summary>Leaves test hooks out of the output (helm --skip-tests).</summary>
    [Parameter]
    public SwitchParameter SkipTests { get; set; }

    /// <summary>
    /// Writes each document to OUTPUTDIR/CHART/templates/FILE (subcharts under CHART/charts/SUB/templates) as
    /// helm --output-dir, and returns the files written instead of the text.
    /// </summary>
    [Parameter(ParameterSetName = "ToDirectory", Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>
    /// Returns one object per document (Kind, Namespace, Name, Source, ApiVersion, Yaml) instead of the text; Source is
    /// the template file of helm's "# Source:" line.
    /// </summary>
    [Parameter(ParameterSetName = "ToObject", Mandatory = true)]
    public SwitchParameter AsObject { get; set; }

    protected override void Process()
    {
        if (ShowOnly is { Length: > 0 } && OutputDirectory is not null)
            throw new MeshException("ShowOnlyWithOutputDirectory", MeshErrorKind.InvalidArgument,
                "-ShowOnly cannot be combined with -OutputDirectory: helm template writes every file and then finds no template to show. " +
                "Use -ShowOnly to print chosen templates, or -OutputDirectory to write them all.", ShowOnly[0]);

        var chartPath = GetUnresolvedProviderPathFromPSPath(ChartPath);
        // Charts piped in one after another (a corpus) show one bar, a step per chart, ended in End.
        MeshHost.WriteProgress(new MeshProgress(ProgressIds.ChartRender, "Rendering charts", $"Chart {++_charts}: {Path.GetFileName(chartPath.TrimEnd('/', '\\'))}"));
        // -SetFile paths are read by the engine on another thread: relative ones are taken from the current location.
        var valueOptions = new HelmValueOptions { BaseDirectory = SessionState.Path.CurrentFileSystemLocation.ProviderPath };
        foreach (var file in ValuesPath ?? Array.Empty<string>())
        {
            var path = GetUnresolvedProviderPathFromPSPath(file);
            PathErrors.RequireNotDirectory(path, "-ValuesPath");
            valueOptions.ValueFiles.Add(path);
        }
        foreach (var set in SetJson ?? Array.Empty<string>()) valueOptions.JsonValues.Add(set);
        foreach (var set in Set ?? Array.Empty<string>()) valueOptions.Values.Add(set);
        foreach (var set in SetString ?? Array.Empty<string>()) valueOptions.StringValues.Add(set);
        foreach (var set in SetFile ?? Array.Empty<string>()) valueOptions.FileValues.Add(set);
        foreach (var set in SetLiteral ?? Array.Empty<string>()) valueOptions.LiteralValues.Add(set);
        var outputDirectory = OutputDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        // The output folder is checked before rendering, as Export-MeshManifest does: a file there, a path under a
        // file, or a place where no folder can be made fails first (OutputPathInvalid). Writes that fail later on
        // (permissions of an existing folder) stay OutputWriteFailed. Finding out whether a folder can be made
        // creates and removes one, which -WhatIf does not do.
        if (outputDirectory is not null)
        {
            if (IsWhatIf()) PathErrors.RequireWritableDirectory(outputDirectory, "-OutputDirectory");
            else PathErrors.RequireCreatableDirectory(outputDirectory, "-OutputDirectory");
        }

        var warned = new HashSet<string>(StringComparer.Ordinal);
        var (yaml, writes) = RunEngine((host, cancel) =>
        {
            host.WriteVerbose($"Loading chart {chartPath}");
            var chart = ChartLoader.Load(chartPath);
            // helm template checks the name after loading the chart and before reading any value.
            HelmReleaseName.Validate(ReleaseName);
            var values = valueOptions.Merge();
            var options = new RenderOptions
            {
                ReleaseName = ReleaseName,
                Namespace = Namespace,
                KubeVersion = KubeVersion ?? RenderOptions.DefaultKubeVersion,
                ApiVersions = HelmStringSlice.ApiVersions(ApiVersion ?? Array.Empty<string>()),
                IncludeCrds = IncludeCrds.IsPresent,
                SkipSchemaValidation = SkipSchemaValidation.IsPresent,
                IsUpgrade = IsUpgrade.IsPresent,
                IsInstall = !IsUpgrade.IsPresent,
                // Helm logs each coalesce warning every time it coalesces; one of each is enough here.
                Warning = message => { if (warned.Add(message)) host.WriteWarning(message); },
                CancellationToken = cancel,
            };
            host.WriteVerbose($"Rendering {chart.Name} as release {ReleaseName} in namespace {Namespace}");
            var result = HelmRenderer.Render(chart, values, options);
            if (outputDirectory is not null)
                return ((string?)null, HelmOutputDirectory.Plan(result, outputDirectory, !NoHooks.IsPresent, SkipTests.IsPresent));
            var text = HelmTemplateWriter.Write(result, !NoHooks.IsPresent, SkipTests.IsPresent);
            if (ShowOnly is { Length: > 0 }) text = HelmShowOnly.Select(text, ShowOnly);
            return (text, (IReadOnlyList<OutputFileWrite>?)null);
        });
        if (writes is null)
        {
            if (AsObject)
            {
                foreach (var d in HelmOutputDocuments.Split(yaml!))
                    WriteObject(new MeshChartDocument(d.Source, d.ApiVersion, d.Kind, d.Namespace, d.Name, d.Yaml));
                return;
            }
            WriteObject(yaml);
            return;
        }
        WriteFiles(writes);
    }

    private int _charts;

    protected override void End()
    {
        if (_charts > 0) MeshHost.WriteProgress(new MeshProgress(ProgressIds.ChartRender, "Rendering charts", $"{_charts} chart(s) rendered", 100, Completed: true));
    }

    private bool IsWhatIf() =>
        (MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && ((SwitchParameter)w).IsPresent)
        || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };

    /// <summary>Writes the planned documents in Helm's order; each file is returned once, when first written.</summary>
    private void WriteFiles(IReadOnlyList<OutputFileWrite> writes)
    {
        var returned = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            var action = write.Mode switch
            {
                OutputWriteMode.Create => "Write",
                OutputWriteMode.Append => "Append a document of",
                _ => "Write (or append, if the file exists) the hook",
            };
            if (!ShouldProcess(write.Path, $"{action} {write.SourceName}")) continue;
            var appended = HelmOutputDirectory.Write(write);
            WriteVerbose($"{(appended ? "appended to" : "wrote")} {write.Path}");
            if (returned.Add(write.Path)) WriteObject(new FileInfo(write.Path));
        }
    }
}
