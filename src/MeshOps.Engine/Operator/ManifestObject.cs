using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>One rendered Kubernetes object of a generated manifest.</summary>
public sealed class ManifestObject
{
    internal ManifestObject(string component, Dictionary<string, object?> value)
    {
        Component = component;
        Value = value;
    }

    /// <summary>The istioctl component that rendered it (Base, Pilot, IngressGateways, ...).</summary>
    public string Component { get; }

    /// <summary>The object as Go values (engine value model); sigs.k8s.io/yaml typing, numbers are double.</summary>
    public Dictionary<string, object?> Value { get; private set; }

    public string ApiVersion => Value.GetValueOrDefault("apiVersion") as string ?? "";
    public string Kind => Value.GetValueOrDefault("kind") as string ?? "";

    /// <summary>The API group ("" for the core group), as istioctl's object order uses it.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public string Name => Metadata?.GetValueOrDefault("name") as string ?? "";

    /// <summary>metadata.namespace, "" for cluster-scoped objects (and for objects that leave it to the client).</summary>
    public string Namespace => Metadata?.GetValueOrDefault("namespace") as string ?? "";

    private Dictionary<string, object?>? Metadata => Value.GetValueOrDefault("metadata") as Dictionary<string, object?>;

    /// <summary>"Kind:Namespace:Name", the key istioctl's tests select objects by.</summary>
    public string Key => Kind + ":" + Namespace + ":" + Name;

    /// <summary>The object as istioctl prints it (sigs.k8s.io/yaml, keys sorted).</summary>
    public string Yaml => GoYaml.Serialize(Value);

    internal void Replace(Dictionary<string, object?> value) => Value = value;

    public override string ToString() => Key;
}
