using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A pod whose sidecar is from another revision (or missing, or unwanted) until it restarts.</summary>
public sealed class MeshPodRestart : MeshClusterObject
{
    internal MeshPodRestart(PodRestart pod)
    {
        Namespace = pod.Namespace;
        Name = pod.Name;
        CurrentRevision = pod.CurrentRevision;
        TargetRevision = pod.TargetRevision;
        OwnerKind = pod.OwnerKind;
        OwnerName = pod.OwnerName;
    }

    public string Namespace { get; }
    public string Name { get; }
    /// <summary>The revision of its sidecar; null when it has none.</summary>
    public string? CurrentRevision { get; }
    /// <summary>The revision that would inject it now; null when it would get no sidecar.</summary>
    public string? TargetRevision { get; }
    /// <summary>Its controller's kind (ReplicaSet, StatefulSet, DaemonSet, Job); null for a bare pod.</summary>
    public string? OwnerKind { get; }
    public string? OwnerName { get; }

    public override string ToString() => Namespace + "/" + Name;
}
