using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>
/// A parsed Kubernetes object shared by several renders (a crds/ file's object, or a template output seen before) and
/// its serialised YAML, computed once on first use. Nobody may change <see cref="Value"/>: <see cref="ManifestObject"/>
/// hands out a private copy on the first read of its own Value.
/// </summary>
internal sealed class SharedDocument
{
    private readonly Lazy<string> _yaml;

    public SharedDocument(Dictionary<string, object?> value)
    {
        Value = value;
        _yaml = new Lazy<string>(() => GoYaml.Serialize(value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Dictionary<string, object?> Value { get; }

    public string Yaml => _yaml.Value;
}
