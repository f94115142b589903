using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// Where MeshOps keeps its cache: $MESHOPS_CACHE when set, else "meshops" in the platform's user cache folder
/// (the folders Go's os.UserCacheDir picks: $XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on macOS,
/// %LOCALAPPDATA% on Windows).
/// </summary>
public static class CacheRoot
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string EnvironmentVariable = "MESHOPS_CACHE";

    /// <summary>The cache folder for this process, read from the environment on every call.</summary>
    public static string Resolve() => Resolve(
        Environment.GetEnvironmentVariable,
        OperatingSystem.IsWindows() ? CachePlatform.Windows : OperatingSystem.IsMacOS() ? CachePlatform.MacOS : CachePlatform.Unix,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    internal enum CachePlatform { Unix, MacOS, Windows }

    internal static string Resolve(Func<string, string?> getEnvironment, CachePlatform platform, string? home)
    {
        var overridden = getEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(overridden)) return Path.GetFullPath(overridden);

        string? userCache = platform switch
        {
            CachePlatform.Windows => NonEmpty(getEnvironment("LOCALAPPDATA")),
            CachePlatform.MacOS => NonEmpty(home) is { } h ? Path.Combine(h, "Library", "Caches") : null,
            // XDG says a relative $XDG_CACHE_HOME is invalid and must be ignored.
            _ => NonEmpty(getEnvironment("XDG_CACHE_HOME")) is { } xdg && Path.IsPathRooted(xdg) ? xdg
                : NonEmpty(home) is { } h2 ? Path.Combine(h2, ".cache") : null,
        };
        if (userCache == null)
        {
            throw new MeshException(ReleaseErrors.ReleaseCacheUnavailable, MeshErrorKind.ResourceUnavailable,
                $"No user cache folder can be found (no home folder{(platform == CachePlatform.Windows ? " or LOCALAPPDATA" : "")}). " +
                $"Set the {EnvironmentVariable} environment variable to a folder MeshOps may write to.");
        }
        return Path.Combine(userCache, "meshops");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
