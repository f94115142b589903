namespace MeshOps.Engine.Mesh;

/// <summary>What Move-MeshWorkload asks for.</summary>
public sealed record WorkloadMoveRequest
{
    /// <summary>The revision or tag the workloads run now.</summary>
    public required string From { get; init; }
    /// <summary>The revision or tag they move to.</summary>
    public required string To { get; init; }
    /// <summary>The namespaces to move; null for every namespace <see cref="From"/> selects (and those a move left half done).</summary>
    public IReadOnlyList<string>? Namespaces { get; init; }
    /// <summary>Move this revision tag from From's revision to To's instead of relabelling namespaces (the stable-tag flow).</summary>
    public string? Tag { get; init; }
    /// <summary>Namespaces per batch: a namespace moves whole, because the label that picks its injector is per namespace.</summary>
    public int BatchSize { get; init; } = 1;
    /// <summary>At most this many writes (labels, restarts) in flight at once.</summary>
    public int MaxParallel { get; init; } = InjectionLabeler.DefaultParallelism;
    /// <summary>How long each batch's health gate may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>
    /// Longest interval between the gate's polls (they start at 100 ms and double). Each poll costs two or three lists
    /// whatever the batch's size, so a short cap keeps batches moving without many requests.
    /// </summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>How a namespace fared.</summary>
public enum WorkloadMoveOutcome
{
    /// <summary>Relabelled (or its tag moved) and every workload restarted onto the new revision, gate passed.</summary>
    Moved,
    /// <summary>Nothing done: already on the new revision, not approved, or not started because an earlier batch failed.</summary>
    Skipped,
    /// <summary>Its batch failed the health gate; its labels (or the tag) and workloads went back to the old revision.</summary>
    RolledBack,
    /// <summary>A write failed, or going back failed too: look at it by hand.</summary>
    Failed,
}

/// <summary>A workload to restart (or only to check) in a move.</summary>
public sealed record MoveWorkload(string Kind, string Namespace, string Name)
{
    /// <summary>Pods not yet on the new revision (the reason it restarts); 0 for a workload only checked.</summary>
    public int PodsToMove { get; init; }
    /// <summary>True when every pod is already on the new revision: only the gate checks it (a resumed move).</summary>
    public bool CheckOnly { get; init; }
    /// <summary>The latest kubectl.kubernetes.io/restartedAt its pods carry; a new restart must stamp a later one.</summary>
    public string? RestartedAt { get; init; }
    public string DisplayName => $"{Kind}/{Name} in {Namespace}";
}

/// <summary>One namespace's part of a move plan.</summary>
public sealed record NamespaceMovePlan
{
    public required string Namespace { get; init; }
    /// <summary>The label change that makes it select the new revision; null in the tag flow or when it already does.</summary>
    public InjectionLabelChange? Relabel { get; init; }
    /// <summary>Its labels before the move (istio.io/rev and istio-injection), restored on rollback.</summary>
    public IReadOnlyDictionary<string, string> PreviousLabels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<MoveWorkload> Workloads { get; init; } = Array.Empty<MoveWorkload>();
    /// <summary>Pods of the old revision that no workload owns: listed, never deleted; they keep the old sidecar.</summary>
    public IReadOnlyList<string> UnownedPods { get; init; } = Array.Empty<string>();
    /// <summary>1-based batch number; 0 when nothing is to be done (skipped).</summary>
    public int Batch { get; init; }
    /// <summary>Why nothing is to be done, for skipped namespaces.</summary>
    public string? SkipReason { get; init; }
}

/// <summary>The whole move, in order: every namespace with its batch, workloads and label change.</summary>
public sealed record WorkloadMovePlan
{
    public required WorkloadMoveRequest Request { get; init; }
    /// <summary>From and To as revisions (tags resolved).</summary>
    public required string FromRevision { get; init; }
    public required string ToRevision { get; init; }
    /// <summary>In the tag flow: whether the tag still has to be moved (false when a resumed move already did).</summary>
    public bool MoveTag { get; init; }
    public required IReadOnlyList<NamespaceMovePlan> Namespaces { get; init; }
    /// <summary>Namespaces asked for that do not exist.</summary>
    public IReadOnlyList<string> MissingNamespaces { get; init; } = Array.Empty<string>();
    public int BatchCount => Namespaces.Count == 0 ? 0 : Namespaces.Max(n => n.Batch);

    /// <summary>The plan keeping only the namespaces approved (e.g. by ShouldProcess), batches renumbered.</summary>
    public WorkloadMovePlan Only(ISet<string> approved)
    {
        var kept = Namespaces.Where(n => n.Batch == 0 || approved.Contains(n.Namespace)).ToList();
        var moving = kept.Where(n => n.Batch > 0).ToList();
        var renumbered = kept.Select(n => n.Batch == 0 ? n : n with { Batch = moving.IndexOf(n) / Math.Max(1, Request.BatchSize) + 1 }).ToList();
        return this with { Namespaces = renumbered };
    }
}

/// <summary>The result for one namespace, in plan order.</summary>
public sealed record NamespaceMoveResult
{
    public required string Namespace { get; init; }
    public required WorkloadMoveOutcome Outcome { get; init; }
    public required string From { get; init; }
    public required string To { get; init; }
    public int Batch { get; init; }
    /// <summary>Workloads restarted ("Kind/name").</summary>
    public IReadOnlyList<string> Workloads { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> UnownedPods { get; init; } = Array.Empty<string>();
    /// <summary>Why it was skipped, rolled back or failed.</summary>
    public string? Message { get; init; }
}
