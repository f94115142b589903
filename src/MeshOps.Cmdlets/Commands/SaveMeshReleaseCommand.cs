using System.Management.Automation;
using MeshOps.Cmdlets.Completers;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Save-MeshRelease: puts an Istio release's manifests (charts and profiles) into the local release cache, downloaded
/// from GitHub or a mirror and checked against its published SHA-256, or imported from an archive on disk.
/// </summary>
[Cmdlet(VerbsData.Save, "MeshRelease", DefaultParameterSetName = DownloadSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MeshRelease))]
public sealed class SaveMeshReleaseCommand : MeshCmdlet
{
    private const string DownloadSet = "Download";
    private const string PathSet = "Path";

    /// <summary>The Istio version (1.18.5, 1.31.0-rc.0); with -Path, optional and checked against the archive.</summary>
    [Parameter(ParameterSetName = DownloadSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = PathSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(CachedReleaseVersionCompleter))]
    public string? Version { get; set; }

    /// <summary>
    /// A mirror laid out like GitHub's release downloads (&lt;root&gt;/&lt;version&gt;/istio-&lt;version&gt;-linux-amd64.tar.gz and its
    /// .sha256), or the folder of one release holding those files; tried in that order.
    /// </summary>
    [Parameter(ParameterSetName = DownloadSet)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>An Istio release archive on disk to import (for machines without network access).</summary>
    [Parameter(ParameterSetName = PathSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string? Path { get; set; }

    /// <summary>Save again even when the version is already cached.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override void Process()
    {
        var cache = ReleaseCache.Default();
        var version = Version == null ? null : IstioVersion.Parse(Version);
        var downloader = new ReleaseDownloader(cache);
        CachedRelease? release;
        if (ParameterSetName == PathSet)
        {
            var archive = GetUnresolvedProviderPathFromPSPath(Path);
            PathErrors.RequireNotDirectory(archive, "-Path (the release archive)");
            var target = version == null ? "the release in the archive" : $"Istio {version}";
            if (!ShouldProcess(archive, $"Import {target} into {cache.ReleasesFolder}")) return;
            release = RunEngine((host, cancel) => downloader.ImportAsync(archive, version, Force, host, cancel));
        }
        else
        {
            // Nothing to change when the version is cached already: answer without asking -WhatIf/-Confirm.
            release = Force ? null : cache.TryGet(version!);
            if (release != null)
            {
                WriteVerbose($"Istio {version} is already cached in {release.Folder}; use -Force to download it again.");
            }
            else
            {
                var source = BaseUri == null ? ReleaseFiles.DefaultBaseUri(version!).ToString() : $"{BaseUri} (its {version}/ folder, else itself)";
                if (!ShouldProcess($"Istio {version}", $"Download {ReleaseFiles.ArchiveName(version!)} from {source} into {cache.ReleasesFolder}")) return;
                release = RunEngine((host, cancel) => downloader.SaveAsync(version!, BaseUri, Force, host, cancel));
            }
        }
        WriteObject(MeshRelease.From(release));
    }
}
