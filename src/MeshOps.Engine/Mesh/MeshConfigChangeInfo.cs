namespace MeshOps.Engine.Mesh;

/// <summary>One mesh setting Set-MeshConfig was asked to change, and what the change does.</summary>
public sealed record MeshConfigChangeInfo
{
    public required string Revision { get; init; }
    /// <summary>The dotted path under meshConfig (escaped as <see cref="MeshConfigPaths"/> does).</summary>
    public required string Path { get; init; }
    /// <summary>The live value before the change (null when unset).</summary>
    public object? OldValue { get; init; }
    public object? NewValue { get; init; }
    /// <summary>False when the live value already equals the new one: nothing is written for it.</summary>
    public required bool Changed { get; init; }
    public required MeshConfigTakesEffect TakesEffect { get; init; }
    /// <summary>What else to know about when it takes effect ("" when nothing).</summary>
    public required string Note { get; init; }
    /// <summary>Pods (namespace/name) injected by the revision that carry the old value, sorted.</summary>
    public required IReadOnlyList<string> AffectedPods { get; init; }
}

/// <summary>What <see cref="MeshConfigEditor.SetAsync"/> changes.</summary>
public sealed record MeshConfigUpdate
{
    /// <summary>A revision or tag name.</summary>
    public required string Revision { get; init; }
    /// <summary>Dotted paths under meshConfig with their new values, in the order given (a later one wins); null removes.</summary>
    public required IReadOnlyList<KeyValuePair<string, object?>> Settings { get; init; }
    /// <summary>Compute and report only; write nothing.</summary>
    public bool DryRun { get; init; }
    /// <summary>Restart the Deployments, StatefulSets and DaemonSets owning affected pods.</summary>
    public bool RestartWorkloads { get; init; }
}

/// <summary>What <see cref="MeshConfigEditor.SetAsync"/> did.</summary>
public sealed record MeshConfigUpdateResult
{
    public required string Revision { get; init; }
    public required string Namespace { get; init; }
    public required IReadOnlyList<MeshConfigChangeInfo> Changes { get; init; }
    /// <summary>True when MeshOps' install record was updated (false for revisions MeshOps did not install, and for dry runs).</summary>
    public required bool RecordUpdated { get; init; }
    /// <summary>Workloads restarted, as "Kind namespace/name".</summary>
    public required IReadOnlyList<string> RestartedWorkloads { get; init; }
    /// <summary>
    /// What the user should know about the settings (a field the revision's release passes on unchecked; a revision
    /// whose release could not be told, checked with the newest rules). The same on a dry run as on the real one.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
