using System.Collections.Concurrent;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Charts;

/// <summary>
/// The charts a session has loaded from folders, kept with their parsed templates (cached on <see cref="Chart"/>)
/// so that the next render of the same chart neither reads nor parses it again. Every use checks the folder's
/// fingerprint (each file's path, length and last write time): a file added, removed or changed reloads the chart,
/// and the host hears why through <see cref="IMeshHost.WriteVerbose"/>.
/// </summary>
internal static class ChartSessionCache
{
    private sealed record Entry(Chart Chart, Dictionary<string, (long Length, DateTime Written)> Files);

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    /// <summary>The chart in <paramref name="directory"/>, from the cache while no file in it changed.</summary>
    public static Chart Load(string directory, IMeshHost host)
    {
        var full = Path.GetFullPath(directory);
        var files = Fingerprint(full);
        if (Entries.TryGetValue(full, out var entry))
        {
            var change = FirstChange(entry.Files, files, full);
            if (change == null) return entry.Chart;
            host.WriteVerbose($"chart cache: {change}; reloading the chart in {full}");
        }
        else
        {
            host.WriteVerbose($"chart cache: loading the chart in {full} (kept for this session while its files keep their length and timestamp)");
        }
        var chart = ChartLoader.Load(full);
        Entries[full] = new Entry(chart, files);
        return chart;
    }

    /// <summary>Forgets every cached chart (tests).</summary>
    internal static void Clear() => Entries.Clear();

    private static Dictionary<string, (long, DateTime)> Fingerprint(string directory)
    {
        var files = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var info in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            files[info.FullName] = (info.Length, info.LastWriteTimeUtc);
        return files;
    }

    private static string? FirstChange(Dictionary<string, (long Length, DateTime Written)> before, Dictionary<string, (long Length, DateTime Written)> now, string root)
    {
        foreach (var (path, was) in before)
        {
            if (!now.TryGetValue(path, out var file)) return $"{Path.GetRelativePath(root, path)} was removed";
            if (file.Length != was.Length) return $"{Path.GetRelativePath(root, path)} changed length ({was.Length} to {file.Length} bytes)";
            if (file.Written != was.Written) return $"{Path.GetRelativePath(root, path)} changed timestamp";
        }
        foreach (var path in now.Keys)
            if (!before.ContainsKey(path)) return $"{Path.GetRelativePath(root, path)} was added";
        return null;
    }
}
