using System.Formats.Tar;
using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// Links, devices and fifos inside a chart archive: Helm 4's LoadArchiveFiles keeps every entry that is not a
/// directory or an extended header, and Go's archive/tar gives link, device and fifo entries no data, so they load as
/// empty files under their own names (the link target is never read); entries of any other type flag load with their
/// data. Checked here and against the real helm binary.
/// </summary>
public class ChartArchiveLinkTests
{
    private const string ChartYaml = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

    private const string FilesTemplate = "files: {{ range $p, $b := .Files }}{{ $p }}={{ len $b }} {{ end }}\n";

    private static TarEntry Entry(TarEntryFormat format, TarEntryType type, string name) => format switch
    {
        TarEntryFormat.Gnu => new GnuTarEntry(type, name),
        TarEntryFormat.Ustar => new UstarTarEntry(type, name),
        _ => new PaxTarEntry(type, name),
    };

    private static TarEntry Link(TarEntryType type, string name, string target, TarEntryFormat format = TarEntryFormat.Pax)
    {
        var link = Entry(format, type, name);
        link.LinkName = target;
        return link;
    }

    private static TarEntry Plain(string name, string text, TarEntryFormat format = TarEntryFormat.Pax)
    {
        var file = Entry(format, TarEntryType.RegularFile, name);
        file.DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        return file;
    }

    /// <summary>A chart with real content beside symbolic and hard links, in the chart root and under templates.</summary>
    private static byte[] LinkedChart(TarEntryFormat format = TarEntryFormat.Pax) => TempChart.RawArchive(
        Plain("demo/Chart.yaml", ChartYaml, format),
        Plain("demo/other.yaml", "a: 1\n", format),
        Plain("demo/templates/real.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: real\n", format),
        Plain("demo/templates/files.yaml", FilesTemplate, format),
        Link(TarEntryType.SymbolicLink, "demo/templates/link.yaml", "../other.yaml", format),
        Link(TarEntryType.SymbolicLink, "demo/templates/passwd.yaml", "/etc/passwd", format),
        Link(TarEntryType.HardLink, "demo/templates/hard.yaml", "demo/templates/real.yaml", format),
        Link(TarEntryType.SymbolicLink, "demo/rootlink.yaml", "other.yaml", format),
        Link(TarEntryType.SymbolicLink, "demo/values.yaml", "other.yaml", format));

    private static string Write(TempChart c, string name, byte[] archive)
    {
        var path = Path.Combine(c.Root, name);
        File.WriteAllBytes(path, archive);
        return path;
    }

