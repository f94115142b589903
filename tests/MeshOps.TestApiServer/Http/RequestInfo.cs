namespace MeshOps.Testing.KubeApi.Http;

/// <summary>What an API path addresses, parsed like apiserver's RequestInfoFactory.</summary>
public sealed record RequestInfo(
    bool IsResourceRequest,
    string Verb,
    string Group,
    string Version,
    string Namespace,
    string Resource,
    string Name,
    string Subresource,
    string Path)
{
    /// <summary>Parses /api/v1/..., /apis/g/v/... (including the legacy /watch/ prefix); other paths are non-resource.</summary>
    public static RequestInfo Parse(string method, string path, bool watchParam)
    {
        var segs = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        RequestInfo NonResource(string verb) => new(false, verb, "", "", "", "", "", "", path);
        var lowerVerb = method switch { "GET" or "HEAD" => "get", "POST" => "post", "PUT" => "put", "PATCH" => "patch", "DELETE" => "delete", _ => method.ToLowerInvariant() };
        int i;
        string group, version;
        if (segs.Length >= 2 && segs[0] == "api") { group = ""; version = segs[1]; i = 2; }
        else if (segs.Length >= 3 && segs[0] == "apis") { group = segs[1]; version = segs[2]; i = 3; }
        else return NonResource(lowerVerb);
        if (segs.Length == i) return NonResource(lowerVerb);

        var watchPrefix = false;
        if (segs[i] == "watch") { watchPrefix = true; i++; }
        var ns = "";
        string resource, name = "", sub = "";
        var rest = segs[i..];
        if (rest.Length >= 3 && rest[0] == "namespaces" && !(group == "" && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }
        if (rest.Length == 0) return NonResource(lowerVerb);
        resource = rest[0];
        if (rest.Length >= 2) name = rest[1];
        if (rest.Length >= 3) sub = string.Join('/', rest[2..]);
        if (resource == "namespaces" && name.Length > 0 && ns.Length == 0) ns = "";

        var verb = method switch
        {
            "GET" or "HEAD" => watchPrefix || watchParam ? "watch" : name.Length > 0 ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => name.Length > 0 ? "delete" : "deletecollection",
            _ => lowerVerb,
        };
        return new RequestInfo(true, verb, group, version, ns, resource, name, sub, path);
    }
}
