namespace MeshOps.Engine.Kube;

/// <summary>
/// How API calls are bounded and retried. Each attempt must answer (headers and body) within
/// <see cref="RequestTimeout"/>; an attempt that does not fails the call (KubeRequestTimeout) rather than being
/// retried, because a server that takes the connection and stays silent would otherwise hold the caller for
/// MaxAttempts times the timeout. 429 (honouring Retry-After), 500/502/503/504 and dropped connections are retried
/// with exponential backoff and full jitter, but no retry starts past <see cref="EffectiveDeadline"/>
/// (KubeDeadlineExceeded). Every call the engine makes is idempotent (GET, server-side apply, DELETE), so retrying is safe.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The default <see cref="RequestTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The deadline, when not set, is this many request timeouts (2 minutes for the default 30 s).</summary>
    public const int DeadlineInRequestTimeouts = 4;

    /// <summary>Total attempts per call, including the first.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Backoff before the second attempt; doubles each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Upper bound for a server's Retry-After, so a misbehaving server cannot stall an install.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt (connect, send, response headers and body) fails after this long without a complete answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    /// <summary>
    /// The total time one call may spend on retries, counted from its first attempt: no retry (or backoff) starts
    /// after it. Null means <see cref="DeadlineInRequestTimeouts"/> times <see cref="RequestTimeout"/>.
    /// </summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>The deadline in force: <see cref="Deadline"/>, or a multiple of <see cref="RequestTimeout"/>.</summary>
    public TimeSpan EffectiveDeadline => Deadline ?? RequestTimeout * DeadlineInRequestTimeouts;

    public static RetryPolicy Default { get; } = new();

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 = first retry), full jitter.</summary>
    internal TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
