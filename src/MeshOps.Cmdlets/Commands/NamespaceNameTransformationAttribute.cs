using System.Collections;
using System.Management.Automation;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Turns what people pipe as namespaces into names: strings, MeshNamespace objects, the namespace of MeshWorkload,
/// MeshPodRestart and MeshWorkloadMove objects, KubernetesClient V1Namespace objects (.Metadata.Name), kubectl JSON
/// (metadata.name) and anything else with a Name property.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class NamespaceNameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = Unwrap(inputData);
        if (value is string or null) return inputData;
        if (NotFromClusterInfoAttribute.IsClusterInfo(value)) return NotFromClusterInfoAttribute.Marker; // binds only -Context
        if (value is IEnumerable items && value is not IDictionary)
        {
            var names = new List<string>();
            foreach (var item in items) names.Add(NameOf(item));
            return names.ToArray();
        }
        // Left as it is: a revision names no namespace (its Name is the revision's), so binding moves on to a
        // parameter that takes revisions (Get-MeshNamespace -InputObject).
        if (value is MeshRevision) return inputData;
        return NameOf(inputData);
    }

    private static object? Unwrap(object? input) => input is PSObject ps ? ps.BaseObject : input;

    private static string NameOf(object? input)
    {
        var value = Unwrap(input);
        switch (value)
        {
            case string text: return text;
            case MeshNamespace ns: return ns.Name;
            // Objects that live in a namespace stand for it: their Name is a pod's or a workload's, not the namespace's.
            case MeshWorkload workload: return workload.Namespace;
            case MeshPodRestart pod: return pod.Namespace;
            case MeshWorkloadMove move: return move.Namespace;
            case IDictionary map:
                if (Lookup(map, "metadata") is { } meta && NameIn(meta) is { } fromMeta) return fromMeta;
                if (Lookup(map, "name") is { } direct) return direct.ToString()!;
                break;
            case null: break;
            default:
                if (NameIn(input) is { } name) return name;
                break;
        }
        throw new ArgumentTransformationMetadataException(
            $"Cannot take a namespace name from a {value?.GetType().Name ?? "null"}: give a string, a MeshNamespace, or an object with metadata.name or Name.");
    }

    // metadata.name first (Kubernetes objects), then Name (MeshNamespace-like and V1ObjectMeta-like objects).
    private static string? NameIn(object? input)
    {
        var value = Unwrap(input);
        if (value is IDictionary map)
            return Lookup(map, "metadata") is { } meta ? NameIn(meta) : Lookup(map, "name")?.ToString();
        var ps = input as PSObject ?? (value == null ? null : PSObject.AsPSObject(value));
        if (ps == null) return null;
        var metadata = ps.Properties["metadata"]?.Value;
        if (metadata != null && NameIn(metadata) is { } inner) return inner;
        return ps.Properties["name"]?.Value is { } name && Unwrap(name) is string s && s.Length > 0 ? s : null;
    }

    private static object? Lookup(IDictionary map, string key)
    {
        foreach (DictionaryEntry entry in map)
            if (string.Equals(entry.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase)) return Unwrap(entry.Value);
        return null;
    }
}
