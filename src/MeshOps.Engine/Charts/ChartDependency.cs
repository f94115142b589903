namespace MeshOps.Engine.Charts;

/// <summary>A <c>dependencies:</c> entry of Chart.yaml (or requirements.yaml for apiVersion v1).</summary>
public sealed class ChartDependency
{
    /// <summary>Name of the subchart; must match the subchart's own Chart.yaml name.</summary>
    public string Name { get; init; } = "";
    /// <summary>SemVer range the subchart's version must satisfy.</summary>
    public string Version { get; init; } = "";
    public string Repository { get; init; } = "";
    /// <summary>Comma-separated value paths; the first that resolves to a bool enables or disables the subchart.</summary>
    public string Condition { get; init; } = "";
    /// <summary>Tags under <c>.Values.tags</c> that enable or disable the subchart.</summary>
    public IReadOnlyList<string> Tags { get; init; } = Array.Empty<string>();
    /// <summary>Chart.yaml's <c>enabled</c> (Helm overwrites it while processing dependencies).</summary>
    public bool Enabled { get; init; }
    /// <summary>Each item a string (exports.NAME) or a map with child and parent.</summary>
    public IReadOnlyList<object?> ImportValues { get; init; } = Array.Empty<object?>();
    /// <summary>Name under which the subchart is rendered and receives values.</summary>
    public string Alias { get; init; } = "";

    internal ChartDependency With(string? name = null, bool? enabled = null, IReadOnlyList<object?>? importValues = null) => new()
    {
        Name = name ?? Name,
        Version = Version,
        Repository = Repository,
        Condition = Condition,
        Tags = Tags,
        Enabled = enabled ?? Enabled,
        ImportValues = importValues ?? ImportValues,
        Alias = Alias,
    };
}
