using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A pod and its workload as a revision move sees them (Get-MeshWorkload).</summary>
public sealed class MeshWorkload : MeshClusterObject
{
    internal MeshWorkload(WorkloadPod pod)
    {
        Namespace = pod.Namespace;
        Pod = pod.Name;
        Kind = pod.WorkloadKind;
        Name = pod.WorkloadName;
        OwnerKind = pod.OwnerKind;
        OwnerName = pod.OwnerName;
        Revision = pod.InjectedRevision;
        ProxyImage = pod.ProxyImage;
        ProxyVersion = pod.ProxyVersion;
        NamespaceRevision = pod.NamespaceRevision;
        TargetRevision = pod.TargetRevision;
        OutOfDate = pod.OutOfDate;
        Ready = pod.Ready;
        Phase = pod.Phase;
    }

    public string Namespace { get; }
    public string Pod { get; }
    /// <summary>Deployment, StatefulSet or DaemonSet owning the pod; null when none does (bare pod, Job): a move cannot restart it.</summary>
    public string? Kind { get; }
    /// <summary>The owning workload's name; null when none.</summary>
    public string? Name { get; }
    /// <summary>"Kind/Name", or null.</summary>
    public string? Workload => Kind == null ? null : $"{Kind}/{Name}";
    /// <summary>The pod's direct controller (ReplicaSet, StatefulSet, DaemonSet, Job); null for a bare pod.</summary>
    public string? OwnerKind { get; }
    public string? OwnerName { get; }
    /// <summary>The revision that injected its sidecar (from sidecar.istio.io/status; never a tag); null without a sidecar.</summary>
    public string? Revision { get; }
    public string? ProxyImage { get; }
    /// <summary>The proxy image's tag, e.g. 1.18.5.</summary>
    public string? ProxyVersion { get; }
    /// <summary>The revision the namespace selects now (tags resolved); null when nothing injects it.</summary>
    public string? NamespaceRevision { get; }
    /// <summary>The revision that would inject this pod if it were created now.</summary>
    public string? TargetRevision { get; }
    /// <summary>True when the pod needs a restart to get the sidecar its namespace selects now.</summary>
    public bool OutOfDate { get; }
    public bool Ready { get; }
    public string? Phase { get; }

    public override string ToString() => Namespace + "/" + Pod;
}
