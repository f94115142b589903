using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Tests.Yaml;

/// <summary>
/// istioctl's golden manifests embed real Helm output: the istio ConfigMap's <c>mesh</c> is
/// <c>$mesh | toYaml</c> and the sidecar injector's <c>values</c> is <c>.Values | toPrettyJson</c>. Reading those
/// blocks back and printing them again must give the same bytes.
/// </summary>
public class IstioGoldenOutputTests
{
    public static IEnumerable<object[]> GoldenFiles()
    {
        if (SharedData.Path == null) return new[] { new object[] { "(shared data missing)" } };
        return Directory.EnumerateFiles(Path.Combine(SharedData.ManifestGenerate, "output"), "*.yaml")
            .Where(p => ExtractBlocks(File.ReadAllText(p), "mesh").Any() || ExtractBlocks(File.ReadAllText(p), "values").Any())
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new object[] { Path.GetFileName(p) });
    }

    [SharedTheory]
    [MemberData(nameof(GoldenFiles))]
    public void MeshConfigBlocksAreWhatToYamlPrints(string file)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.ManifestGenerate, "output", file));
        foreach (var block in ExtractBlocks(text, "mesh"))
        {
            // Helm's toYaml trims the final newline that Marshal writes.
            Assert.Equal(block, GoYaml.Serialize(GoYaml.Parse(block)).TrimEnd('\n'));
        }
    }

    [SharedTheory]
    [MemberData(nameof(GoldenFiles))]
    public void InjectorValuesBlocksAreWhatToPrettyJsonPrints(string file)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.ManifestGenerate, "output", file));
        foreach (var block in ExtractBlocks(text, "values"))
        {
            Assert.Equal(block, GoJson.Serialize(GoJson.Parse(block), indent: true));
            // The same values through YAML and back print the same JSON (Helm reads values with sigs.k8s.io/yaml).
            var viaYaml = GoYaml.Parse(GoYaml.Serialize(GoJson.Parse(block)));
            Assert.Equal(block, GoJson.Serialize(viaYaml, indent: true));
        }
    }

    /// <summary>
    /// Manifests whose every object istioctl patched with k8s settings and printed again with sigs.k8s.io/yaml:
    /// each document must be exactly what Serialize prints for its parsed value.
    /// </summary>
    [SharedTheory]
    [InlineData("pilot_k8s_settings.golden.yaml", 2)]
    [InlineData("pilot_override_kubernetes.golden.yaml", 4)]
    [InlineData("deprecated_autoscaling_k8s_spec.golden.yaml", 2)]
    [InlineData("ztunnel.golden.yaml", 1)]
    public void PatchedObjectsAreWhatMarshalPrints(string file, int documents)
    {
        var text = File.ReadAllText(Path.Combine(SharedData.ManifestGenerate, "output", file));
        var parts = text.Split("\n---\n").Select(p => p.Trim('\n')).Where(p => p.Length > 0).ToList();
        Assert.Equal(documents, parts.Count);
        foreach (var part in parts)
        {
            Assert.Equal(part, GoYaml.Serialize(GoYaml.Parse(part)).TrimEnd('\n'));
        }
    }

    /// <summary>The contents of every "  KEY: |-" literal block of a ConfigMap, with its 4-space indent removed.</summary>
    private static IEnumerable<string> ExtractBlocks(string manifest, string key)
    {
        var lines = manifest.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != $"  {key}: |-") continue;
            var body = new List<string>();
            var j = i + 1;
            for (; j < lines.Length && (lines[j].Length == 0 || lines[j].StartsWith("    ", StringComparison.Ordinal)); j++)
            {
                body.Add(lines[j].Length == 0 ? "" : lines[j].Substring(4));
            }
            while (body.Count > 0 && body[^1].Length == 0) body.RemoveAt(body.Count - 1);
            if (body.Count > 0) yield return string.Join("\n", body);
            i = j - 1;
        }
    }
}
