using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// One Kubernetes object to apply, neutral of any client library: identity plus the full body as JSON.
/// Build it from a rendered YAML document parsed to Go values (<see cref="FromGoValues"/>) or from JSON text.
/// Immutable: the applier works on copies.
/// </summary>
public sealed class ManifestObject
{
    private readonly JsonObject body;

    private ManifestObject(JsonObject body, string source)
    {
        this.body = body;
        Source = source;
        ApiVersion = RequiredString(body, "apiVersion", source);
        Kind = RequiredString(body, "kind", source);
        var metadata = body["metadata"] as JsonObject
            ?? throw Invalid(source, "metadata", "has no 'metadata' map");
        Name = metadata["name"] is JsonValue n && n.TryGetValue<string>(out var name) && name.Length > 0
            ? name
            : throw Invalid(source, "metadata.name", "has no name (generateName is not supported for applied objects)");
        Namespace = metadata["namespace"] is JsonValue ns && ns.TryGetValue<string>(out var nsText) && nsText.Length > 0 ? nsText : null;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata["labels"] is JsonObject labelMap)
        {
            foreach (var (k, v) in labelMap)
                labels[k] = v is JsonValue lv && lv.TryGetValue<string>(out var s) ? s
                    : throw Invalid(source, "metadata.labels." + k, "has a label value that is not a string (quote it in the YAML)");
        }
        Labels = labels;
    }

    public string ApiVersion { get; }
    public string Kind { get; }
    public string Name { get; }

    /// <summary>The namespace the manifest names, or null (the applier then uses the request's namespace for namespaced kinds).</summary>
    public string? Namespace { get; }

    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>Where the object came from (file/document), used in error messages.</summary>
    public string Source { get; }

    /// <summary>API group: empty for the core group.</summary>
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>API version without the group.</summary>
    public string Version => ApiVersion.Contains('/') ? ApiVersion[(ApiVersion.IndexOf('/') + 1)..] : ApiVersion;

    /// <summary>"Kind namespace/name" or "Kind name" for messages.</summary>
    public string DisplayName => Namespace == null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>The body as JSON text (which is also valid YAML, as server-side apply needs).</summary>
    public string ToJson() => body.ToJsonString();

    /// <summary>A copy of the body to modify.</summary>
    internal JsonObject CloneBody() => (JsonObject)body.DeepClone();

    /// <summary>Builds an object from a YAML document parsed into Go values (a map[string]interface{}).</summary>
    /// <param name="document">The document's top-level map.</param>
    /// <param name="source">Where it came from, e.g. "istio-discovery/templates/deployment.yaml"; used in errors.</param>
    public static ManifestObject FromGoValues(IReadOnlyDictionary<string, object?> document, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var node = GoValueJson.ToNode(document, "") as JsonObject;
        return new ManifestObject(node!, source ?? "manifest");
    }

    /// <summary>Builds an object from JSON text.</summary>
    public static ManifestObject FromJson(string json, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MeshException("ManifestObjectInvalid", MeshErrorKind.InvalidData,
                $"{source ?? "manifest"}: not valid JSON ({e.Message}).", source, e);
        }
        return node is JsonObject obj
            ? new ManifestObject(obj, source ?? "manifest")
            : throw Invalid(source ?? "manifest", "", "is not a JSON object");
    }

    internal static ManifestObject FromNode(JsonObject node, string source) => new(node, source);

    private static string RequiredString(JsonObject obj, string field, string source) =>
        obj[field] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw Invalid(source, field, $"has no '{field}'");

    private static MeshException Invalid(string source, string field, string why) =>
        new("ManifestObjectInvalid", MeshErrorKind.InvalidData,
            $"{source}: the object {why}. Fix the manifest{(field.Length > 0 ? $" at '{field}'" : "")}.", source);
}
