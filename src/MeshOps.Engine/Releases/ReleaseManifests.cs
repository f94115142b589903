using MeshOps.Engine.Hosting;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Releases;

/// <summary>
/// Which Istio release a manifests folder is. Istio's release build stamps the release version into every chart's
/// Chart.yaml (istio/release-builder pkg/build/helm.go); copies taken from the source tree keep the placeholder
/// 1.0.0, so they cannot tell which release they are and need -Version.
/// </summary>
public static class ReleaseManifests
{
    /// <summary>The chart version of a development copy (Istio's source tree), never a release's.</summary>
    public const string DevelopmentChartVersion = "1.0.0";

    // Charts every release since 1.18 ships; the first one present answers.
    private static readonly string[] VersionCharts = { "base", Path.Combine("istio-control", "istio-discovery") };

    /// <summary>The release the folder's charts say they are, or null for a development copy (or no readable chart).</summary>
    public static IstioVersion? ReadVersion(string manifestsPath)
    {
        ArgumentNullException.ThrowIfNull(manifestsPath);
        foreach (var chart in VersionCharts)
        {
            var file = Path.Combine(manifestsPath, "charts", chart, "Chart.yaml");
            if (!File.Exists(file)) continue;
            object? parsed;
            try
            {
                parsed = GoYaml.Parse(File.ReadAllText(file), new YamlReadOptions { SourceName = file });
            }
            catch (YamlParseException)
            {
                return null; // the chart loader reports a broken Chart.yaml with its position when it renders
            }
            var text = (parsed as Dictionary<string, object?>)?.GetValueOrDefault("version") as string;
            if (text == DevelopmentChartVersion) return null;
            return IstioVersion.TryParse(text, out var version) ? version : null;
        }
        return null;
    }

    /// <summary>
    /// The release whose rules apply to <paramref name="manifestsPath"/>: <paramref name="given"/> (-Version) when
    /// the folder agrees or cannot tell, else the folder's own. A folder that cannot tell, without -Version, and a
    /// -Version the folder contradicts, are errors: rendering never falls back to another release's rules.
    /// </summary>
    /// <exception cref="MeshException">ManifestsVersionUnknown, ManifestsVersionMismatch.</exception>
    public static IstioVersion Resolve(string manifestsPath, IstioVersion? given)
    {
        var own = ReadVersion(manifestsPath);
        if (given != null && own != null && !own.Equals(given))
            throw new MeshException(ManifestsVersionMismatch, MeshErrorKind.InvalidArgument,
                $"-Version {given} was given, but the charts in {manifestsPath} are Istio {own}'s. Pass -Version {own}, or the manifests folder of Istio {given}.",
                given.ToString());
        return given ?? own ?? throw new MeshException(ManifestsVersionUnknown, MeshErrorKind.InvalidArgument,
            $"The manifests folder {manifestsPath} does not say which Istio release it is: its charts carry the development version " +
            $"{DevelopmentChartVersion} (a copy of Istio's source tree, not a release archive). Pass -Version with the release it comes from " +
            "(for example -Version 1.24.6), so that that release's istioctl rules apply.", manifestsPath);
    }

    /// <summary>The folder cannot tell its release and no -Version was given.</summary>
    public const string ManifestsVersionUnknown = "ManifestsVersionUnknown";

    /// <summary>-Version names another release than the folder's charts.</summary>
    public const string ManifestsVersionMismatch = "ManifestsVersionMismatch";
}
