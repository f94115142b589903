namespace MeshOps.Engine.Mesh;

/// <summary>Which description of a revision's mesh config disagrees with the live ConfigMap.</summary>
public enum DriftSource
{
    /// <summary>istioctl's installed-state IstioOperator (spec.meshConfig, fully merged).</summary>
    InstalledState,
    /// <summary>MeshOps' install record (the user's IstioOperator with Set-MeshConfig changes).</summary>
    InstallRecord,
}

/// <summary>One setting where a source and the live mesh config disagree.</summary>
public sealed record MeshConfigDriftInfo
{
    public required string Revision { get; init; }
    /// <summary>The dotted path under meshConfig.</summary>
    public required string Path { get; init; }
    public required DriftSource Source { get; init; }
    /// <summary>The source object, "namespace/name".</summary>
    public required string SourceName { get; init; }
    public object? SourceValue { get; init; }
    /// <summary>The live value; null with <see cref="LiveSet"/> false when the live config does not set it.</summary>
    public object? LiveValue { get; init; }
    public required bool LiveSet { get; init; }
    /// <summary>What it means and what to do.</summary>
    public required string Message { get; init; }
}

/// <summary>A revision's live mesh config and where its descriptions disagree with it.</summary>
public sealed record MeshConfigStatusInfo
{
    public required string Revision { get; init; }
    public required string Namespace { get; init; }
    public required string ConfigMapName { get; init; }
    public required Dictionary<string, object?> Mesh { get; init; }
    public required string Yaml { get; init; }
    public required Installer Installer { get; init; }
    /// <summary>"namespace/name" of the installed-state IstioOperator, or null.</summary>
    public string? InstalledState { get; init; }
    /// <summary>"namespace/name" of MeshOps' install record, or null.</summary>
    public string? InstallRecord { get; init; }
    public required IReadOnlyList<MeshConfigDriftInfo> Drift { get; init; }
    /// <summary>Dotted paths under meshConfig the user chose (see <see cref="MeshConfigChoices.ChangedSettings"/>), sorted.</summary>
    public required IReadOnlyList<string> ChangedSettings { get; init; }
}
