using System.Text.Json.Nodes;

namespace MeshOps.Testing.KubeApi.Http;

/// <summary>An error answered with a metav1.Status body shaped exactly like kube-apiserver's.</summary>
public sealed class ApiException : Exception
{
    public int Code { get; }
    public string Reason { get; }
    public JsonObject? Details { get; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public ApiException(int code, string reason, string message, JsonObject? details = null) : base(message)
    {
        Code = code; Reason = reason; Details = details;
    }

    public JsonObject ToStatus() => StatusBody(Code, Reason, Message, Details);

    public static JsonObject StatusBody(int code, string reason, string message, JsonObject? details)
    {
        var s = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
        };
        if (reason.Length > 0) s["reason"] = reason;
        if (details != null) s["details"] = details.DeepClone();
        s["code"] = code;
        return s;
    }

    static JsonObject Detail(string name, string group, string kind)
    {
        var d = new JsonObject();
        if (name.Length > 0) d["name"] = name;
        if (group.Length > 0) d["group"] = group;
        d["kind"] = kind;
        return d;
    }

    static string Qualified(string group, string resource) => group.Length == 0 ? resource : resource + "." + group;

    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Detail(name, group, resource));

    public static ApiException AlreadyExists(string group, string resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(group, resource)} \"{name}\" already exists", Detail(name, group, resource));

    public static ApiException Conflict(string group, string resource, string name, string why) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} \"{name}\": {why}", Detail(name, group, resource));

    public static ApiException StaleConflict(string group, string resource, string name) =>
        Conflict(group, resource, name, "the object has been modified; please apply your changes to the latest version and try again");

    /// <summary>422 Invalid with one cause per (field, causeType, detail), like field.ErrorList.</summary>
    public static ApiException Invalid(string group, string kind, string name, params (string Field, string Type, string Detail)[] errors)
    {
        var causes = new JsonArray();
        var parts = new List<string>();
        foreach (var (field, type, detail) in errors)
        {
            var (reason, text) = type switch
            {
                "Required" => ("FieldValueRequired", "Required value"),
                "Forbidden" => ("FieldValueForbidden", "Forbidden"),
                "Duplicate" => ("FieldValueDuplicate", "Duplicate value"),
                "NotSupported" => ("FieldValueNotSupported", "Unsupported value"),
                _ => ("FieldValueInvalid", "Invalid value"),
            };
            var msg = detail.Length > 0 ? $"{text}: {detail}" : text;
            causes.Add(new JsonObject { ["reason"] = reason, ["message"] = msg, ["field"] = field });
            parts.Add($"{field}: {msg}");
        }
        var d = Detail(name, group, kind);
        d["causes"] = causes;
        var joined = parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]";
        return new ApiException(422, "Invalid", $"{kind}{(group.Length > 0 ? "." + group : "")} \"{name}\" is invalid: {joined}", d);
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotSupported(string group, string resource, string verb) =>
        new(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{Qualified(group, resource)}\"", new JsonObject { ["group"] = group, ["kind"] = resource });

    public static ApiException Gone(string message) => new(410, "Expired", message);
}
