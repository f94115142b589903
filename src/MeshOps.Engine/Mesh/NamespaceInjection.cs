namespace MeshOps.Engine.Mesh;

/// <summary>A namespace as sidecar injection sees it: its labels, the revision that injects its new pods, and pods to restart.</summary>
public sealed record NamespaceInjection
{
    public required string Name { get; init; }
    /// <summary>The namespace's istio.io/rev label (a revision or a tag); null when absent.</summary>
    public string? RevisionLabel { get; init; }
    /// <summary>The namespace's istio-injection label; null when absent.</summary>
    public string? InjectionLabel { get; init; }
    /// <summary>The real revision whose webhook injects new pods here (tags resolved); null when nothing injects.</summary>
    public string? InjectedBy { get; init; }
    public int Pods { get; init; }
    /// <summary>Running pods whose sidecar does not match what the namespace injects now.</summary>
    public IReadOnlyList<PodRestart> PodsToRestart { get; init; } = Array.Empty<PodRestart>();
}

/// <summary>A pod that needs a restart to get (or drop, or change) its sidecar, and the controller that owns it.</summary>
public sealed record PodRestart
{
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    /// <summary>The revision that injected its sidecar; null when it has none.</summary>
    public string? CurrentRevision { get; init; }
    /// <summary>The revision that would inject it now; null when it would get no sidecar.</summary>
    public string? TargetRevision { get; init; }
    /// <summary>Kind of its direct controller (ReplicaSet, StatefulSet, DaemonSet, Job...); null for a bare pod.</summary>
    public string? OwnerKind { get; init; }
    public string? OwnerName { get; init; }
}
