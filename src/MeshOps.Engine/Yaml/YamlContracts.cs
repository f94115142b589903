namespace MeshOps.Engine.Yaml;

/// <summary>How YAML scalars that look like numbers are typed.</summary>
public enum YamlNumberMode
{
    /// <summary>As sigs.k8s.io/yaml does (Helm's values files, fromYaml): every number becomes float64 (double).</summary>
    Json,

    /// <summary>As go-yaml v2 into interface{} does: int, int64 when large, float64 for floats.</summary>
    Native,
}

/// <summary>
/// A Go struct as encoding/json marshals it: its exported fields by JSON name, in declaration order. json.Marshal
/// (and so toJson and toYaml) writes such a value as an object.
/// </summary>
public interface IGoJsonStruct
{
    IReadOnlyList<KeyValuePair<string, object?>> JsonFields { get; }
}

/// <summary>A value with its own JSON form, as a Go type implementing json.Marshaler: json.Marshal writes <see cref="JsonValue"/>.</summary>
public interface IGoJsonMarshaler
{
    object? JsonValue { get; }
}
