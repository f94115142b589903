namespace MeshOps;

/// <summary>
/// One rendered Kubernetes object, as -AsObject returns it: its head fields to filter and group on, and its YAML text
/// exactly as the cmdlet's text output prints it (without the "---" lines).
/// </summary>
public abstract class MeshManifestDocument
{
    private protected MeshManifestDocument(string apiVersion, string kind, string @namespace, string name, string yaml)
    {
        ApiVersion = apiVersion;
        Kind = kind;
        Namespace = @namespace;
        Name = name;
        Yaml = yaml;
    }

    /// <summary>apiVersion of the object (apps/v1).</summary>
    public string ApiVersion { get; }

    /// <summary>kind of the object (Deployment).</summary>
    public string Kind { get; }

    /// <summary>metadata.namespace; empty for cluster-scoped objects and for objects the chart leaves to the release namespace.</summary>
    public string Namespace { get; }

    /// <summary>metadata.name.</summary>
    public string Name { get; }

    /// <summary>The document's text as the text output has it; ends with a newline.</summary>
    public string Yaml { get; }

    public override string ToString() => Namespace.Length > 0 ? $"{Kind}/{Namespace}/{Name}" : $"{Kind}/{Name}";
}
