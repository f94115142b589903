using System.Text.Json.Nodes;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>A cluster's /version as the server wrote it (gitVersion "v1.27.3-gke.100", major "1", minor "27+").</summary>
public sealed record KubernetesVersion(string GitVersion, string Major, string Minor)
{
    /// <summary>Reads a /version answer; a server without gitVersion is not a Kubernetes API server.</summary>
    internal static KubernetesVersion FromJson(JsonObject body, string server) =>
        body["gitVersion"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && (string)body["gitVersion"]! is { Length: > 0 } git
            ? new KubernetesVersion(git, Text(body, "major"), Text(body, "minor"))
            : throw new MeshException("KubeApiInvalidResponse", MeshErrorKind.InvalidData,
                $"GET /version: the answer of {server} has no gitVersion. Is it a Kubernetes API server?", server);

    private static string Text(JsonObject body, string key) =>
        body[key]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)body[key]! : "";

    public override string ToString() => GitVersion;
}
