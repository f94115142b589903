using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>A chart written to a temporary folder for a test; deleted on dispose.</summary>
internal sealed class TempChart : IDisposable
{
    public TempChart(string name = "demo", string apiVersion = "v2", string version = "0.1.0")
    {
        Root = Directory.CreateTempSubdirectory("meshops-chart-").FullName;
        Dir = Path.Combine(Root, name);
        Directory.CreateDirectory(Dir);
        Write("Chart.yaml", $"apiVersion: {apiVersion}\nname: {name}\nversion: {version}\nappVersion: \"1.2\"\n");
    }

    /// <summary>The temporary folder that holds the chart folder (and archives).</summary>
    public string Root { get; }

    /// <summary>The chart folder.</summary>
    public string Dir { get; }

    public TempChart Write(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    /// <summary>Packs a folder as <c>helm package</c> would (a gzipped tar with the chart folder as first element).</summary>
    public static byte[] Pack(string chartDir)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            var name = Path.GetFileName(chartDir);
            foreach (var file in Directory.EnumerateFiles(chartDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var rel = Path.GetRelativePath(chartDir, file).Replace('\\', '/');
                tar.WriteEntry(file, name + "/" + rel);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A gzipped tar with the given raw entries (for hostile archives).</summary>
    public static byte[] RawArchive(params TarEntry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var e in entries) tar.WriteEntry(e);
        }
        return buffer.ToArray();
    }

    public static PaxTarEntry FileEntry(string name, string text) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
