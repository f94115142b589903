namespace MeshOps.Engine.Kube;

/// <summary>What happened (or, for a dry run, would happen) to one object.</summary>
public enum ApplyAction
{
    Create,
    Update,
    Unchanged,
    Prune,
}

/// <summary>One object's outcome. <see cref="ChangedFields"/> lists paths for <see cref="ApplyAction.Update"/>.</summary>
public sealed record ObjectOutcome(
    string Component,
    string ApiVersion,
    string Kind,
    string? Namespace,
    string Name,
    ApplyAction Action,
    IReadOnlyList<string> ChangedFields,
    IReadOnlyList<string> TakenOverFrom)
{
    public string DisplayName => Namespace == null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    public override string ToString() =>
        $"{Action} {DisplayName}{(ChangedFields.Count > 0 ? " (" + string.Join(", ", ChangedFields) + ")" : "")}";
}

/// <summary>The outcome of an apply or a plan.</summary>
public sealed record ApplyResult(bool DryRun, IReadOnlyList<ObjectOutcome> Objects)
{
    public int Created => Objects.Count(o => o.Action == ApplyAction.Create);
    public int Updated => Objects.Count(o => o.Action == ApplyAction.Update);
    public int Unchanged => Objects.Count(o => o.Action == ApplyAction.Unchanged);
    public int Pruned => Objects.Count(o => o.Action == ApplyAction.Prune);

    /// <summary>
    /// What the revision now has in the cluster as far as this run knows: every object of the manifest, plus the
    /// shared objects it no longer renders that prune kept for another revision. The install record keeps it
    /// (<see cref="ApplyRequest.PruneInventory"/> of the next install).
    /// </summary>
    public IReadOnlyList<InventoryEntry> Inventory { get; init; } = [];
}
