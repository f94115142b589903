using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Bounds and retries API calls below the client's credential step, so each attempt carries the same (already
/// authorised) request. The request content is buffered (the client sends StringContent), so it can be resent.
/// Each attempt, body included, must finish within <see cref="RetryPolicy.RequestTimeout"/>; retries stop at
/// <see cref="RetryPolicy.EffectiveDeadline"/>. The caller's token (Ctrl+C) always wins over both.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly HashSet<HttpStatusCode> Retryable =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

    /// <summary>Set on a request whose answer is read as it streams (a watch): its body is not buffered, and the attempt's timeout covers only the headers.</summary>
    internal static readonly HttpRequestOptionsKey<bool> Streaming = new("MeshOps.Streaming");

    private readonly RetryPolicy policy;
    private readonly Action<string> log;

    public RetryHandler(RetryPolicy policy, Action<string> log)
    {
        this.policy = policy;
        this.log = log;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = $"{request.Method} {request.RequestUri?.AbsolutePath}";
        var server = request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "?";
        var deadline = policy.EffectiveDeadline;
        var elapsed = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan delay;
            string failure;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCts.CancelAfter(policy.RequestTimeout);
                try
                {
                    var response = await base.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                    // The client reads the body after this handler returns; read it here so the timeout covers it too.
                    if (!request.Options.TryGetValue(Streaming, out var streaming) || !streaming || !response.IsSuccessStatusCode)
                        await BufferContentAsync(response, attemptCts.Token).ConfigureAwait(false);
                    if (!Retryable.Contains(response.StatusCode) || attempt >= policy.MaxAttempts) return response;
                    delay = RetryAfter(response.Headers.RetryAfter) ?? policy.Backoff(attempt + 1, Random.Shared);
                    failure = $"{(int)response.StatusCode} {response.StatusCode}";
                    response.Dispose();
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && attemptCts.IsCancellationRequested)
                {
                    // Our timer, not the caller: the server did not answer in time. Not retried (see RetryPolicy).
                    throw new MeshException("KubeRequestTimeout", MeshErrorKind.OperationTimeout,
                        $"{call}: the API server at {server} sent no complete answer within {Describe(policy.RequestTimeout)} (-RequestTimeout). " +
                        "Check that the server is healthy and reachable (kubectl get --raw /readyz), or allow a slow server more time with -RequestTimeout.",
                        call, e is OperationCanceledException ? null : e);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e) && attempt < policy.MaxAttempts)
                {
                    delay = policy.Backoff(attempt + 1, Random.Shared);
                    failure = e.GetType().Name;
                }
            }
            if (elapsed.Elapsed + delay > deadline)
                throw new MeshException("KubeDeadlineExceeded", MeshErrorKind.OperationTimeout,
                    $"{call}: the API server at {server} still failed after {attempt} attempt(s) in {Describe(elapsed.Elapsed)} (last: {failure}); " +
                    $"retries stop at {Describe(deadline)} ({RetryPolicy.DeadlineInRequestTimeouts} times -RequestTimeout). " +
                    "The server is overloaded or failing: check its health, then run the command again.",
                    call);
            log($"{call} -> {failure}; retry {attempt}/{policy.MaxAttempts - 1} in {delay.TotalMilliseconds:0} ms");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Replaces the streamed body with a buffered copy, read within the attempt's timeout.</summary>
    private static async Task BufferContentAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        if (original == null) return;
        var bytes = await original.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var buffered = new ByteArrayContent(bytes);
        foreach (var header in original.Headers) buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = buffered;
        original.Dispose();
    }

    // A certificate the client rejects is not transient: retrying only hides the cause.
    private static bool IsTransient(Exception e) =>
        !HasInner<AuthenticationException>(e)
        && (e is HttpRequestException or IOException || e.InnerException is IOException);

    internal static bool HasInner<T>(Exception? e) where T : Exception
    {
        for (; e != null; e = e.InnerException)
            if (e is T) return true;
        return false;
    }

    /// <summary>"250 ms", "30 s", "2 min", "1 min 30 s".</summary>
    internal static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.FromSeconds(1)) return $"{span.TotalMilliseconds:0} ms";
        if (span < TimeSpan.FromMinutes(2)) return $"{span.TotalSeconds:0.#} s";
        var minutes = (int)span.TotalMinutes;
        var seconds = span.Seconds;
        return seconds == 0 ? $"{minutes} min" : $"{minutes} min {seconds} s";
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header == null) return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
        if (wait == null) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > policy.MaxRetryAfter ? policy.MaxRetryAfter : wait;
    }
}
