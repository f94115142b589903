namespace MeshOps.Engine.Kube;

/// <summary>
/// The delays between polls of a wait: 100 ms at first, because most waits (a CRD to be Established, a small
/// rollout) end within moments, then doubling up to the configured interval, so a long rollout costs few requests.
/// </summary>
internal sealed class PollSchedule
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);

    private readonly TimeSpan interval;
    private TimeSpan next;

    public PollSchedule(TimeSpan interval)
    {
        this.interval = interval > TimeSpan.Zero ? interval : TimeSpan.Zero;
        next = this.interval < First ? this.interval : First;
    }

    /// <summary>The next delay, never past <paramref name="deadline"/>.</summary>
    public TimeSpan Next(DateTime deadline)
    {
        var delay = next;
        var doubled = next + next;
        next = doubled < interval ? doubled : interval;
        var left = deadline - DateTime.UtcNow;
        return left < delay ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : delay;
    }
}
