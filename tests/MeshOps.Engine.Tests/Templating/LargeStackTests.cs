using MeshOps.Engine.Templating.Exec;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>The large-stack threads template execution runs on: reused when idle, never shared by two runs at once.</summary>
public class LargeStackTests
{
    // Thread objects, not ids: the runtime hands the id of an ended thread to a new one.
    private static Thread Where() => Thread.CurrentThread;

    [Fact]
    public void RunsOnALargeStackThreadAndReusesIt()
    {
        var first = LargeStack.Run(Where);
        var second = LargeStack.Run(Where);
        Assert.Equal("MeshOps template", first.Name);
        Assert.NotSame(Thread.CurrentThread, first);
        // Other tests may take the idle thread in between; a few tries show reuse without depending on timing.
        var reused = first == second || Enumerable.Range(0, 20).Any(_ => LargeStack.Run(Where) == LargeStack.Run(Where));
        Assert.True(reused, "two runs in a row never used the same thread");
    }

    [Fact]
    public void NestedRunsStayOnTheSameThread()
    {
        var (outer, inner) = LargeStack.Run(() => (Where(), LargeStack.Run(Where)));
        Assert.Same(outer, inner);
    }

    [Fact]
    public void ExceptionsReachTheCallerAndTheThreadIsNotReused()
    {
        Thread? failedOn = null;
        var e = Assert.Throws<InvalidOperationException>(() => LargeStack.Run<int>(() =>
        {
            failedOn = Where();
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", e.Message);
        Assert.Contains(nameof(ExceptionsReachTheCallerAndTheThreadIsNotReused), e.StackTrace);
        for (var i = 0; i < 20; i++) Assert.NotSame(failedOn, LargeStack.Run(Where));
    }

    [Fact]
    public void ConcurrentRunsGetThreadsOfTheirOwn()
    {
        // All four must be inside Run at once to pass the barrier; a shared thread would deadlock (the timeout fails it).
        using var barrier = new Barrier(4);
        var threads = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => LargeStack.Run(() =>
            {
                Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(30)), "runs did not execute concurrently");
                return Where();
            }))
            .ToList();
        Assert.Equal(4, threads.Distinct().Count());
    }
}
