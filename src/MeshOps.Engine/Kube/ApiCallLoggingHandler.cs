using System.Diagnostics;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Writes one verbose line per HTTP attempt: "GET /api/v1/namespaces/x -> 200 (12 ms)". Only the method, path and
/// query are logged, never headers or bodies, and the line still goes through the redactor.
/// </summary>
internal sealed class ApiCallLoggingHandler : DelegatingHandler
{
    private readonly Action<string> log;
    private readonly SecretRedactor redactor;

    public ApiCallLoggingHandler(Action<string> log, SecretRedactor redactor)
    {
        this.log = log;
        this.redactor = redactor;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = $"{request.Method} {request.RequestUri?.PathAndQuery}";
        var watch = Stopwatch.StartNew();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // A watch's answer streams on: its line says it opened; ClusterConnection.WatchAsync says when it closed.
            var streaming = request.Options.TryGetValue(RetryHandler.Streaming, out var s) && s && response.IsSuccessStatusCode;
            log(redactor.Redact($"{call} -> {(int)response.StatusCode} ({watch.ElapsedMilliseconds} ms){(streaming ? ", watch open" : "")}"));
            return response;
        }
        catch (Exception e)
        {
            log(redactor.Redact($"{call} -> {e.GetType().Name}: {e.Message} ({watch.ElapsedMilliseconds} ms)"));
            throw;
        }
    }
}
