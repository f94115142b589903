namespace MeshOps.Engine.Kube;

/// <summary>
/// One context of the merged kubeconfig as kubectl config get-contexts shows it, read without running any credential
/// plugin (so listing never prompts or fails on a login). <see cref="Current"/> marks current-context.
/// </summary>
public sealed record KubeContextInfo(string Name, string? ClusterName, string? Server, string? Namespace, string? UserName, bool Current,
    bool InsecureSkipTlsVerify);

/// <summary>The contexts a set of connection options can reach, and where they were read from (for messages).</summary>
public sealed record KubeContextList(IReadOnlyList<KubeContextInfo> Contexts, string Source, bool InCluster)
{
    /// <summary>"a, b, c" or "(none)": what error messages offer as the known contexts.</summary>
    public string Names => Contexts.Count == 0 ? "(none)" : string.Join(", ", Contexts.Select(c => c.Name));

    /// <summary>Reads the contexts as <see cref="KubeconfigLoader"/> would merge them; in a pod without a kubeconfig, an empty in-cluster list.</summary>
    public static KubeContextList Read(ConnectionOptions options) => KubeconfigLoader.ListContexts(options);
}
