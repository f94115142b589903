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

    /// <summary>
    /// Reject a key repeated in one mapping (<c>mapping key "x" already defined at line N</c>). Off by default because
    /// Helm and istioctl read through go-yaml v2's non-strict Unmarshal, where the last value silently wins.
    /// </summary>
    public bool RejectDuplicateKeys { get; set; }
}
