using MeshOps.Engine.Hosting;
using MeshOps.Engine.Tests.Kube;
using Xunit;

namespace MeshOps.Engine.Tests.Hosting;

public class ProgressActivityTests
{
    [Fact]
    public async Task StepsFromParallelWorkersArriveInOrderAndEndOnce()
    {
        var host = new RecordingHost();
        using (var progress = new ProgressActivity(host, 42, "Restarting", parentId: 7))
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 50), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                (i, _) => { progress.Step($"item {i}", 50); return ValueTask.CompletedTask; });
        }
        var records = host.Progress.ToList();
        Assert.Equal(51, records.Count);
        Assert.All(records, r => Assert.Equal((42, 7), (r.ActivityId, r.ParentActivityId)));
        // Counted under the lock that also writes: numbers and percentages never go back.
        Assert.Equal(Enumerable.Range(1, 50).Select(n => $"({n} of 50)"), records.Take(50).Select(r => r.Status[r.Status.IndexOf('(')..]));
        Assert.Equal(records.Take(50).Select(r => r.PercentComplete).Order(), records.Take(50).Select(r => r.PercentComplete));
        Assert.True(records[^1].Completed);
        Assert.Single(records, r => r.Completed);
    }

    [Fact]
    public void ManyItemsReportOncePerPercent()
    {
        var host = new RecordingHost();
        var progress = new ProgressActivity(host, 1, "Labelling");
        for (var i = 0; i < 1000; i++) progress.Step("ns", 1000);
        Assert.Equal(101, host.Progress.Count); // 0 %, then each percent up to 100
        Assert.Equal("ns (1000 of 1000)", host.Progress.Last().Status);
    }

    [Fact]
    public void FailureStillEndsTheBarAndLaterReportsAreIgnored()
    {
        var host = new RecordingHost();
        var progress = new ProgressActivity(host, 3, "Installing");
        void Work()
        {
            using (progress)
            {
                progress.Report("Applying Pilot", 40);
                throw new InvalidOperationException("rollout failed");
            }
        }
        Assert.Throws<InvalidOperationException>(Work);
        progress.Report("late", 90);
        var records = host.Progress.ToList();
        Assert.Equal(2, records.Count);
        Assert.True(records[1].Completed);
        Assert.Equal("Applying Pilot", records[1].Status);
    }

    [Fact]
    public void ABarNeverShownWritesNothingWhenItEnds()
    {
        var host = new RecordingHost();
        new ProgressActivity(host, 4, "Applying manifests").Dispose();
        Assert.Empty(host.Progress);
    }

    [Fact]
    public void NestedHostPutsTopLevelBarsUnderTheParentAndKeepsNestedOnes()
    {
        var host = new RecordingHost();
        var nested = new NestedProgressHost(host, 100);
        nested.WriteProgress(new MeshProgress(5, "Applying", "Base"));
        nested.WriteProgress(new MeshProgress(6, "Gate", "1 of 2") { ParentActivityId = 5 });
        nested.WriteProgress(new MeshProgress(100, "Install", "own bar"));
        Assert.Equal([100, 5, -1], host.Progress.Select(p => p.ParentActivityId));
    }
}
