using System.Diagnostics;

namespace MeshOps.Bench;

/// <summary>One measured row: median wall time, mean process CPU time and allocated bytes per run.</summary>
internal sealed record Measurement(string Name, double MedianMs, long AllocatedBytes, int Runs, double CpuMs = 0);

internal static class Measure
{
    /// <summary>Warm-up lasts at least this many runs and this long, so tiered JIT has promoted the hot code (tier-1 after 30 calls plus a background delay).</summary>
    private const int MinWarmupRuns = 50;
    private static readonly TimeSpan MinWarmupTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// ...and until the JIT has compiled nothing new for this long (at most <see cref="MaxWarmupTime"/>): on a loaded
    /// machine the background tier-1 compiler gets little CPU, and 2 s left the render at tier 0, 5x slower.
    /// </summary>
    private static readonly TimeSpan JitQuietTime = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxWarmupTime = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Runs <paramref name="action"/> until it is in steady state (see <see cref="MinWarmupRuns"/>), then
    /// <paramref name="runs"/> times; median time, mean CPU time and allocation on all threads (template execution runs on
    /// its own thread). CPU time is steadier than wall time when other processes share the cores.
    /// </summary>
    public static Measurement Warm(string name, int runs, Action action)
    {
        var warmup = Stopwatch.StartNew();
        var quiet = Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < MinWarmupRuns || warmup.Elapsed < MinWarmupTime || (quiet.Elapsed < JitQuietTime && warmup.Elapsed < MaxWarmupTime); i++)
        {
            action();
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                quiet.Restart();
            }
        }
        var times = new List<double>(runs);
        long allocated = 0;
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < runs; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new Measurement(name, Median(times), allocated / runs, runs, Math.Round(cpu.TotalMilliseconds / runs, 2));
    }

    /// <summary>Median wall time of a fresh process, each run cold.</summary>
    public static Measurement Process(string name, int runs, string fileName, IEnumerable<string> arguments)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) start.ArgumentList.Add(a);
            var watch = Stopwatch.StartNew();
            using var process = System.Diagnostics.Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            watch.Stop();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{fileName} exited with {process.ExitCode}");
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return new Measurement(name, Median(times), 0, runs);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return Math.Round(values[values.Count / 2], 2);
    }
}
