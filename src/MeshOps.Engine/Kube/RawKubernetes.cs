using k8s;

namespace MeshOps.Engine.Kube;

/// <summary>
/// The library client plus one raw entry point. Generic resources (any group, including core "v1") need raw paths,
/// and going through <c>SendRequestRaw</c> keeps the library's credentials, TLS and handler pipeline.
/// </summary>
internal sealed class RawKubernetes : Kubernetes
{
    public RawKubernetes(KubernetesClientConfiguration config, params DelegatingHandler[] handlers) : base(config, handlers) { }

    /// <summary>Sends the request with credentials; throws <see cref="HttpOperationException"/> on a non-success status.</summary>
    public Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendRequestRaw("", request, cancellationToken);
}
