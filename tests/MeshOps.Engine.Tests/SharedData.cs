namespace MeshOps.Engine.Tests;

/// <summary>Finds ../shared (Istio's charts and istioctl's test suite) from the repository root.</summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The shared folder, or null when this checkout has none beside it.</summary>
    public static string? Path => Root.Value;

    public static string Istio => System.IO.Path.Combine(Require(), "istio", "1.18.5");

    /// <summary>The release of <see cref="Istio"/>: its copies carry the development chart version, so requests name it.</summary>
    public static readonly MeshOps.Engine.Releases.IstioVersion Release1185 = MeshOps.Engine.Releases.IstioVersion.Parse("1.18.5");
    public static string ReleaseManifests => System.IO.Path.Combine(Istio, "release", "manifests");
    public static string ManifestGenerate => System.IO.Path.Combine(Istio, "manifest-generate");

    public const string MissingReason = "../shared is not beside this checkout (Istio 1.18.5 reference data); CI has it";

    public static string Require() => Path ?? throw new InvalidOperationException(MissingReason);

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MESHOPS_SHARED");
        if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv)) return System.IO.Path.GetFullPath(fromEnv);
        // The test binaries may live outside the repository (dotnet test --artifacts-path), so also search from
        // where this source file was compiled.
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
            {
                if (!File.Exists(System.IO.Path.Combine(dir.FullName, "build.ps1"))) continue;
                var candidate = System.IO.Path.Combine(dir.FullName, "..", "shared");
                if (Directory.Exists(System.IO.Path.Combine(candidate, "istio"))) return System.IO.Path.GetFullPath(candidate);
                break;
            }
        }
        return null;
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        System.IO.Path.GetDirectoryName(path) ?? ".";
}

/// <summary>A fact that skips, with the reason, when ../shared is absent.</summary>
public sealed class SharedFactAttribute : FactAttribute
{
    public SharedFactAttribute()
    {
        if (SharedData.Path == null) Skip = SharedData.MissingReason;
    }
}

/// <summary>A theory that skips, with the reason, when ../shared is absent.</summary>
public sealed class SharedTheoryAttribute : TheoryAttribute
{
    public SharedTheoryAttribute()
    {
        if (SharedData.Path == null) Skip = SharedData.MissingReason;
    }
}
