using MeshOps.Engine.Kube;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Mesh;

/// <summary>What <see cref="ControlPlaneInstaller.InstallAsync"/> installs, where, and how carefully.</summary>
public sealed record InstallRequest
{
    /// <summary>The IstioOperator input, exactly as for Export-MeshManifest.</summary>
    public required GenerateRequest Manifest { get; init; }

    /// <summary>Plan only (-WhatIf): server-side dry runs, nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>Take over fields that a manager other than istioctl or Helm owns.</summary>
    public bool Force { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    public bool SkipWait { get; init; }
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>MeshOps' own version, written into the install record.</summary>
    public string MeshOpsVersion { get; init; } = typeof(InstallRequest).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}

/// <summary>What an install did (or, for a dry run, would do).</summary>
public sealed record InstallResult
{
    public required GeneratedManifest Manifest { get; init; }
    public required ApplyResult Apply { get; init; }
    /// <summary>The record written (null for a dry run).</summary>
    public InstallRecord? Record { get; init; }
    /// <summary>Mesh config settings that Set-MeshConfig changed and this install reverts.</summary>
    public required IReadOnlyList<string> RevertedSettings { get; init; }
    /// <summary>Lines like istioctl's: "Istio core installed", "Istiod installed".</summary>
    public required IReadOnlyList<string> Summary { get; init; }
    /// <summary>What the automatic default tag wrote (istioctl's first-install behaviour), or null when nothing.</summary>
    public RevisionTagPlan? DefaultTag { get; init; }
    /// <summary>For a dry run: the install would make revision tag "default" point at this revision.</summary>
    public bool DefaultTagPlanned { get; init; }
}
