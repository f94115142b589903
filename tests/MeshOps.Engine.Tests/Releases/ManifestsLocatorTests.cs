using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class ManifestsLocatorTests
{
    [Fact]
    public void Both_path_and_version_is_an_error()
    {
        using var temp = new TempCache();
        var error = Assert.Throws<MeshException>(() => ManifestsLocator.Resolve(temp.Root, "1.18.5", () => temp.Cache));
        Assert.Equal("ManifestsPathAndVersion", error.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, error.Kind);
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
        Assert.Equal(temp.Root, ManifestsLocator.Resolve(temp.Root, null, () => throw new InvalidOperationException("the cache is not needed")));
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
        Assert.Equal(Path.Combine(temp.Root, "istio", "1.18.5", "manifests"), ManifestsLocator.Resolve(null, "1.18.5", () => temp.Cache));
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
            Assert.Equal(Path.Combine(temp.Root, "istio", "1.30.3", "manifests"), ManifestsLocator.Resolve(null, "1.30.3"));
            Assert.Equal(temp.Root, ReleaseCache.Default().Root);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MESHOPS_CACHE", saved);
        }
    }
}
