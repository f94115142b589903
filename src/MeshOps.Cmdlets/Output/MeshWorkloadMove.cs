using MeshOps.Engine.Mesh;

namespace MeshOps;

/// <summary>What Move-MeshWorkload did to one namespace (or, with -WhatIf, would do).</summary>
public sealed class MeshWorkloadMove : MeshClusterObject
{
    internal MeshWorkloadMove(NamespaceMoveResult result)
    {
        Namespace = result.Namespace;
        Outcome = result.Outcome.ToString();
        From = result.From;
        To = result.To;
        Batch = result.Batch;
        Workloads = result.Workloads.ToArray();
        UnownedPods = result.UnownedPods.ToArray();
        Message = result.Message;
    }

    public string Namespace { get; }
    /// <summary>Moved, Skipped, RolledBack or Failed.</summary>
    public string Outcome { get; }
    /// <summary>The revision the namespace's workloads moved from (tags resolved).</summary>
    public string From { get; }
    public string To { get; }
    /// <summary>The batch it moved in; 0 when skipped before any batch.</summary>
    public int Batch { get; }
    /// <summary>Workloads restarted ("Kind/name").</summary>
    public string[] Workloads { get; }
    /// <summary>Pods no workload owns, left on the old revision (never deleted).</summary>
    public string[] UnownedPods { get; }
    /// <summary>Why it was skipped, rolled back or failed.</summary>
    public string? Message { get; }

    /// <summary>The namespace name, so results pipe into cmdlets that take namespaces (e.g. Get-MeshWorkload).</summary>
    public string Name => Namespace;

    public override string ToString() => Namespace;
}
