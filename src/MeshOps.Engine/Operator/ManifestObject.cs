using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Operator;

/// <summary>One rendered Kubernetes object of a generated manifest.</summary>
public sealed class ManifestObject
{
    private readonly object _gate = new();
    private Dictionary<string, object?> _value;
    // Set while _value is a cached document shared with other renders (ChartDocumentCache, RenderedDocumentCache):
    // Yaml is then the document's serialised text, and the first read of Value swaps in a private copy, so callers may
    // change what they get and the cached document never changes.
    private SharedDocument? _shared;

    internal ManifestObject(string component, Dictionary<string, object?> value)
    {
        Component = component;
        _value = value;
    }

    /// <summary>An object over a cached, never changed document.</summary>
    internal ManifestObject(string component, SharedDocument shared)
    {
        Component = component;
        _value = shared.Value;
        _shared = shared;
    }

    /// <summary>The istioctl component that rendered it (Base, Pilot, IngressGateways, ...).</summary>
    public string Component { get; }

    /// <summary>The object as Go values (engine value model); sigs.k8s.io/yaml typing, numbers are double.</summary>
    public Dictionary<string, object?> Value
    {
        get
        {
            if (_shared == null) return _value;
            lock (_gate)
            {
                if (_shared != null)
                {
                    _value = Charts.ValueTables.DeepCopyMap(_value);
                    _shared = null;
                }
                return _value;
            }
        }
    }

    public string ApiVersion => _value.GetValueOrDefault("apiVersion") as string ?? "";
    public string Kind => _value.GetValueOrDefault("kind") as string ?? "";

    /// <summary>The API group ("" for the core group), as istioctl's object order uses it.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public string Name => Metadata?.GetValueOrDefault("name") as string ?? "";

    /// <summary>metadata.namespace, "" for cluster-scoped objects (and for objects that leave it to the client).</summary>
    public string Namespace => Metadata?.GetValueOrDefault("namespace") as string ?? "";

    // Read-only accessors read the current value without taking a private copy of a shared one.
    private Dictionary<string, object?>? Metadata => _value.GetValueOrDefault("metadata") as Dictionary<string, object?>;

    /// <summary>"Kind:Namespace:Name", the key istioctl's tests select objects by.</summary>
    public string Key => Kind + ":" + Namespace + ":" + Name;

    /// <summary>The object as istioctl prints it (sigs.k8s.io/yaml, keys sorted).</summary>
    public string Yaml
    {
        get
        {
            SharedDocument? shared;
            lock (_gate) shared = _shared;
            return shared != null ? shared.Yaml : GoYaml.Serialize(_value);
        }
    }

    internal void Replace(Dictionary<string, object?> value)
    {
        lock (_gate)
        {
            _value = value;
            _shared = null;
        }
    }

    public override string ToString() => Key;
}
