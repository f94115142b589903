using MeshOps.Engine.Kube;

namespace MeshOps;

/// <summary>What an install or uninstall did (or would do) to one object.</summary>
public sealed class MeshApplyOutcome : MeshClusterObject
{
    internal MeshApplyOutcome(ObjectOutcome outcome)
    {
        Action = outcome.Action.ToString();
        Component = outcome.Component;
        Kind = outcome.Kind;
        Namespace = outcome.Namespace;
        Name = outcome.Name;
        ChangedFields = outcome.ChangedFields.ToArray();
    }

    /// <summary>Create, Update, Unchanged or Prune.</summary>
    public string Action { get; }
    public string Component { get; }
    public string Kind { get; }
    public string? Namespace { get; }
    public string Name { get; }
    /// <summary>For Update: the field paths that change.</summary>
    public string[] ChangedFields { get; }

    public override string ToString() => $"{Action} {Kind} {(Namespace == null ? Name : Namespace + "/" + Name)}";
}
