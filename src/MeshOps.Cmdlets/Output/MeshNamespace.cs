using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>A namespace and its sidecar injection (Get-MeshNamespace; Enable-/Disable-MeshInjection -PassThru).</summary>
public sealed class MeshNamespace : MeshClusterObject
{
    internal MeshNamespace(NamespaceInjection info)
    {
        Name = info.Name;
        RevisionLabel = info.RevisionLabel;
        InjectionLabel = info.InjectionLabel;
        InjectedBy = info.InjectedBy;
        Pods = info.Pods;
        PodsToRestart = info.PodsToRestart.Select(p => new MeshPodRestart(p)).ToArray();
    }

    public string Name { get; }
    /// <summary>The istio.io/rev label: a revision or a tag; null when absent.</summary>
    public string? RevisionLabel { get; }
    /// <summary>The istio-injection label (enabled/disabled); it wins over istio.io/rev.</summary>
    public string? InjectionLabel { get; }
    /// <summary>The revision that injects new pods here, tags resolved; null when none does.</summary>
    public string? InjectedBy { get; }
    /// <summary>Pods in the namespace.</summary>
    public int Pods { get; }
    /// <summary>Pods whose sidecar does not match <see cref="InjectedBy"/> until they restart.</summary>
    public MeshPodRestart[] PodsToRestart { get; }

    private protected override IEnumerable<MeshClusterObject> Parts => PodsToRestart;
    public int RestartCount => PodsToRestart.Length;

    public override string ToString() => Name;
}
