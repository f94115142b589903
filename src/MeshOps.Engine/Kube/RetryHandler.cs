using System.Net;
using System.Net.Http.Headers;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Retries transient API failures below the client's credential step, so each attempt carries the same
/// (already authorised) request. The request content is buffered (the client sends StringContent), so it can be resent.
/// </summary>
internal sealed class RetryHandler : DelegatingHandler
{
    private static readonly HashSet<HttpStatusCode> Retryable =
    [
        HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
    ];

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
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            TimeSpan delay;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptCts.CancelAfter(policy.AttemptTimeout);
                try
                {
                    var response = await base.SendAsync(request, attemptCts.Token).ConfigureAwait(false);
                    if (!Retryable.Contains(response.StatusCode) || attempt >= policy.MaxAttempts) return response;
                    delay = RetryAfter(response.Headers.RetryAfter) ?? policy.Backoff(attempt + 1, Random.Shared);
                    log($"{call} -> {(int)response.StatusCode}; retry {attempt}/{policy.MaxAttempts - 1} in {delay.TotalMilliseconds:0} ms");
                    response.Dispose();
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsTransient(e) && attempt < policy.MaxAttempts)
                {
                    delay = policy.Backoff(attempt + 1, Random.Shared);
                    var what = e is OperationCanceledException ? $"no response within {policy.AttemptTimeout.TotalSeconds:0} s" : e.GetType().Name;
                    log($"{call} failed ({what}); retry {attempt}/{policy.MaxAttempts - 1} in {delay.TotalMilliseconds:0} ms");
                }
            }
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or IOException or OperationCanceledException // per-attempt timeout (the caller's token is checked by the filter)
        || e.InnerException is IOException;

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        if (header == null) return null;
        var wait = header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : (TimeSpan?)null);
        if (wait == null) return null;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > policy.MaxRetryAfter ? policy.MaxRetryAfter : wait;
    }
}
