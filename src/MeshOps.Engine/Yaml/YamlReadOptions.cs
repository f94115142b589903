namespace MeshOps.Engine.Yaml;

/// <summary>How <see cref="GoYaml"/> reads YAML text.</summary>
public sealed class YamlReadOptions
{
    /// <summary>File name (or other label) put in front of error messages; "&lt;input&gt;" when null.</summary>
    public string? SourceName { get; set; }

    /// <summary>How number-like scalars are typed; <see cref="YamlNumberMode.Json"/> (sigs.k8s.io/yaml) by default.</summary>
    public YamlNumberMode NumberMode { get; set; } = YamlNumberMode.Json;

    /// <summary>Record the line and column of every node so that <see cref="YamlDocument.TryGetPosition"/> can answer.</summary>
    public bool TrackPositions { get; set; }
}
