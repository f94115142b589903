using System.IO.Compression;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>Broken chart archives (top level and charts/*.tgz) fail as ChartArchiveInvalid naming the file, never with a raw .NET exception.</summary>
public class ChartArchiveErrorTests
{
    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }

    public static TheoryData<string, byte[], string> BrokenArchives()
    {
        var good = TempChart.RawArchive(TempChart.FileEntry("demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"),
            TempChart.FileEntry("demo/templates/a.yaml", string.Concat(Enumerable.Range(0, 400).Select(i => $"k{i}: {i * 7919 % 1000}\n"))));
        return new TheoryData<string, byte[], string>
        {
            { "empty", Array.Empty<byte>(), "does not appear to be a gzipped archive; got 'application/octet-stream'" },
            { "text", "not an archive\n"u8.ToArray(), "does not appear to be a gzipped archive; got 'application/octet-stream'" },
            { "gzip header only", new byte[] { 0x1f, 0x8b, 0x08, 0 }, "unexpected EOF" },
            { "gzip of too little for a tar header", Gzip("hello"u8.ToArray()), "unexpected EOF" },
            { "tar of nothing", Gzip(new byte[1024]), "no files in chart archive" },
            { "gzip cut short", good[..(good.Length / 2)], "unexpected EOF" },
            { "deflate block of a reserved type", Corrupt(good), "flate: corrupt input" },
            { "tar header with a size that is not octal", Gzip(BadSizeHeader()), "archive/tar: invalid tar header" },
        };
    }

    /// <summary>The archive with its first deflate block header (after the 10-byte gzip header) made a reserved block type.</summary>
    private static byte[] Corrupt(byte[] archive)
    {
        var copy = (byte[])archive.Clone();
        copy[10] = 0xFF;
        return copy;
    }

    /// <summary>A ustar header for demo/Chart.yaml whose size field is not octal, then the end of the archive.</summary>
    private static byte[] BadSizeHeader()
    {
        var tar = new byte[512 + 1024];
        "demo/Chart.yaml"u8.CopyTo(tar);
        "0000644\0"u8.CopyTo(tar.AsSpan(100));
        "0000000000z\0"u8.CopyTo(tar.AsSpan(124));
        tar[156] = (byte)'0';
        "ustar\000"u8.CopyTo(tar.AsSpan(257));
        "        "u8.CopyTo(tar.AsSpan(148));
        var sum = tar.Take(512).Sum(b => b);
        System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(tar, 148);
        return tar;
    }

    [Theory]
    [MemberData(nameof(BrokenArchives))]
    public void A_broken_archive_is_chart_archive_invalid_and_names_the_file(string what, byte[] data, string detail)
    {
        using var c = new TempChart();
        var path = Path.Combine(c.Root, "broken-" + what.Replace(' ', '-') + ".tgz");
        File.WriteAllBytes(path, data);
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
        Assert.Equal(ChartErrors.ChartArchiveInvalid, e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains(detail, e.Message);
    }

    [Fact]
    public void A_corrupt_subchart_archive_names_the_subchart_and_its_parent()
    {
        using var c = new TempChart("parent");
        Directory.CreateDirectory(Path.Combine(c.Dir, "charts"));
        File.WriteAllBytes(Path.Combine(c.Dir, "charts", "sub-0.1.0.tgz"), Array.Empty<byte>());
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(c.Dir));
        Assert.Equal(ChartErrors.ChartArchiveInvalid, e.ErrorId);
        Assert.StartsWith("error unpacking subchart sub-0.1.0.tgz in parent: EOF", e.Message);
    }

    [Fact]
    public void A_subchart_archive_inside_a_chart_archive_loads()
    {
        using var sub = new TempChart("sub");
        sub.Write("templates/s.yaml", "s: 1");
        using var c = new TempChart("parent");
        Directory.CreateDirectory(Path.Combine(c.Dir, "charts"));
        File.WriteAllBytes(Path.Combine(c.Dir, "charts", "sub-0.1.0.tgz"), TempChart.Pack(sub.Dir));
        var archive = Path.Combine(c.Root, "parent-0.1.0.tgz");
        File.WriteAllBytes(archive, TempChart.Pack(c.Dir));
        var chart = ChartLoader.Load(archive);
        var child = Assert.Single(chart.Dependencies);
        Assert.Equal("sub", child.Name);
        Assert.Equal("s: 1", Assert.Single(child.Templates).Text);
    }
}
