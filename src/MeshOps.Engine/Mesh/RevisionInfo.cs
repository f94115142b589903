namespace MeshOps.Engine.Mesh;

/// <summary>Who installed a control plane, as far as the cluster tells.</summary>
public enum Installer
{
    Unknown,
    MeshOps,
    Istioctl,
    Helm,
}

/// <summary>One control-plane revision found in the cluster (an istiod Deployment and what points at it).</summary>
public sealed record RevisionInfo
{
    /// <summary>The revision ("default" for the unnamed one).</summary>
    public required string Name { get; init; }
    public required string Namespace { get; init; }
    public required string IstioVersion { get; init; }
    /// <summary>The profile it was installed with, when a record or installed-state tells; else "".</summary>
    public required string Profile { get; init; }
    public required int Replicas { get; init; }
    public required int ReadyReplicas { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    /// <summary>Namespaces whose new pods this revision injects (by istio.io/rev, directly or through a tag).</summary>
    public required IReadOnlyList<string> Namespaces { get; init; }
    /// <summary>Pods whose sidecar this revision injected.</summary>
    public required int SidecarPods { get; init; }
    public required Installer Installer { get; init; }
    /// <summary>MeshOps' install record, when MeshOps installed it.</summary>
    public InstallRecord? Record { get; init; }

    public bool IsReady => Replicas > 0 && ReadyReplicas >= Replicas;
}
