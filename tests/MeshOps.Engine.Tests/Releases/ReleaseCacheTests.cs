using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class ReleaseCacheTests
{
    private static readonly IstioVersion V1185 = IstioVersion.Parse("1.18.5");

    /// <summary>Writes a complete version folder by hand, as a save would leave it.</summary>
    internal static void Plant(ReleaseCache cache, string version, bool charts = true, bool profiles = true, string? metadataVersion = null)
    {
        var folder = Path.Combine(cache.ReleasesFolder, version);
        if (charts) Directory.CreateDirectory(Path.Combine(folder, "manifests", "charts"));
        if (profiles) Directory.CreateDirectory(Path.Combine(folder, "manifests", "profiles"));
        Directory.CreateDirectory(folder);
        ReleaseMetadata.Write(folder, IstioVersion.Parse(metadataVersion ?? version), new string('b', 64), "https://example.test/" + version, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
    }

    [Fact]
    public void Releases_live_in_root_istio_version()
    {
        using var temp = new TempCache();
        Assert.Equal(Path.Combine(temp.Root, "istio"), temp.Cache.ReleasesFolder);
        Assert.Equal(Path.Combine(temp.Root, "istio", "1.31.0-rc.0"), temp.Cache.GetReleaseFolder(IstioVersion.Parse("1.31.0-rc.0")));
    }

    [Fact]
    public void An_empty_cache_lists_nothing()
    {
        using var temp = new TempCache();
        Assert.Empty(temp.Cache.List());
        Assert.Null(temp.Cache.TryGet(V1185));
    }

    [Fact]
    public void Lists_complete_releases_in_version_order_and_reads_their_metadata()
    {
        using var temp = new TempCache();
        Plant(temp.Cache, "1.30.3");
        Plant(temp.Cache, "1.18.5");
        Plant(temp.Cache, "1.31.0-rc.0");
        var list = temp.Cache.List();
        Assert.Equal(["1.18.5", "1.30.3", "1.31.0-rc.0"], list.Select(r => r.Version.ToString()));
        var release = list[0];
        Assert.Equal(Path.Combine(temp.Root, "istio", "1.18.5", "manifests"), release.ManifestsPath);
        Assert.Equal(new string('b', 64), release.Sha256);
        Assert.Equal("https://example.test/1.18.5", release.Source);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), release.SavedAt);
    }

    [Fact]
    public void Ignores_incomplete_foreign_and_temporary_folders()
    {
        using var temp = new TempCache();
        Plant(temp.Cache, "1.18.5");
        Plant(temp.Cache, "1.19.0", profiles: false);
        Plant(temp.Cache, "1.20.0", charts: false);
        Plant(temp.Cache, "1.21.0", metadataVersion: "1.21.1");
        Directory.CreateDirectory(Path.Combine(temp.Cache.ReleasesFolder, "1.22.0", "manifests", "charts"));
        Directory.CreateDirectory(Path.Combine(temp.Cache.ReleasesFolder, "1.22.0", "manifests", "profiles"));
        Directory.CreateDirectory(Path.Combine(temp.Cache.ReleasesFolder, ".extract-1.23.0-abc", "manifests", "charts"));
        Directory.CreateDirectory(Path.Combine(temp.Cache.ReleasesFolder, "latest"));
        File.WriteAllText(Path.Combine(temp.Cache.ReleasesFolder, ".1.18.5.lock"), "");
        Plant(temp.Cache, "1.24.0");
        File.WriteAllText(Path.Combine(temp.Cache.ReleasesFolder, "1.24.0", "release.json"), "{ not json");

        Assert.Equal(["1.18.5"], temp.Cache.List().Select(r => r.Version.ToString()));
        Assert.Null(temp.Cache.TryGet(IstioVersion.Parse("1.21.0")));
        Assert.Null(temp.Cache.TryGet(IstioVersion.Parse("1.24.0")));
    }

    [Fact]
    public void GetManifestsPath_returns_the_manifests_folder_of_a_cached_release()
    {
        using var temp = new TempCache();
        Plant(temp.Cache, "1.18.5");
        Assert.Equal(Path.Combine(temp.Root, "istio", "1.18.5", "manifests"), temp.Cache.GetManifestsPath("1.18.5"));
    }

    [Fact]
    public void GetManifestsPath_of_an_uncached_version_names_Save_MeshRelease()
    {
        using var temp = new TempCache();
        var error = Assert.Throws<MeshException>(() => temp.Cache.GetManifestsPath(V1185));
        Assert.Equal("IstioReleaseNotCached", error.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("Save-MeshRelease -Version 1.18.5", error.Message);
        Assert.DoesNotContain("-Path", error.Message);
    }

    [Fact]
    public void GetManifestsPath_offline_also_names_the_archive_import()
    {
        using var temp = new TempCache();
        temp.Cache.NetworkAvailable = () => false;
        var error = Assert.Throws<MeshException>(() => temp.Cache.GetManifestsPath(V1185));
        Assert.Contains("Save-MeshRelease -Version 1.18.5", error.Message);
        Assert.Contains("Save-MeshRelease -Path <archive>", error.Message);
        Assert.Contains("istio-1.18.5-linux-amd64.tar.gz", error.Message);
    }

    [Fact]
    public void GetManifestsPath_validates_the_version_text()
    {
        using var temp = new TempCache();
        Assert.Equal("IstioVersionInvalid", Assert.Throws<MeshException>(() => temp.Cache.GetManifestsPath("../../etc")).ErrorId);
    }
}
