using System.Management.Automation;
using System.Text;
using MeshOps.Cmdlets.Completers;
using MeshOps.Cmdlets.Hosting;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Writes the IstioOperator that reproduces a revision as it runs now (the installed file with Set-MeshConfig
/// changes folded in), so the copy in git can follow.
/// </summary>
[Cmdlet(VerbsData.Export, "MeshInstallation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(string), typeof(FileInfo))]
public sealed class ExportMeshInstallationCommand : MeshClusterCmdlet
{
    /// <summary>The revision or tag; Get-MeshRevision objects bind by their Name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(RevisionNameCompleter))]
    public string Revision { get; set; } = "";

    /// <summary>A file to write (UTF-8, replaced if it exists); returns its FileInfo. Without it the YAML text is returned.</summary>
    [Parameter(Position = 1)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    // The files this pipeline has written: a second piped revision (or cluster) would silently replace the first's export.
    private readonly HashSet<string> written = new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    protected override void Process()
    {
        RevisionNames.Validate(Revision);
        // The output path is checked before any request: a folder, or a folder that is not there, fails first.
        var file = Path == null ? null : GetUnresolvedProviderPathFromPSPath(Path);
        if (file != null) PathErrors.RequireWritableFile(file, "-Path");
        // One file cannot hold several clusters' exports: refused once, before any cluster is read.
        if (file != null && PlannedContexts is { Count: > 1 } contexts)
            throw new MeshException("ExportPathOneCluster", MeshErrorKind.InvalidArgument,
                $"-Path names one file, and -Context names {contexts.Count} clusters ({string.Join(", ", contexts)}). Write one file per cluster: " +
                "Get-MeshCluster -Context <pattern> | ForEach-Object { Export-MeshInstallation " + Revision + " -Context $_.Context -Path \"$($_.Context).yaml\" }; " +
                "or leave out -Path to get each cluster's YAML text with its Cluster.", file);
        if (file != null && written.Contains(file))
            throw new MeshException("ExportPathWritten", MeshErrorKind.InvalidArgument,
                $"-Path {file} already holds the export of an earlier revision in this pipeline; writing revision {Revision} there would replace it. " +
                "Write one file per revision: ... | ForEach-Object { Export-MeshInstallation $_.Name -Context $_.Context -Path \"$($_.Name).yaml\" }.", file);
        ForEachCluster(run => ExportFrom(run, file));
    }

    private void ExportFrom(ClusterRun run, string? file)
    {
        var yaml = run.Engine((host, cancel) => MeshConfigExporter.ExportAsync(run.Cluster, host, Revision, cancel));
        if (file == null)
        {
            run.WriteObject(yaml);
            return;
        }
        if (!run.ShouldProcess(file, $"Write the IstioOperator of revision {Revision}")) return;
        try
        {
            File.WriteAllText(file, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            written.Add(file);
        }
        catch (Exception e) when (PathErrors.IsPathFailure(e))
        {
            throw PathErrors.WriteFailed(file, "-Path", e);
        }
        run.WriteObject(new FileInfo(file));
    }
}
