using System.Collections;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>
/// Every values.yaml and profile of Istio 1.18.5, and every IstioOperator input and golden manifest of istioctl's
/// manifest-generate suite: they parse, and Serialize is a fixed point that reads back to the same values.
/// </summary>
public class IstioYamlRoundTripTests
{
    private const string Missing = "(shared data missing)";

    public static IEnumerable<object[]> ValuesAndProfiles() => Files(() =>
        Directory.EnumerateFiles(Path.Combine(SharedData.ReleaseManifests, "charts"), "values*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(SharedData.ReleaseManifests, "profiles"), "*.yaml")));

    public static IEnumerable<object[]> ManifestGenerateFiles() => Files(() =>
        Directory.EnumerateFiles(SharedData.ManifestGenerate, "*.yaml", SearchOption.AllDirectories)
            // Chart templates and injection templates under files/ are Go templates, not YAML.
            .Where(p => !p.Replace('\\', '/').Contains("/templates/", StringComparison.Ordinal)
                        && !p.Replace('\\', '/').Contains("/files/", StringComparison.Ordinal)));

    private static IEnumerable<object[]> Files(Func<IEnumerable<string>> list)
    {
        if (SharedData.Path == null) return new[] { new object[] { Missing } };
        return list().OrderBy(p => p, StringComparer.Ordinal).Select(p => new object[] { Path.GetRelativePath(SharedData.Istio, p) });
    }

    [SharedTheory]
    [MemberData(nameof(ValuesAndProfiles))]
    public void ValuesAndProfilesRoundTrip(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.Istio, relativePath));
        var value = GoYaml.Parse(text, new YamlReadOptions { SourceName = relativePath });
        Assert.NotNull(value);
        AssertStable(value);
    }

    [SharedTheory]
    [MemberData(nameof(ManifestGenerateFiles))]
    public void ManifestGenerateDocumentsRoundTrip(string relativePath)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.Istio, relativePath));
        var docs = GoYaml.ParseDocuments(text, new YamlReadOptions { SourceName = relativePath, TrackPositions = true });
        foreach (var doc in docs)
        {
            AssertStable(doc.Value);
            Assert.True(doc.TryGetPosition("", out var line, out _));
            Assert.Equal(doc.StartLine, line);
        }
    }

    [SharedFact]
    public void IstiodValuesHaveTheExpectedShape()
    {
        var path = Path.Combine(SharedData.ReleaseManifests, "charts", "istio-control", "istio-discovery", "values.yaml");
        var values = (Dictionary<string, object?>)GoYaml.Parse(File.ReadAllText(path))!;
        var pilot = (Dictionary<string, object?>)values["pilot"]!;
        Assert.Equal(true, pilot["autoscaleEnabled"]);
        Assert.Equal("100%", pilot["rollingMaxSurge"]);
        Assert.Equal(1.0, pilot["autoscaleMin"]);
        var global = (Dictionary<string, object?>)values["global"]!;
        Assert.Equal("gcr.io/istio-testing", global["hub"]);
        Assert.Equal("latest", global["tag"]);
    }

    private static void AssertStable(object? value)
    {
        var yaml = GoYaml.Serialize(value);
        var back = GoYaml.Parse(yaml);
        AssertDeepEqual(value, back, "");
        Assert.Equal(yaml, GoYaml.Serialize(back));
        var json = GoJson.Serialize(value);
        Assert.Equal(json, GoJson.Serialize(GoJson.Parse(json)));
    }

    internal static void AssertDeepEqual(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case IDictionary<string, object?> em:
                var am = Assert.IsAssignableFrom<IDictionary<string, object?>>(actual);
                Assert.True(em.Count == am.Count, $"{path}: {em.Count} keys vs {am.Count}");
                foreach (var (k, v) in em)
                {
                    Assert.True(am.ContainsKey(k), $"{path}: missing key {k}");
                    AssertDeepEqual(v, am[k], path + "." + k);
                }
                break;
            case IList el:
                var al = Assert.IsAssignableFrom<IList>(actual);
                Assert.True(el.Count == al.Count, $"{path}: {el.Count} items vs {al.Count}");
                for (var i = 0; i < el.Count; i++) AssertDeepEqual(el[i], al[i], $"{path}[{i}]");
                break;
            default:
                Assert.True(Equals(expected, actual), $"{path}: {expected ?? "null"} ({expected?.GetType().Name}) vs {actual ?? "null"} ({actual?.GetType().Name})");
                break;
        }
    }
}
