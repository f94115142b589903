using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>
/// meta.k8s.io/v1 PartialObjectMetadata and PartialObjectMetadataList: objects cut down to their metadata, which the
/// API server sends when the Accept header asks for them (e.g. "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1").
/// </summary>
public static class PartialMetadata
{
    public const string ListMediaType = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1";
    public const string ObjectMediaType = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1";

    public static bool WantsList(string accept) => accept.Contains("as=PartialObjectMetadataList", StringComparison.Ordinal);

    public static bool WantsObject(string accept) =>
        accept.Replace("as=PartialObjectMetadataList", "", StringComparison.Ordinal).Contains("as=PartialObjectMetadata", StringComparison.Ordinal);

    public static JsonObject Object(JsonObject obj) => new()
    {
        ["kind"] = "PartialObjectMetadata",
        ["apiVersion"] = "meta.k8s.io/v1",
        ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
    };

    public static JsonObject List(JsonObject list)
    {
        var items = new JsonArray();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>()) items.Add(Object(item));
        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadataList",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = list["metadata"]?.DeepClone() ?? new JsonObject(),
            ["items"] = items,
        };
    }
}
