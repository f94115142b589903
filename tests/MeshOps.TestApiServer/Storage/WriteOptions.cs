namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>Options shared by write verbs: the field manager, dryRun=All and (for apply) force.</summary>
public sealed record WriteOptions(string Manager, bool DryRun = false, bool Force = false);

/// <summary>DeleteOptions: propagationPolicy Foreground/Background/Orphan, gracePeriodSeconds, preconditions.</summary>
public sealed record DeleteOptions(string? PropagationPolicy = null, long? GracePeriodSeconds = null, string? PreconditionUid = null,
    string? PreconditionResourceVersion = null, bool DryRun = false);

/// <summary>List options: selectors and paging.</summary>
public sealed record ListOptions(string? LabelSelector = null, string? FieldSelector = null, int? Limit = null, string? Continue = null);
