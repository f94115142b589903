namespace MeshOps.Engine.Kube;

/// <summary>
/// How API calls are retried: 429 (honouring Retry-After), 500/502/503/504, dropped connections and per-attempt
/// timeouts, with exponential backoff and full jitter. Every call the engine makes is idempotent (GET, server-side
/// apply, DELETE), so retrying is safe.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Total attempts per call, including the first.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Backoff before the second attempt; doubles each time up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Upper bound for a server's Retry-After, so a misbehaving server cannot stall an install.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>One attempt is abandoned (and retried) after this long without a response.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public static RetryPolicy Default { get; } = new();

    /// <summary>The delay before attempt <paramref name="attempt"/> (2 = first retry), full jitter.</summary>
    internal TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 2));
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
