namespace MeshOps.Testing.KubeApi.Resources;

/// <summary>One served resource: group/version/kind and its REST name, like an APIResource in discovery.</summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    bool Namespaced,
    string[]? ShortNames = null,
    bool HasStatus = false,
    bool TracksGeneration = false,
    bool IsCustom = false)
{
    public string Singular => Kind.ToLowerInvariant();
    public string ApiVersion => Group.Length == 0 ? Version : Group + "/" + Version;
    public string ListKind => Kind + "List";

    /// <summary>Storage key: versions of one group/resource share their objects (autoscaling v2 and v2beta2).</summary>
    public string StorageKey => Group + "/" + Plural;

    public static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
}
