using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

/// <summary>A release cache in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempCache : IDisposable
{
    public TempCache()
    {
        Root = Path.Combine(Path.GetTempPath(), "meshops-releases-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Cache = new ReleaseCache(Root) { NetworkAvailable = () => true };
    }

    public string Root { get; }
    public ReleaseCache Cache { get; }

    /// <summary>Everything in &lt;root&gt;/istio except lock files: what a failed save must not leave behind.</summary>
    public string[] Leftovers() => Directory.Exists(Cache.ReleasesFolder)
        ? Directory.EnumerateFileSystemEntries(Cache.ReleasesFolder).Select(p => Path.GetFileName(p)).Where(n => !n.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray()
        : [];

    /// <summary>A folder beside the cache for archives to import.</summary>
    public string Scratch(string name)
    {
        var path = Path.Combine(Root, "..", Path.GetFileName(Root) + "-scratch", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return Path.GetFullPath(path);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { Root, Root + "-scratch" })
        {
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
