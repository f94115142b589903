using System.Management.Automation;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Kube;
using MeshOps.Engine.Mesh;

namespace MeshOps.Cmdlets.Commands;

/// <summary>Base of cmdlets that talk to a cluster: which kubeconfig and context, as kubectl picks them.</summary>
public abstract class MeshClusterCmdlet : MeshCmdlet
{
    /// <summary>Kubeconfig files; when absent, KUBECONFIG, then ~/.kube/config, then the in-cluster service account.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use instead of its current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Context { get; set; }

    /// <summary>
    /// How long one API request may take before it fails with KubeRequestTimeout; retries of one request stop at four
    /// times this (KubeDeadlineExceeded). Waits for rollouts have their own limits (Install-MeshControlPlane -Timeout).
    /// </summary>
    [Parameter]
    [ValidateTimeSpan]
    public TimeSpan RequestTimeout { get; set; } = RetryPolicy.DefaultRequestTimeout;

    private MeshCluster? _cluster;

    /// <summary>Kubeconfig paths made absolute against PowerShell's current location, not the process's; a folder is refused.</summary>
    protected IReadOnlyList<string>? ResolvedKubeconfig =>
        Kubeconfig?.Select(p =>
        {
            var path = GetUnresolvedProviderPathFromPSPath(p);
            PathErrors.RequireNotDirectory(path, "-Kubeconfig");
            return path;
        }).ToArray();

    /// <summary>The connection options kubectl would use for these parameters; several files merge like KUBECONFIG.</summary>
    protected ConnectionOptions ConnectionOptions
    {
        get
        {
            var files = ResolvedKubeconfig;
            return files switch
            {
                null => new ConnectionOptions { Context = Context, RequestTimeout = RequestTimeout },
                { Count: 1 } => new ConnectionOptions { KubeconfigPath = files[0], Context = Context, RequestTimeout = RequestTimeout },
                _ => new ConnectionOptions { KubeconfigVariable = string.Join(Path.PathSeparator, files), Context = Context, RequestTimeout = RequestTimeout },
            };
        }
    }

    /// <summary>The cluster, connected on first use and kept for the rest of the pipeline.</summary>
    protected MeshCluster Cluster
    {
        get
        {
            if (_cluster != null) return _cluster;
            var options = ConnectionOptions; // paths resolve on the pipeline thread, against PowerShell's location
            return _cluster = RunEngine((host, cancel) => MeshCluster.Connect(options, host, cancel));
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _cluster?.Dispose();
        base.Dispose(disposing);
    }
}
