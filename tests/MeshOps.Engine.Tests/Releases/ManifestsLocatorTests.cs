using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class ManifestsLocatorTests
{
    [Fact]
    public void Path_and_version_render_the_folder_as_that_release()
    {
        using var temp = new TempCache();
        WriteChart(temp.Root, ReleaseManifests.DevelopmentChartVersion);
        var located = ManifestsLocator.Resolve(temp.Root, "1.28.10", () => throw new InvalidOperationException("the cache is not needed"));
        Assert.Equal(temp.Root, located.Path);
        Assert.Equal("1.28.10", located.Version.ToString());
    }

    [Fact]
    public void A_folder_that_cannot_tell_its_release_needs_Version()
    {
        using var temp = new TempCache();
        WriteChart(temp.Root, ReleaseManifests.DevelopmentChartVersion);
        var error = Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(temp.Root, null, () => temp.Cache));
        Assert.Equal("ManifestsVersionUnknown", error.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-Version", error.Message);
    }

    [Fact]
    public void A_release_folder_tells_its_own_version_and_a_contradicting_Version_is_an_error()
    {
        using var temp = new TempCache();
        WriteChart(temp.Root, "1.26.8");
        Assert.Equal("1.26.8", ManifestsLocator.Resolve(temp.Root, null, () => temp.Cache).Version.ToString());
        Assert.Equal("1.26.8", ManifestsLocator.Resolve(temp.Root, "1.26.8", () => temp.Cache).Version.ToString());
        var error = Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(temp.Root, "1.24.6", () => temp.Cache));
        Assert.Equal("ManifestsVersionMismatch", error.ErrorId);
        Assert.Contains("-Version 1.26.8", error.Message);
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("1.18.5", false, false)]
    [InlineData(null, true, false)]
    [InlineData("1.18.5", false, true)]
    public void A_folder_without_charts_and_profiles_is_ManifestsNotFound_before_its_release_is_asked(string? version, bool charts, bool profiles)
    {
        using var temp = new TempCache();
        if (charts) WriteChart(temp.Root, ReleaseManifests.DevelopmentChartVersion, profiles: false);
        if (profiles) Directory.CreateDirectory(Path.Combine(temp.Root, "profiles"));
        var error = Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(temp.Root, version, () => temp.Cache));
        Assert.Equal("ManifestsNotFound", error.ErrorId);
        Assert.Equal(MeshErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("is not the manifests folder of an Istio release", error.Message);
        Assert.Equal(!profiles, error.Message.Contains("no profiles/"));
        Assert.Equal(!charts, error.Message.Contains("no charts/"));
        Assert.Contains("-Version", error.Message);
    }

    private static void WriteChart(string manifests, string version, bool profiles = true)
    {
        if (profiles) Directory.CreateDirectory(Path.Combine(manifests, "profiles"));
        Directory.CreateDirectory(Path.Combine(manifests, "charts", "base"));
        File.WriteAllText(Path.Combine(manifests, "charts", "base", "Chart.yaml"), $"apiVersion: v2\nname: base\nversion: {version}\nappVersion: {version}\n");
    }

    [Fact]
    public void Neither_asks_for_ManifestsPath_or_Version_after_Save_MeshRelease()
    {
        using var temp = new TempCache();
        var error = Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(null, " ", () => temp.Cache));
        Assert.Equal("ManifestsPathRequired", error.ErrorId);
        Assert.Contains("-ManifestsPath", error.Message);
        Assert.Contains("-Version", error.Message);
        Assert.Contains("Save-MeshRelease", error.Message);
    }

    [Fact]
    public void A_path_is_returned_as_given_when_it_exists()
    {
        using var temp = new TempCache();
        WriteChart(temp.Root, "1.18.5");
        Assert.Equal(temp.Root, ManifestsLocator.Resolve(temp.Root, null, () => throw new InvalidOperationException("the cache is not needed")).Path);
    }

    [Fact]
    public void A_missing_path_is_ManifestsPathNotFound()
    {
        using var temp = new TempCache();
        var missing = Path.Combine(temp.Root, "nope");
        Assert.Equal("ManifestsPathNotFound", Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(missing, null, () => temp.Cache)).ErrorId);
    }

    [Fact]
    public void A_version_resolves_through_the_cache()
    {
        using var temp = new TempCache();
        ReleaseCacheTests.Plant(temp.Cache, "1.18.5");
        var located = ManifestsLocator.Resolve(null, "1.18.5", () => temp.Cache);
        Assert.Equal(Path.Combine(temp.Root, "istio", "1.18.5", "manifests"), located.Path);
        Assert.Equal("1.18.5", located.Version.ToString());
        Assert.Equal("IstioReleaseNotCached", Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(null, "1.30.3", () => temp.Cache)).ErrorId);
        Assert.Equal("IstioVersionInvalid", Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(null, "latest", () => temp.Cache)).ErrorId);
    }

    [Fact]
    public void The_public_overload_uses_MESHOPS_CACHE()
    {
        using var temp = new TempCache();
        ReleaseCacheTests.Plant(temp.Cache, "1.30.3");
        var saved = Environment.GetEnvironmentVariable("MESHOPS_CACHE");
        try
        {
            Environment.SetEnvironmentVariable("MESHOPS_CACHE", temp.Root);
            Assert.Equal(Path.Combine(temp.Root, "istio", "1.30.3", "manifests"), ManifestsLocator.Resolve(null, "1.30.3").Path);
            Assert.Equal(temp.Root, ReleaseCache.Default().Root);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MESHOPS_CACHE", saved);
        }
    }
}
