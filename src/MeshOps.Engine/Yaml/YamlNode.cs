namespace MeshOps.Engine.Yaml;

/// <summary>A node of a parsed YAML document, as go-yaml v2's parser builds them before decoding.</summary>
internal sealed class YamlNode
{
    public YamlNodeKind Kind;
    /// <summary>The explicit tag ("" when none), long form for "!!x" tags.</summary>
    public string Tag = "";
    /// <summary>Scalar text, or the anchor name for an alias.</summary>
    public string Value = "";
    /// <summary>libyaml's plain_implicit: a plain scalar without tag, or a scalar tagged "!".</summary>
    public bool Implicit;
    public int Line;
    public int Column;
    public List<YamlNode>? Children;
    /// <summary>For an alias: the anchored node.</summary>
    public YamlNode? Target;
}

internal enum YamlNodeKind
{
    Scalar,
    Mapping,
    Sequence,
    Alias,
}
