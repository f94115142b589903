namespace MeshOps.Engine.Kube;

/// <summary>
/// Where to find the cluster, resolved as kubectl does: an explicit kubeconfig file; else the KUBECONFIG list
/// (files merged, first file wins per entry, missing files skipped); else ~/.kube/config; else the in-cluster
/// service account. <see cref="Context"/> overrides the kubeconfig's current-context.
/// </summary>
public sealed record ConnectionOptions
{
    /// <summary>
    /// The options for -Kubeconfig files as kubectl reads them: none, the default lookup (KUBECONFIG, ~/.kube/config,
    /// in-cluster); one, that file; several, merged like a KUBECONFIG list.
    /// </summary>
    public static ConnectionOptions ForKubeconfigFiles(IReadOnlyList<string>? files) => files switch
    {
        null or { Count: 0 } => new ConnectionOptions(),
        { Count: 1 } => new ConnectionOptions { KubeconfigPath = files[0] },
        _ => new ConnectionOptions { KubeconfigVariable = string.Join(Path.PathSeparator, files) },
    };

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

    /// <summary>
    /// How long one API request may take (the cmdlets' -RequestTimeout); overrides <see cref="Retry"/>'s
    /// <see cref="RetryPolicy.RequestTimeout"/>, and the retry deadline follows it unless that policy sets one.
    /// </summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The retry policy in force: <see cref="Retry"/> (or the default) with <see cref="RequestTimeout"/> applied.</summary>
    public RetryPolicy EffectiveRetry
    {
        get
        {
            var retry = Retry ?? RetryPolicy.Default;
            if (RequestTimeout is not { } timeout) return retry;
            if (timeout <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(RequestTimeout), timeout, "The request timeout must be positive.");
            return retry with { RequestTimeout = timeout };
        }
    }
}
