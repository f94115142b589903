namespace MeshOps.Engine.Kube;

/// <summary>
/// Where to find the cluster, resolved as kubectl does: an explicit kubeconfig file; else the KUBECONFIG list
/// (files merged, first file wins per entry, missing files skipped); else ~/.kube/config; else the in-cluster
/// service account. <see cref="Context"/> overrides the kubeconfig's current-context.
/// </summary>
public sealed record ConnectionOptions
{
    /// <summary>An explicit kubeconfig file (kubectl's --kubeconfig); it must exist.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>The context to use instead of current-context (kubectl's --context).</summary>
    public string? Context { get; init; }

    /// <summary>Use the pod's service account and ignore kubeconfig files.</summary>
    public bool InCluster { get; init; }

    /// <summary>The KUBECONFIG value to use; null reads the process environment. Lets a caller (or test) pass its own.</summary>
    public string? KubeconfigVariable { get; init; }

    /// <summary>The home directory holding .kube/config; null uses the user's profile.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>Retry behaviour of every API call; null uses <see cref="RetryPolicy.Default"/>.</summary>
    public RetryPolicy? Retry { get; init; }
}
