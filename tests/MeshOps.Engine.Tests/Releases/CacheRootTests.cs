using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;
using Platform = MeshOps.Engine.Releases.CacheRoot.CachePlatform;

namespace MeshOps.Engine.Tests.Releases;

public class CacheRootTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void MESHOPS_CACHE_wins_on_every_platform()
    {
        var custom = Path.Combine(Path.GetTempPath(), "custom-cache");
        foreach (var platform in Enum.GetValues<Platform>())
        {
            Assert.Equal(custom, CacheRoot.Resolve(Env(("MESHOPS_CACHE", custom), ("XDG_CACHE_HOME", "/xdg"), ("LOCALAPPDATA", "/local")), platform, "/home/u"));
        }
    }

    [Fact]
    public void Linux_uses_an_absolute_XDG_CACHE_HOME()
    {
        Assert.Equal(Path.Combine("/xdg/cache", "meshops"), CacheRoot.Resolve(Env(("XDG_CACHE_HOME", "/xdg/cache")), Platform.Unix, "/home/u"));
    }

    [Fact]
    public void Linux_ignores_a_relative_XDG_CACHE_HOME_and_falls_back_to_dot_cache()
    {
        Assert.Equal(Path.Combine("/home/u", ".cache", "meshops"), CacheRoot.Resolve(Env(("XDG_CACHE_HOME", "relative/cache")), Platform.Unix, "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "meshops"), CacheRoot.Resolve(Env(), Platform.Unix, "/home/u"));
    }

    [Fact]
    public void MacOS_uses_Library_Caches()
    {
        Assert.Equal(Path.Combine("/Users/u", "Library", "Caches", "meshops"), CacheRoot.Resolve(Env(("XDG_CACHE_HOME", "/xdg")), Platform.MacOS, "/Users/u"));
    }

    [Fact]
    public void Windows_uses_LOCALAPPDATA()
    {
        Assert.Equal(Path.Combine("/local/app", "meshops"), CacheRoot.Resolve(Env(("LOCALAPPDATA", "/local/app")), Platform.Windows, "/home/u"));
    }

    [Fact]
    public void Without_a_home_folder_asks_for_MESHOPS_CACHE()
    {
        var error = Assert.Throws<MeshException>(() => CacheRoot.Resolve(Env(), Platform.Unix, ""));
        Assert.Equal("ReleaseCacheUnavailable", error.ErrorId);
        Assert.Contains("MESHOPS_CACHE", error.Message);
        Assert.Equal("ReleaseCacheUnavailable", Assert.Throws<MeshException>(() => CacheRoot.Resolve(Env(), Platform.Windows, "/home/u")).ErrorId);
    }
}
