using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A control-plane revision in a cluster (Get-MeshRevision; Install-MeshControlPlane -PassThru).</summary>
public sealed class MeshRevision : MeshClusterObject
{
    internal MeshRevision(RevisionInfo info)
    {
        Name = info.Name;
        Namespace = info.Namespace;
        IstioVersion = info.IstioVersion;
        Profile = info.Profile;
        Replicas = info.Replicas;
        ReadyReplicas = info.ReadyReplicas;
        Tags = info.Tags.ToArray();
        Namespaces = info.Namespaces.ToArray();
        SidecarPods = info.SidecarPods;
        Installer = info.Installer.ToString();
        InstalledAt = info.Record?.InstalledAt;
    }

    /// <summary>The revision, as istio.io/rev labels name it ("default" for the unnamed one).</summary>
    public string Name { get; }
    /// <summary>The control-plane namespace (where istiod runs).</summary>
    public string Namespace { get; }
    public string IstioVersion { get; }
    public string Profile { get; }
    public int Replicas { get; }
    public int ReadyReplicas { get; }
    /// <summary>True when every istiod replica is ready.</summary>
    public bool Ready => Replicas > 0 && ReadyReplicas >= Replicas;
    /// <summary>Revision tags pointing at it (istioctl tag set).</summary>
    public string[] Tags { get; }
    /// <summary>Namespaces whose new pods it injects.</summary>
    public string[] Namespaces { get; }
    /// <summary>Pods running a sidecar it injected.</summary>
    public int SidecarPods { get; }
    /// <summary>MeshOps, Istioctl, Helm or Unknown.</summary>
    public string Installer { get; }
    /// <summary>When MeshOps installed it; null for other installers.</summary>
    public DateTimeOffset? InstalledAt { get; }

    public override string ToString() => Name;
}
