using System.Formats.Tar;
using System.IO.Compression;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class ReleaseArchiveExtractorTests : IDisposable
{
    private const string Top = "istio-1.18.5";
    private static readonly IstioVersion V1185 = IstioVersion.Parse("1.18.5");
    private readonly string _work = Path.Combine(Path.GetTempPath(), "meshops-extract-" + Guid.NewGuid().ToString("N"));
    private readonly string _target;

    public ReleaseArchiveExtractorTests()
    {
        _target = Path.Combine(_work, "target");
        Directory.CreateDirectory(_target);
    }

    public void Dispose()
    {
        if (Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
    }

    private IstioVersion Extract(byte[] archive, IstioVersion? expected = null, ReleaseLimits? limits = null) =>
        ReleaseArchiveExtractor.Extract(new MemoryStream(archive), "test.tar.gz", expected, _target, limits ?? ReleaseLimits.Default, CancellationToken.None);

    private MeshException Refused(byte[] archive, string errorId, ReleaseLimits? limits = null)
    {
        var error = Assert.Throws<MeshException>(() => Extract(archive, null, limits));
        Assert.Equal(errorId, error.ErrorId);
        return error;
    }

    private string[] Extracted() => Directory.EnumerateFileSystemEntries(_target, "*", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(_target, p).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Extracts_only_manifests_charts_and_profiles()
    {
        Assert.Equal(V1185, Extract(TestArchive.Synthetic("1.18.5"), V1185));
        Assert.Equal(
            [
                "manifests", "manifests/charts", "manifests/charts/base", "manifests/charts/base/Chart.yaml", "manifests/charts/base/templates",
                "manifests/charts/base/templates/crds.yaml", "manifests/charts/istio-control", "manifests/charts/istio-control/istio-discovery",
                "manifests/charts/istio-control/istio-discovery/values.yaml", "manifests/profiles", "manifests/profiles/default.yaml",
                "manifests/profiles/minimal.yaml",
            ],
            Extracted());
        Assert.Equal("spec: {}\n", File.ReadAllText(Path.Combine(_target, "manifests", "profiles", "minimal.yaml")));
    }

    [Fact]
    public void Takes_the_version_from_the_top_folder_when_none_is_expected()
    {
        Assert.Equal(IstioVersion.Parse("1.31.0-rc.0"), Extract(TestArchive.Synthetic("1.31.0-rc.0")));
        Assert.Equal(IstioVersion.Parse("1.31.0-rc.0"), ReleaseArchiveExtractor.ReadVersion(new MemoryStream(TestArchive.Synthetic("1.31.0-rc.0")), "a", ReleaseLimits.Default));
    }

    [Fact]
    public void Accepts_names_with_a_leading_dot_slash()
    {
        var archive = TestArchive.Build(tar =>
        {
            TestArchive.File(tar, "./" + Top + "/manifests/charts/base/Chart.yaml", "name: base\n");
            TestArchive.File(tar, "./" + Top + "/manifests/profiles/default.yaml", "spec: {}\n");
        });
        Assert.Equal(V1185, Extract(archive));
        Assert.True(File.Exists(Path.Combine(_target, "manifests", "charts", "base", "Chart.yaml")));
    }

    [Fact]
    public void Refuses_another_version_than_expected()
    {
        var error = Assert.Throws<MeshException>(() => Extract(TestArchive.Synthetic("1.19.0"), V1185));
        Assert.Equal("IstioArchiveInvalid", error.ErrorId);
        Assert.Contains("1.19.0", error.Message);
    }

    [Fact]
    public void Refuses_an_archive_without_an_istio_version_folder()
    {
        var archive = TestArchive.Build(tar => TestArchive.File(tar, "manifests/charts/base/Chart.yaml", "x"));
        Assert.Contains("istio-<version>/", Refused(archive, "IstioArchiveInvalid").Message);
    }

    [Theory]
    [InlineData("charts")]
    [InlineData("profiles")]
    public void Refuses_an_archive_missing_charts_or_profiles(string missing)
    {
        var archive = TestArchive.Build(tar =>
        {
            if (missing != "charts") TestArchive.File(tar, Top + "/manifests/charts/base/Chart.yaml", "x");
            if (missing != "profiles") TestArchive.File(tar, Top + "/manifests/profiles/default.yaml", "x");
        });
        Assert.Contains($"manifests/{missing}", Refused(archive, "IstioArchiveInvalid").Message);
    }

    [Fact]
    public void Refuses_an_empty_archive_and_bytes_that_are_not_gzip()
    {
        Refused(TestArchive.Build(_ => { }), "IstioArchiveInvalid");
        Refused("this is not gzip at all, just text"u8.ToArray(), "IstioArchiveInvalid");
    }

    [Fact]
    public void Refuses_a_truncated_archive()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, Top + "/manifests/charts/big.bin", RandomBytes(200_000)));
        Refused(archive[..(archive.Length * 3 / 4)], "IstioArchiveInvalid");
    }

    [Theory]
    [InlineData(Top + "/manifests/charts/../../../escaped.txt")]
    [InlineData(Top + "/../escaped.txt")]
    [InlineData("../escaped.txt")]
    [InlineData(Top + "/samples/../../escaped.txt")]
    [InlineData("/tmp/escaped.txt")]
    [InlineData("/" + Top + "/manifests/charts/x.yaml")]
    [InlineData("C:/escaped.txt")]
    [InlineData(Top + "/manifests/charts\\..\\..\\escaped.txt")]
    [InlineData(Top + "/manifests/charts/a:b")]
    public void Refuses_entries_that_climb_out_or_are_absolute(string name)
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, name, "gotcha"));
        var error = Refused(archive, "IstioArchiveUnsafe");
        Assert.Equal(name, error.Target);
        Assert.False(File.Exists(Path.Combine(_work, "escaped.txt")));
        Assert.False(File.Exists(Path.Combine(_target, "escaped.txt")));
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink, "/etc/passwd")]
    [InlineData(TarEntryType.SymbolicLink, "../../../outside")]
    [InlineData(TarEntryType.HardLink, Top + "/manifests/profiles/default.yaml")]
    public void Refuses_links_in_the_extracted_folders(TarEntryType type, string linkTarget)
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.Link(tar, type, Top + "/manifests/charts/base/link", linkTarget));
        Assert.Contains("link", Refused(archive, "IstioArchiveUnsafe").Message);
        Assert.False(File.Exists(Path.Combine(_target, "manifests", "charts", "base", "link")));
    }

    [Fact]
    public void Skips_links_outside_the_extracted_folders()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.Link(tar, TarEntryType.SymbolicLink, Top + "/bin/istioctl-link", "istioctl"));
        Assert.Equal(V1185, Extract(archive));
        Assert.DoesNotContain(Extracted(), e => e.Contains("link", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.BlockDevice)]
    [InlineData(TarEntryType.Fifo)]
    public void Refuses_devices_and_pipes(TarEntryType type)
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => tar.WriteEntry(new PaxTarEntry(type, Top + "/manifests/profiles/dev")));
        Refused(archive, "IstioArchiveUnsafe");
    }

    [Fact]
    public void Refuses_an_entry_over_the_size_limit()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, Top + "/manifests/charts/huge.yaml", new byte[5000]));
        var error = Refused(archive, "IstioArchiveTooLarge", new ReleaseLimits { MaxEntryBytes = 4096 });
        Assert.Equal(MeshErrorKind.LimitsExceeded, error.Kind);
        Assert.Contains("huge.yaml", error.Message);
    }

    [Fact]
    public void Refuses_manifests_over_the_total_limit()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar =>
        {
            for (var i = 0; i < 5; i++) TestArchive.File(tar, $"{Top}/manifests/charts/part{i}.yaml", new byte[1000]);
        });
        Assert.Contains("extracted", Refused(archive, "IstioArchiveTooLarge", new ReleaseLimits { MaxExtractedBytes = 3000 }).Message);
    }

    [Fact]
    public void Stops_a_gzip_bomb_even_outside_the_extracted_folders()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, Top + "/samples/zeros.bin", new byte[4 * 1024 * 1024]));
        Assert.True(archive.Length < 64 * 1024, "zeros compress well: a small archive expands a lot");
        Assert.Contains("uncompressed", Refused(archive, "IstioArchiveTooLarge", new ReleaseLimits { MaxUncompressedBytes = 1024 * 1024 }).Message);
    }

    [Fact]
    public void Refuses_too_many_entries()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar =>
        {
            for (var i = 0; i < 50; i++) TestArchive.File(tar, $"{Top}/samples/f{i}", "x");
        });
        Refused(archive, "IstioArchiveTooLarge", new ReleaseLimits { MaxEntries = 40 });
    }

    [Fact]
    public void Does_not_apply_the_archive_s_file_modes()
    {
        if (OperatingSystem.IsWindows()) return;
        var archive = TestArchive.Build(tar =>
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, Top + "/manifests/charts/setuid.sh") { DataStream = new MemoryStream("x"u8.ToArray()), Mode = (UnixFileMode)0b111_111_111 | UnixFileMode.SetUser });
            TestArchive.File(tar, Top + "/manifests/profiles/default.yaml", "x");
        });
        Extract(archive);
        var mode = File.GetUnixFileMode(Path.Combine(_target, "manifests", "charts", "setuid.sh"));
        Assert.False(mode.HasFlag(UnixFileMode.SetUser));
        Assert.False(mode.HasFlag(UnixFileMode.OtherWrite));
    }

    [Fact]
    public void Observes_cancellation()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ReleaseArchiveExtractor.Extract(new MemoryStream(TestArchive.Synthetic("1.18.5")), "a", null, _target, ReleaseLimits.Default, cancelled.Token));
    }

    [SharedFact]
    public void Extracts_the_real_Istio_1_18_5_manifests_byte_for_byte()
    {
        var archive = TestArchive.FromManifests(SharedData.ReleaseManifests, "1.18.5");
        Assert.Equal(V1185, Extract(archive, V1185));
        var expected = Directory.EnumerateFiles(SharedData.ReleaseManifests, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SharedData.ReleaseManifests, f)).Order(StringComparer.Ordinal).ToArray();
        var manifests = Path.Combine(_target, "manifests");
        var actual = Directory.EnumerateFiles(manifests, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(manifests, f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, actual);
        foreach (var file in expected)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(SharedData.ReleaseManifests, file)), File.ReadAllBytes(Path.Combine(manifests, file)));
        }
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
