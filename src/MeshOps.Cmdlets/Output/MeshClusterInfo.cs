namespace MeshOps;

/// <summary>
/// A kubeconfig context and what a probe of its cluster found (Get-MeshCluster). Pipes into the cluster cmdlets by
/// its Context property. The context's namespace is DefaultNamespace, not Namespace, and there is no Name property:
/// either would bind to the -Namespace and -Name parameters of the cmdlets it pipes into.
/// </summary>
public sealed class MeshClusterInfo
{
    internal MeshClusterInfo(string? context, string? server, string? defaultNamespace, string? user, bool current)
    {
        Context = context;
        Server = server;
        DefaultNamespace = defaultNamespace;
        User = user;
        Current = current;
    }

    /// <summary>The kubeconfig context (null for the in-cluster service account).</summary>
    public string? Context { get; }
    /// <summary>The same as Context, as every cluster object carries it.</summary>
    public string? Cluster => Context;
    /// <summary>The API server's address.</summary>
    public string? Server { get; }
    /// <summary>The namespace the context sets (kubectl's default for it), if any.</summary>
    public string? DefaultNamespace { get; }
    /// <summary>The kubeconfig user the context authenticates as.</summary>
    public string? User { get; }
    /// <summary>True for the kubeconfig's current-context.</summary>
    public bool Current { get; }
    /// <summary>True when the credentials worked and the server answered.</summary>
    public bool Reachable { get; internal set; }
    /// <summary>The server's Kubernetes version (GET /version), when reachable.</summary>
    public string? KubernetesVersion { get; internal set; }
    /// <summary>The Istio control-plane revisions installed there, when reachable.</summary>
    public string[] Revisions { get; internal set; } = [];
    /// <summary>Why the cluster is not reachable: the credential or connection error, as the cluster cmdlets would report it.</summary>
    public string? Reason { get; internal set; }
    /// <summary>The error id of that failure (KubeExecPluginFailed, KubeConnectionFailed, ...).</summary>
    public string? ReasonId { get; internal set; }

    public override string ToString() => Context ?? "in-cluster";
}
