namespace MeshOps.Engine.Yaml;

/// <summary>
/// YAML as Helm and istioctl see it: reading resolves scalars like go-yaml v2 (YAML 1.1) and converts as
/// sigs.k8s.io/yaml does; writing prints exactly what sigs.k8s.io/yaml.Marshal (Helm's toYaml) prints.
/// </summary>
public static class GoYaml
{
    /// <summary>
    /// The first document of <paramref name="text"/> (as sigs.k8s.io/yaml.Unmarshal reads it); null for empty text.
    /// Throws <see cref="YamlParseException"/> on bad YAML or duplicate keys.
    /// </summary>
    public static object? Parse(string text, YamlReadOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>Every document of a stream split on <c>---</c>; documents with no content are omitted.</summary>
    public static IReadOnlyList<YamlDocument> ParseDocuments(string text, YamlReadOptions? options = null) =>
        throw new NotImplementedException();

    /// <summary>
    /// What sigs.k8s.io/yaml.Marshal prints for a value of the engine's value model (Helm's toYaml, with a
    /// trailing newline). Throws MeshException "YamlUnsupportedValue" for other CLR types.
    /// </summary>
    public static string Serialize(object? value) =>
        throw new NotImplementedException();
}
