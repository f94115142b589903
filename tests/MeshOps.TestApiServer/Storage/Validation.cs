using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Resources;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>The validation rules of the real server that the module can trip over, answered as 422 Invalid.</summary>
public static partial class Validation
{
    public static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var name = JsonTools.Name(obj);
        var errors = new List<(string, string, string)>();
        if (type.Group == "rbac.authorization.k8s.io")
        {
            if (name.Contains('/') || name.Contains('%') || name is "." or "..")
                errors.Add(("metadata.name", "Invalid", $"\"{name}\": may not contain '/' or '%'"));
        }
        else if (type.Kind is "Namespace" or "Service")
        {
            if (!DnsLabel().IsMatch(name) || name.Length > 63)
                errors.Add(("metadata.name", "Invalid", $"\"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        }
        else if (!DnsSubdomain().IsMatch(name) || name.Length > 253)
        {
            errors.Add(("metadata.name", "Invalid", $"\"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
        }

        if (type.Group == "apps" && type.Kind is "Deployment" or "DaemonSet" or "StatefulSet" or "ReplicaSet")
            Workload(obj, old, errors);
        if (type.Kind == "CustomResourceDefinition" && type.Group == "apiextensions.k8s.io")
            Crd(obj, errors);
        if (errors.Count > 0) throw ApiException.Invalid(type.Group, type.Kind, name, errors.ToArray());
    }

    static void Workload(JsonObject obj, JsonObject? old, List<(string, string, string)> errors)
    {
        var selector = JsonTools.At(obj, "spec", "selector") as JsonObject;
        if (selector == null || selector.Count == 0)
        {
            errors.Add(("spec.selector", "Required", ""));
            return;
        }
        var matchLabels = selector["matchLabels"] as JsonObject;
        var templateLabels = JsonTools.At(obj, "spec", "template", "metadata", "labels") as JsonObject;
        if (matchLabels != null && matchLabels.Any(kv => JsonTools.Str(templateLabels, kv.Key) != kv.Value?.ToString()))
            errors.Add(("spec.template.metadata.labels", "Invalid", $"{templateLabels?.ToJsonString(JsonTools.Compact) ?? "null"}: `selector` does not match template `labels`"));
        if (old != null && !JsonTools.DeepEquals(JsonTools.At(old, "spec", "selector"), selector))
            errors.Add(("spec.selector", "Invalid", $"{selector.ToJsonString(JsonTools.Compact)}: field is immutable"));
    }

    static void Crd(JsonObject obj, List<(string, string, string)> errors)
    {
        var group = JsonTools.Str(obj, "spec", "group") ?? "";
        var plural = JsonTools.Str(obj, "spec", "names", "plural") ?? "";
        var kind = JsonTools.Str(obj, "spec", "names", "kind") ?? "";
        if (group.Length == 0) errors.Add(("spec.group", "Required", ""));
        if (plural.Length == 0) errors.Add(("spec.names.plural", "Required", ""));
        if (kind.Length == 0) errors.Add(("spec.names.kind", "Required", ""));
        if (JsonTools.Str(obj, "spec", "scope") is not ("Namespaced" or "Cluster"))
            errors.Add(("spec.scope", "NotSupported", $"\"{JsonTools.Str(obj, "spec", "scope")}\": supported values: \"Cluster\", \"Namespaced\""));
        if (JsonTools.At(obj, "spec", "versions") is not JsonArray { Count: > 0 })
            errors.Add(("spec.versions", "Invalid", "must have exactly one version marked as storage version"));
        var name = JsonTools.Name(obj);
        if (group.Length > 0 && plural.Length > 0 && name != plural + "." + group)
            errors.Add(("metadata.name", "Invalid", $"\"{name}\": must be spec.names.plural+\".\"+spec.group"));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