    [Fact]
    public void Links_load_as_empty_files_under_their_own_names()
    {
        using var c = new TempChart();
        var chart = ChartLoader.Load(Write(c, "links.tgz", LinkedChart()));
        var templates = chart.Templates.ToDictionary(t => t.Name, t => t.Data);
        Assert.Equal(new[] { "templates/files.yaml", "templates/hard.yaml", "templates/link.yaml", "templates/passwd.yaml", "templates/real.yaml" },
            templates.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(templates["templates/link.yaml"]);
        Assert.Empty(templates["templates/passwd.yaml"]);
        Assert.Empty(templates["templates/hard.yaml"]);
        Assert.Contains("name: real", chart.Templates.Single(t => t.Name == "templates/real.yaml").Text);
        var files = chart.Files.ToDictionary(f => f.Name, f => f.Data);
        Assert.Empty(files["rootlink.yaml"]);
        Assert.Equal("a: 1\n", System.Text.Encoding.UTF8.GetString(files["other.yaml"]));
        // values.yaml is a link: the chart has empty values, not the target's.
        Assert.Empty(chart.Values);
    }

    [Fact]
    public void Device_and_fifo_entries_load_as_empty_files()
    {
        using var c = new TempChart();
        var chart = ChartLoader.Load(Write(c, "devices.tgz", TempChart.RawArchive(
            TempChart.FileEntry("demo/Chart.yaml", ChartYaml),
            new PaxTarEntry(TarEntryType.Fifo, "demo/fifo"),
            new PaxTarEntry(TarEntryType.CharacterDevice, "demo/chr"),
            new PaxTarEntry(TarEntryType.BlockDevice, "demo/blk"))));
        Assert.Equal(new[] { "blk", "chr", "fifo" }, chart.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(chart.Files, f => Assert.Empty(f.Data));
    }

    [Fact]
    public void A_link_named_outside_the_chart_is_refused_as_any_entry_is()
    {
        using var c = new TempChart();
        var path = Write(c, "parent.tgz", TempChart.RawArchive(
            TempChart.FileEntry("demo/Chart.yaml", ChartYaml),
            Link(TarEntryType.SymbolicLink, "demo/../x.yaml", "/etc/passwd")));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
        Assert.Equal(ChartErrors.ChartInvalid, e.ErrorId);
        Assert.Contains("chart illegally references parent directory", e.Message);
    }

    [Fact]
    public void A_linked_chart_yaml_is_empty_metadata()
    {
        using var c = new TempChart();
        var path = Write(c, "linkchart.tgz", TempChart.RawArchive(
            Link(TarEntryType.SymbolicLink, "demo/Chart.yaml", "other.yaml"),
            TempChart.FileEntry("demo/templates/a.yaml", "a: 1\n")));
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
        Assert.Contains("validation: chart.metadata.name is required", e.Message);
    }

    [Fact]
    public void A_link_header_that_claims_a_size_is_helms_size_error()
    {
        // Go reads no data for a link whatever its header says, so Helm's "fewer bytes than the header" check fails.
        using var c = new TempChart();
        var path = Write(c, "sized.tgz", SizedLinkArchive());
        var e = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
        Assert.Equal(ChartErrors.ChartTooLarge, e.ErrorId);
        Assert.Contains($"decompressed chart is larger than the maximum size {ChartLoader.MaxChartSize}", e.Message);
    }

    /// <summary>Chart.yaml then a symbolic link whose ustar header says 3 bytes, followed by a data block.</summary>
    private static byte[] SizedLinkArchive() => UstarArchive(new("demo/Chart.yaml", '0', ChartYaml), new("demo/l.yaml", '2', "abc"));

    private sealed record UstarEntry(string Name, char Type, string Data, long? Claimed = null, string Mode = "0000644");

    /// <summary>
    /// A gzipped ustar archive written block by block, so that any type flag and a size for any type can be given
    /// (TarWriter refuses both). <c>claimed</c> is the size in the header when it differs from the data.
    /// </summary>
    private static byte[] UstarArchive(params UstarEntry[] entries)
    {
        using var raw = new MemoryStream();
        foreach (var (name, type, text, claimed, mode) in entries)
        {
            var data = System.Text.Encoding.UTF8.GetBytes(text);
            var header = new byte[512];
            System.Text.Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
            System.Text.Encoding.ASCII.GetBytes(mode + "\0").CopyTo(header, 100);
            System.Text.Encoding.ASCII.GetBytes(Convert.ToString(claimed ?? data.Length, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
            header[156] = (byte)type;
            "ustar\000"u8.CopyTo(header.AsSpan(257));
            "        "u8.CopyTo(header.AsSpan(148));
            var sum = header.Sum(b => b);
            System.Text.Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
            raw.Write(header);
            raw.Write(data);
            raw.Write(new byte[(512 - data.Length % 512) % 512]);
        }
        raw.Write(new byte[1024]);
        using var gz = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(raw.ToArray());
        return gz.ToArray();
    }

    [Theory]
    [InlineData('D')]
    [InlineData('M')]
    [InlineData('N')]
    [InlineData('V')]
    [InlineData('A')]
    [InlineData('7')]
    public void Entries_of_other_types_load_with_their_data(char type)
    {
        using var c = new TempChart();
        var chart = ChartLoader.Load(Write(c, "odd.tgz", UstarArchive(new("demo/Chart.yaml", '0', ChartYaml), new("demo/odd", type, "xyz"))));
        Assert.Equal("xyz", Assert.Single(chart.Files).Text);
    }

    [HelmBinaryTheory]
    [InlineData(TarEntryFormat.Pax)]
    [InlineData(TarEntryFormat.Gnu)]
    [InlineData(TarEntryFormat.Ustar)]
    public void Helm_renders_the_linked_chart_as_we_do(TarEntryFormat format)
    {
        using var c = new TempChart();
        var path = Write(c, "links.tgz", LinkedChart(format));
        var actual = AssertRendersAsHelm(path);
        Assert.Contains("rootlink.yaml=0", actual);
    }

    [HelmFact]
    public void Helm_fails_as_we_do_on_a_sized_link_and_a_linked_chart_yaml()
    {
        using var c = new TempChart();
        foreach (var (name, archive) in new[] { ("sized.tgz", SizedLinkArchive()), ("linkchart.tgz", TempChart.RawArchive(
                     Link(TarEntryType.SymbolicLink, "demo/Chart.yaml", "other.yaml"), TempChart.FileEntry("demo/templates/a.yaml", "a: 1\n"))) })
        {
            var path = Write(c, name, archive);
            var helm = Assert.Throws<HelmFailedException>(() => HelmBinary.Run(new[] { "show", "chart", path }));
            var ours = Assert.Throws<MeshException>(() => ChartLoader.Load(path));
            Assert.StartsWith("Error: ", helm.Stderr);
            Assert.Contains(helm.Stderr["Error: ".Length..], ours.Message);
        }
    }

    [HelmFact]
    public void Helm_renders_entries_of_other_types_as_we_do()
    {
        using var c = new TempChart();
        var path = Write(c, "odd.tgz", UstarArchive(new("demo/Chart.yaml", '0', ChartYaml), new("demo/templates/files.yaml", '0', FilesTemplate),
            new("demo/d", 'D', "d"), new("demo/m", 'M', "mm"), new("demo/n", 'N', "nnn"), new("demo/v", 'V', "vvvv"),
            new("demo/a", 'A', "aaaaa"), new("demo/seven", '7', "77"), new("demo/fifo", '6', ""), new("demo/hard", '1', "")));
        var actual = AssertRendersAsHelm(path);
        Assert.Contains("v=4", actual);
    }

    [HelmFact]
    public void Helm_and_we_tell_directories_by_mode_and_by_slash_alike()
    {
        // Go's FileInfo().IsDir(): a directory mode makes any entry a directory (skipped), a V7 entry ending in a slash
        // is one; a regular entry ending in a slash is a file named without it; a link mode on a regular entry is a file.
        using var c = new TempChart();
        var path = Write(c, "dirs.tgz", UstarArchive(new("demo/Chart.yaml", '0', ChartYaml), new("demo/templates/files.yaml", '0', FilesTemplate),
            new("demo/modedir", '0', "xyz", Mode: "0040755"), new("demo/v7dir/", '\0', ""), new("demo/regslash/", '0', ""),
            new("demo/symmode", '0', "xyz", Mode: "0120777")));
        var actual = AssertRendersAsHelm(path);
        Assert.Contains("files: regslash=0 symmode=3\n", actual);
    }

    /// <summary>helm template of the archive (release "rel") and our render of it, which must be the same text; returns it.</summary>
    private static string AssertRendersAsHelm(string path)
    {
        var expected = HelmBinary.Run(new[] { "template", "rel", path });
        var actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(path), null, new RenderOptions { ReleaseName = "rel" }), true, false);
        Assert.Equal(expected, actual);
        return actual;
    }
}
