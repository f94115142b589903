using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;
using MeshOps.Engine.Tests.Kube;

namespace MeshOps.Engine.Tests.Releases;

public class ReleaseDownloaderTests : IDisposable
{
    private const string Archive = "istio-1.18.5-linux-amd64.tar.gz";
    private static readonly IstioVersion V1185 = IstioVersion.Parse("1.18.5");
    private readonly ReleaseServer _server = new();
    private readonly TempCache _temp = new();
    private readonly RecordingHost _host = new();

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    private ReleaseDownloader Downloader(ReleaseLimits? limits = null) => new(_temp.Cache) { Limits = limits ?? ReleaseLimits.Default };

    private Task<CachedRelease> Save(string folder = "mirror/1.18.5", bool force = false, ReleaseDownloader? downloader = null, CancellationToken cancel = default) =>
        (downloader ?? Downloader()).SaveAsync(V1185, _server.BaseUri(folder), force, _host, cancel);

    private async Task<MeshException> Fails(string errorId, Func<Task> save)
    {
        var error = await Assert.ThrowsAsync<MeshException>(save);
        Assert.Equal(errorId, error.ErrorId);
        Assert.Empty(_temp.Leftovers());
        Assert.Empty(_temp.Cache.List());
        return error;
    }

    [Fact]
    public void The_default_source_is_the_GitHub_release()
    {
        Assert.Equal("https://github.com/istio/istio/releases/download/1.31.0-rc.0/", ReleaseFiles.DefaultBaseUri(IstioVersion.Parse("1.31.0-rc.0")).ToString());
        Assert.Equal("istio-1.31.0-rc.0-linux-amd64.tar.gz", ReleaseFiles.ArchiveName(IstioVersion.Parse("1.31.0-rc.0")));
    }

    [Fact]
    public async Task Saves_verifies_and_extracts_the_manifests()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        _server.ServeRelease("mirror/1.18.5", "1.18.5", archive);

        var release = await Save();

