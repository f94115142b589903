using System.Management.Automation;

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

    /// <summary>Kubeconfig paths made absolute against PowerShell's current location, not the process's.</summary>
    protected IReadOnlyList<string>? ResolvedKubeconfig =>
        Kubeconfig?.Select(p => GetUnresolvedProviderPathFromPSPath(p)).ToArray();
}
