using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Releases;

public class ReleaseImportTests : IDisposable
{
    private readonly TempCache _temp = new();
    private readonly RecordingHost _host = new();

    public void Dispose() => _temp.Dispose();

    private string Write(string name, byte[] archive, string? checksum = null)
    {
        var path = _temp.Scratch(name);
        File.WriteAllBytes(path, archive);
        if (checksum != null) File.WriteAllText(path + ".sha256", checksum);
        return path;
    }

    private Task<CachedRelease> Import(string path, string? version = null, bool force = false) =>
        new ReleaseDownloader(_temp.Cache).ImportAsync(path, version == null ? null : IstioVersion.Parse(version), force, _host, default);

    [Fact]
    public async Task Imports_an_archive_taking_its_version_from_the_top_folder()
    {
        var archive = TestArchive.Synthetic("1.31.0-rc.0");
        var path = Write("istio-1.31.0-rc.0-linux-amd64.tar.gz", archive);
        var release = await Import(path);
        Assert.Equal("1.31.0-rc.0", release.Version.ToString());
        Assert.Equal(path, release.Source);
        Assert.Equal(TestArchive.Sha256(archive), release.Sha256);
        Assert.True(File.Exists(Path.Combine(release.ManifestsPath, "profiles", "minimal.yaml")));
        Assert.Contains(_host.Verbose, m => m.Contains("not verified"));
        Assert.Equal(["1.31.0-rc.0"], _temp.Leftovers());
    }

    [Fact]
    public async Task Verifies_a_checksum_file_beside_the_archive()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        var path = Write("istio-1.18.5-linux-amd64.tar.gz", archive, TestArchive.ChecksumFile(archive, "istio-1.18.5-linux-amd64.tar.gz"));
        var release = await Import(path, "1.18.5");
        Assert.Equal(TestArchive.Sha256(archive), release.Sha256);
        Assert.Contains(_host.Verbose, m => m.Contains("matches"));
    }

    [Fact]
    public async Task A_checksum_file_that_disagrees_stops_the_import()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        var path = Write("istio-1.18.5-linux-amd64.tar.gz", archive, TestArchive.ChecksumFile(TestArchive.Synthetic("1.18.6"), "istio-1.18.5-linux-amd64.tar.gz"));
        var error = await Assert.ThrowsAsync<MeshException>(() => Import(path));
        Assert.Equal("IstioReleaseChecksumMismatch", error.ErrorId);
        Assert.Empty(_temp.Leftovers());
    }

    [Fact]
    public async Task A_version_that_differs_from_the_archive_is_refused()
    {
        var path = Write("a.tar.gz", TestArchive.Synthetic("1.18.5"));
        var error = await Assert.ThrowsAsync<MeshException>(() => Import(path, "1.30.3"));
        Assert.Equal("IstioArchiveInvalid", error.ErrorId);
        Assert.Empty(_temp.Leftovers());
    }

    [Fact]
    public async Task A_missing_archive_is_IstioArchiveNotFound()
    {
        var error = await Assert.ThrowsAsync<MeshException>(() => Import(_temp.Scratch("nope.tar.gz")));
        Assert.Equal("IstioArchiveNotFound", error.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, error.Kind);
    }

    [Fact]
    public async Task A_hostile_archive_is_refused_and_leaves_nothing_behind()
    {
        var path = Write("bad.tar.gz", TestArchive.Synthetic("1.18.5", tar =>
            TestArchive.Link(tar, System.Formats.Tar.TarEntryType.SymbolicLink, "istio-1.18.5/manifests/profiles/evil.yaml", "/etc/shadow")));
        var error = await Assert.ThrowsAsync<MeshException>(() => Import(path));
        Assert.Equal("IstioArchiveUnsafe", error.ErrorId);
        Assert.Empty(_temp.Leftovers());
    }

    [Fact]
    public async Task Importing_a_cached_version_keeps_it_unless_forced()
    {
        var first = await Import(Write("one.tar.gz", TestArchive.Synthetic("1.18.5")));
        var otherArchive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/manifests/charts/extra.yaml", "x"));
        var otherPath = Write("two.tar.gz", otherArchive);

        var kept = await Import(otherPath);
        Assert.Equal(first, kept);

        var replaced = await Import(otherPath, force: true);
        Assert.Equal(TestArchive.Sha256(otherArchive), replaced.Sha256);
        Assert.Equal(otherPath, replaced.Source);
        Assert.True(File.Exists(Path.Combine(replaced.ManifestsPath, "charts", "extra.yaml")));
    }

    [Fact]
    public async Task An_archive_over_the_size_limit_is_refused_before_reading_it()
    {
        var path = Write("big.tar.gz", TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/samples/n", ReleaseDownloaderTests.Noise(20_000))));
        var downloader = new ReleaseDownloader(_temp.Cache) { Limits = new ReleaseLimits { MaxArchiveBytes = 10_000 } };
        var error = await Assert.ThrowsAsync<MeshException>(() => downloader.ImportAsync(path, null, false, _host, default));
        Assert.Equal("IstioArchiveTooLarge", error.ErrorId);
    }

    [Fact]
    public async Task An_endless_input_whose_length_says_zero_stops_at_the_size_limit()
    {
        // /dev/zero: FileInfo.Length is 0, reading never ends; the checksum must read within the cap.
        if (!File.Exists("/dev/zero")) return;
        var downloader = new ReleaseDownloader(_temp.Cache) { Limits = new ReleaseLimits { MaxArchiveBytes = 1_000_000 } };
        var error = await Assert.ThrowsAsync<MeshException>(() => downloader.ImportAsync("/dev/zero", IstioVersion.Parse("1.18.5"), false, _host, default));
        Assert.Equal("IstioArchiveTooLarge", error.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, error.Kind);
        Assert.Contains("/dev/zero was refused: the archive is over the limit of 1,000,000 bytes", error.Message);
        Assert.Empty(_temp.Leftovers());
    }
}