        Assert.Equal(V1185, release.Version);
        Assert.Equal(Path.Combine(_temp.Root, "istio", "1.18.5"), release.Folder);
        Assert.Equal(Path.Combine(release.Folder, "manifests"), release.ManifestsPath);
        Assert.Equal(TestArchive.Sha256(archive), release.Sha256);
        Assert.Equal(_server.BaseUri("mirror/1.18.5") + Archive, release.Source);
        Assert.True(File.Exists(Path.Combine(release.ManifestsPath, "charts", "base", "Chart.yaml")));
        Assert.True(File.Exists(Path.Combine(release.ManifestsPath, "profiles", "default.yaml")));
        Assert.False(Directory.Exists(Path.Combine(release.Folder, "bin")));
        Assert.Equal(["1.18.5"], _temp.Leftovers());
        Assert.Equal(release, _temp.Cache.TryGet(V1185));
        Assert.Equal(release.ManifestsPath, _temp.Cache.GetManifestsPath(V1185));
        Assert.Equal(1, _server.HitsOf("/mirror/1.18.5/" + Archive));
        Assert.Equal(1, _server.HitsOf("/mirror/1.18.5/" + Archive + ".sha256"));
    }

    [Fact]
    public async Task Reports_download_progress_in_bytes_and_completes_it()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        _server.ServeRelease("m", "1.18.5", archive);
        await Save("m");
        var progress = _host.Progress.ToArray();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.Contains("Istio 1.18.5", p.Activity));
        Assert.True(progress[^1].Completed);
        Assert.Equal(100, progress[^1].PercentComplete);
        Assert.Contains(" MB", progress[^1].Status);
    }

    [Fact]
    public async Task A_mirror_address_without_a_trailing_slash_is_a_folder()
    {
        _server.ServeRelease("mirror/istio", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var noSlash = new Uri($"http://127.0.0.1:{_server.Port}/mirror/istio");
        var release = await Downloader().SaveAsync(V1185, noSlash, false, _host, default);
        Assert.EndsWith("/mirror/istio/" + Archive, release.Source);
    }

    [Fact]
    public async Task A_mirror_root_laid_out_like_GitHub_serves_each_version_from_its_folder()
    {
        _server.ServeRelease("mirror/1.18.5", "1.18.5", TestArchive.Synthetic("1.18.5"));
        _server.ServeRelease("mirror/1.20.8", "1.20.8", TestArchive.Synthetic("1.20.8"));
        var root = _server.BaseUri("mirror");

        var first = await Downloader().SaveAsync(V1185, root, false, _host, default);
        var second = await Downloader().SaveAsync(IstioVersion.Parse("1.20.8"), root, false, _host, default);

        Assert.Equal(root + "1.18.5/" + Archive, first.Source);
        Assert.Equal(root + "1.20.8/istio-1.20.8-linux-amd64.tar.gz", second.Source);
        Assert.Equal(0, _server.HitsOf("/mirror/" + Archive + ".sha256"));
        Assert.Equal(["1.18.5", "1.20.8"], _temp.Leftovers());
    }

    [Fact]
    public async Task A_folder_of_one_release_is_used_after_the_version_folder_is_not_found_and_Verbose_says_so()
    {
        _server.ServeRelease("one", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var release = await Save("one");
        Assert.Equal(_server.BaseUri("one") + Archive, release.Source);
        Assert.Equal(1, _server.HitsOf("/one/1.18.5/" + Archive + ".sha256"));
        Assert.Equal(0, _server.HitsOf("/one/1.18.5/" + Archive));
        Assert.Contains(_host.Verbose, m => m.Contains("/one/1.18.5/" + Archive + ".sha256") && m.Contains("404"));
        Assert.Contains(_host.Verbose, m => m.Contains("Using the release folder " + _server.BaseUri("one")));
    }

    [Fact]
    public async Task The_version_folder_wins_over_loose_files_of_the_same_name_in_the_root()
    {
        var nested = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/manifests/charts/nested.yaml", "n"));
        _server.ServeRelease("m/1.18.5", "1.18.5", nested);
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var release = await Save("m");
        Assert.Equal(TestArchive.Sha256(nested), release.Sha256);
        Assert.Equal(0, _server.HitsOf("/m/" + Archive + ".sha256"));
    }

    [Fact]
    public async Task A_broken_download_in_the_version_folder_does_not_fall_back_to_the_root()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        _server.ServeRelease("m/1.18.5", "1.18.5", TestArchive.Synthetic("1.18.5"), truncate: true);
        // The checksum is fine, the archive breaks: the save fails there rather than trying the root's copy.
        await Fails("IstioReleaseDownloadFailed", () => Save("m"));
        Assert.Equal(0, _server.HitsOf("/m/" + Archive));
    }

    [Fact]
    public void The_default_source_is_only_the_version_folder_of_the_GitHub_root()
    {
        Assert.Equal(["https://github.com/istio/istio/releases/download/1.18.5/"],
            ReleaseDownloader.CandidateFolders(null, V1185).Select(u => u.ToString()));
        Assert.Equal(["https://github.com/istio/istio/releases/download/1.18.5/", "https://github.com/istio/istio/releases/download/"],
            ReleaseDownloader.CandidateFolders(new Uri(ReleaseFiles.GitHubReleases), V1185).Select(u => u.ToString()));
    }

    [Fact]
    public async Task Saving_a_cached_version_again_does_not_download()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var first = await Save("m");
        var second = await Save("m");
        Assert.Equal(first, second);
        Assert.Equal(1, _server.HitsOf("/m/" + Archive));
        Assert.Equal(1, _server.HitsOf("/m/" + Archive + ".sha256"));
        Assert.Contains(_host.Verbose, m => m.Contains("already cached") && m.Contains("-Force"));
    }

    [Fact]
    public async Task Force_downloads_again_and_replaces_the_release()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var first = await Save("m");
        File.WriteAllText(Path.Combine(first.ManifestsPath, "charts", "stale.yaml"), "left from before");
        var newer = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/manifests/charts/new.yaml", "new"));
        _server.ServeRelease("m", "1.18.5", newer);

        var second = await Save("m", force: true);

        Assert.Equal(2, _server.HitsOf("/m/" + Archive));
        Assert.Equal(TestArchive.Sha256(newer), second.Sha256);
        Assert.True(File.Exists(Path.Combine(second.ManifestsPath, "charts", "new.yaml")));
        Assert.False(File.Exists(Path.Combine(second.ManifestsPath, "charts", "stale.yaml")));
        Assert.Equal(["1.18.5"], _temp.Leftovers());
    }

    [Fact]
    public async Task A_checksum_mismatch_leaves_nothing_behind()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        var other = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/manifests/charts/x", "x"));
        _server.ServeRelease("m", "1.18.5", archive, TestArchive.ChecksumFile(other, Archive));
        var error = await Fails("IstioReleaseChecksumMismatch", () => Save("m"));
        Assert.Equal(MeshErrorKind.InvalidData, error.Kind);
        Assert.Contains(TestArchive.Sha256(archive), error.Message);
        Assert.Contains(TestArchive.Sha256(other), error.Message);
    }

    [Fact]
    public async Task A_truncated_download_leaves_nothing_behind()
    {
        var archive = TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/samples/noise.bin", Noise(300_000)));
        _server.ServeRelease("m", "1.18.5", archive, truncate: true);
        var error = await Fails("IstioReleaseDownloadFailed", () => Save("m"));
        Assert.Contains("run the command again", error.Message);
    }

    [Fact]
    public async Task A_missing_release_is_a_404_that_says_to_check_the_version()
    {
        var error = await Fails("IstioReleaseDownloadFailed", () => Save("nothing-here"));
        Assert.Equal(MeshErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("404", error.Message);
        Assert.Contains("/nothing-here/1.18.5/" + Archive + ".sha256", error.Message);
        Assert.Contains("nor at " + _server.BaseUri("nothing-here") + Archive + ".sha256", error.Message);
        Assert.Equal(1, _server.HitsOf("/nothing-here/1.18.5/" + Archive + ".sha256"));
        Assert.Equal(1, _server.HitsOf("/nothing-here/" + Archive + ".sha256"));
        Assert.Equal(0, _server.HitsOf("/nothing-here/" + Archive));
    }

    [Fact]
    public async Task A_missing_archive_beside_its_checksum_is_a_404()
    {
        _server.Serve("/m/" + Archive + ".sha256", TestArchive.ChecksumFile(TestArchive.Synthetic("1.18.5"), Archive));
        Assert.Contains("404", (await Fails("IstioReleaseDownloadFailed", () => Save("m"))).Message);
    }

    [Fact]
    public async Task A_refused_connection_means_offline_and_points_to_Path()
    {
        var closed = new Uri($"http://127.0.0.1:{ReleaseServer.FreePort()}/istio/");
        var error = await Assert.ThrowsAsync<MeshException>(() => Downloader().SaveAsync(V1185, closed, false, _host, default));
        Assert.Equal("IstioReleaseDownloadFailed", error.ErrorId);
        Assert.Equal(MeshErrorKind.ConnectionError, error.Kind);
        Assert.Contains("offline", error.Message);
        Assert.Contains("Save-MeshRelease -Path", error.Message);
        Assert.Empty(_temp.Leftovers());
    }

    [Theory]
    [InlineData("ftp://mirror.example/istio/")]
    [InlineData("file:///srv/istio/")]
    [InlineData("https://mirror.example/istio/?token=1")]
    public async Task Refuses_a_mirror_that_is_not_an_http_folder(string address)
    {
        var error = await Assert.ThrowsAsync<MeshException>(() => Downloader().SaveAsync(V1185, new Uri(address), false, _host, default));
        Assert.Equal("ReleaseBaseUriInvalid", error.ErrorId);
    }

    [Fact]
    public async Task Refuses_a_relative_mirror_address()
    {
        var error = await Assert.ThrowsAsync<MeshException>(() => Downloader().SaveAsync(V1185, new Uri("istio/1.18.5", UriKind.Relative), false, _host, default));
        Assert.Equal("ReleaseBaseUriInvalid", error.ErrorId);
    }

    [Fact]
    public async Task A_checksum_file_for_another_archive_is_refused()
    {
        var archive = TestArchive.Synthetic("1.18.5");
        _server.ServeRelease("m", "1.18.5", archive, TestArchive.ChecksumFile(archive, "istio-1.18.5-osx.tar.gz"));
        await Fails("IstioChecksumFileInvalid", () => Save("m"));
        Assert.Equal(0, _server.HitsOf("/m/" + Archive));
    }

    [Fact]
    public async Task An_archive_with_a_traversal_entry_is_refused_even_with_a_good_checksum()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/manifests/charts/../../../../evil", "x")));
        await Fails("IstioArchiveUnsafe", () => Save("m"));
        Assert.False(File.Exists(Path.Combine(_temp.Root, "evil")));
    }

    [Fact]
    public async Task An_archive_of_another_version_is_refused()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.19.0"));
        await Fails("IstioArchiveInvalid", () => Save("m"));
    }

    [Fact]
    public async Task An_archive_over_the_size_limit_is_refused_while_downloading()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/samples/noise.bin", Noise(100_000))));
        await Fails("IstioArchiveTooLarge", () => Save("m", downloader: Downloader(new ReleaseLimits { MaxArchiveBytes = 50_000 })));
    }

    [Fact]
    public async Task Concurrent_saves_of_one_version_download_it_once()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5", tar => TestArchive.File(tar, "istio-1.18.5/samples/noise.bin", Noise(500_000))));
        var saves = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Save("m"))).ToArray();
        var releases = await Task.WhenAll(saves);
        Assert.All(releases, r => Assert.Equal(releases[0].Sha256, r.Sha256));
        Assert.Equal(1, _server.HitsOf("/m/" + Archive));
        Assert.Equal(["1.18.5"], _temp.Leftovers());
        Assert.Single(_temp.Cache.List());
    }

    [Fact]
    public async Task Concurrent_forced_saves_each_leave_a_complete_release()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Save("m", force: true))));
        Assert.Equal(3, _server.HitsOf("/m/" + Archive));
        Assert.Equal(["1.18.5"], _temp.Leftovers());
        Assert.NotNull(_temp.Cache.TryGet(V1185));
    }

    [Fact]
    public async Task A_lock_held_elsewhere_ends_in_ReleaseCacheBusy_when_the_wait_is_over()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var downloader = new ReleaseDownloader(_temp.Cache) { LockWait = TimeSpan.Zero };
        Directory.CreateDirectory(_temp.Cache.ReleasesFolder);
        using (new FileStream(downloader.LockPath(V1185), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var error = await Assert.ThrowsAsync<MeshException>(() => downloader.SaveAsync(V1185, _server.BaseUri("m"), false, _host, default));
            Assert.Equal("ReleaseCacheBusy", error.ErrorId);
            Assert.Equal(MeshErrorKind.OperationTimeout, error.Kind);
        }
        Assert.Equal(0, _server.HitsOf("/m/" + Archive));
        await downloader.SaveAsync(V1185, _server.BaseUri("m"), false, _host, default);
        Assert.Equal(1, _server.HitsOf("/m/" + Archive));
    }

    [Fact]
    public async Task Cancellation_stops_the_save_and_leaves_nothing_behind()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Save("m", cancel: cancel.Token));
        Assert.Empty(_temp.Leftovers());
    }

    [Fact]
    public async Task Removes_what_an_interrupted_save_of_the_version_left_behind()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        var folder = _temp.Cache.ReleasesFolder;
        Directory.CreateDirectory(Path.Combine(folder, ".extract-1.18.5-0123", "manifests", "charts"));
        File.WriteAllText(Path.Combine(folder, ".download-1.18.5-0123.tar.gz"), "partial");
        Directory.CreateDirectory(Path.Combine(folder, ".extract-1.30.3-0123"));
        await Save("m");
        Assert.Equal([".extract-1.30.3-0123", "1.18.5"], _temp.Leftovers());
    }

    [Fact]
    public async Task A_cache_root_that_is_a_file_is_ReleaseCacheUnavailable()
    {
        _server.ServeRelease("m", "1.18.5", TestArchive.Synthetic("1.18.5"));
        File.WriteAllText(_temp.Cache.ReleasesFolder, "a file where the istio folder should be");
        var error = await Assert.ThrowsAsync<MeshException>(() => Save("m"));
        Assert.Equal("ReleaseCacheUnavailable", error.ErrorId);
    }

    [SharedFact]
    public async Task Saves_the_real_Istio_1_18_5_manifests()
    {
        _server.ServeRelease("istio/1.18.5", "1.18.5", TestArchive.FromManifests(SharedData.ReleaseManifests, "1.18.5"));
        var release = await Save("istio/1.18.5");
        var expected = Directory.EnumerateFiles(SharedData.ReleaseManifests, "*", SearchOption.AllDirectories).Count();
        Assert.Equal(expected, Directory.EnumerateFiles(release.ManifestsPath, "*", SearchOption.AllDirectories).Count());
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(SharedData.ReleaseManifests, "profiles", "default.yaml")),
            File.ReadAllBytes(Path.Combine(release.ManifestsPath, "profiles", "default.yaml")));
    }

    internal static byte[] Noise(int count)
    {
        var bytes = new byte[count];
        new Random(11).NextBytes(bytes);
        return bytes;
    }
}
