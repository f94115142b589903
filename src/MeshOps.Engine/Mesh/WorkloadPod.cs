using System.Text.Json.Nodes;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// One pod as a revision move sees it: the workload that owns it, the revision that injected its sidecar and the proxy
/// image, the revision its namespace selects now, and whether it needs a restart to get that (istioctl proxy-status'
/// "which proxies still run the old version", answered from the API server).
/// </summary>
public sealed record WorkloadPod
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>Deployment, StatefulSet or DaemonSet that a restart recreates the pod through; null when none (bare pod, Job).</summary>
    public string? WorkloadKind { get; init; }
    public string? WorkloadName { get; init; }
    /// <summary>The pod's direct controller (ReplicaSet, StatefulSet, DaemonSet, Job...); null for a bare pod.</summary>
    public string? OwnerKind { get; init; }
    public string? OwnerName { get; init; }
    /// <summary>The revision in sidecar.istio.io/status (never a tag); null when the pod has no sidecar.</summary>
    public string? InjectedRevision { get; init; }
    /// <summary>The istio-proxy container's image; null without a sidecar.</summary>
    public string? ProxyImage { get; init; }
    /// <summary>The tag of <see cref="ProxyImage"/> (e.g. 1.18.5); null when it has none.</summary>
    public string? ProxyVersion { get; init; }
    /// <summary>The revision the namespace's labels select now (tags resolved); null when nothing injects there.</summary>
    public string? NamespaceRevision { get; init; }
    /// <summary>The revision that would inject this pod if it were created now (pod labels count); null for none.</summary>
    public string? TargetRevision { get; init; }
    /// <summary>True when the running sidecar differs from what injection gives the pod now: it needs a restart.</summary>
    public bool OutOfDate { get; init; }
    /// <summary>The pod's Ready condition.</summary>
    public bool Ready { get; init; }
    public string? Phase { get; init; }
    /// <summary>The kubectl.kubernetes.io/restartedAt its template carried (which restart made it); null when never restarted.</summary>
    public string? RestartedAt { get; init; }

    /// <summary>"Kind/name" of the owning workload, or null.</summary>
    public string? Workload => WorkloadKind == null ? null : $"{WorkloadKind}/{WorkloadName}";

    /// <summary>The pod as the API served it.</summary>
    internal JsonObject Object { get; init; } = new();
}
