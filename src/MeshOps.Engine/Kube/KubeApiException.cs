using System.Net;
using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The API server refused a call. <see cref="StatusCode"/> and the server's Status object are kept so callers can
/// react (404, 409 conflicts); the message names the call and the server's reason, never a credential.
/// </summary>
public sealed class KubeApiException : MeshException
{
    internal KubeApiException(string call, HttpStatusCode statusCode, JsonObject? status, string message)
        : base("KubeApiError", KindOf(statusCode), message, call)
    {
        Call = call;
        StatusCode = statusCode;
        Status = status;
    }

    /// <summary>"PATCH /apis/apps/v1/namespaces/x/deployments/y".</summary>
    public string Call { get; }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's metav1.Status, when it sent one.</summary>
    internal JsonObject? Status { get; }

    /// <summary>The Status reason, e.g. "Conflict", "NotFound".</summary>
    public string? Reason => (string?)Status?["reason"];

    private static MeshErrorKind KindOf(HttpStatusCode code) => (int)code switch
    {
        401 or 403 => MeshErrorKind.PermissionDenied,
        404 => MeshErrorKind.ObjectNotFound,
        409 => MeshErrorKind.ResourceExists,
        400 or 422 => MeshErrorKind.InvalidData,
        429 => MeshErrorKind.LimitsExceeded,
        >= 500 => MeshErrorKind.ResourceUnavailable,
        _ => MeshErrorKind.InvalidOperation,
    };
}
