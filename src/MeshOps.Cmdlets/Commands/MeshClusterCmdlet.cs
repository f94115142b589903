using System.Management.Automation;
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

    private MeshCluster? _cluster;

    /// <summary>Kubeconfig paths made absolute against PowerShell's current location, not the process's.</summary>
    protected IReadOnlyList<string>? ResolvedKubeconfig =>
        Kubeconfig?.Select(p => GetUnresolvedProviderPathFromPSPath(p)).ToArray();

    /// <summary>The connection options kubectl would use for these parameters; several files merge like KUBECONFIG.</summary>
    protected ConnectionOptions ConnectionOptions
    {
        get
        {
            var files = ResolvedKubeconfig;
            return files switch
            {
                null => new ConnectionOptions { Context = Context },
                { Count: 1 } => new ConnectionOptions { KubeconfigPath = files[0], Context = Context },
                _ => new ConnectionOptions { KubeconfigVariable = string.Join(Path.PathSeparator, files), Context = Context },
            };
        }
    }

    /// <summary>The cluster, connected on first use and kept for the rest of the pipeline.</summary>
    protected MeshCluster Cluster => _cluster ??= RunEngine((host, _) => MeshCluster.Connect(ConnectionOptions, host));

    protected override void Dispose(bool disposing)
    {
        if (disposing) _cluster?.Dispose();
        base.Dispose(disposing);
    }
}
