using MeshOps.Engine.Charts;
using MeshOps.Engine.Tests.Charts;

namespace MeshOps.Engine.Tests.Templating.Functions;

/// <summary>
/// Helm's serialization functions at their edges, against <c>helm template</c>: toYaml, toJson and toPrettyJson give ""
/// when encoding fails (toToml gives the error text, mustToJson fails), Helm's structs marshal as JSON objects, and
/// fromYaml/fromJson type numbers as sigs.k8s.io/yaml and encoding/json do (all float64).
/// </summary>
public class HelmSerializationParityTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        // name, template line (its output is quoted so that any text is valid YAML)
        { "toJson-nan", "{{ toJson (dict \"a\" (float64 \"NaN\")) | quote }}" },
        { "toYaml-nan", "{{ toYaml (dict \"a\" (float64 \"NaN\")) | quote }}" },
        { "toPrettyJson-inf", "{{ toPrettyJson (dict \"a\" (float64 \"Inf\")) | quote }}" },
        { "toRawJson-nan-list", "{{ toYaml (list 1 (float64 \"-Inf\")) | quote }}" },
        { "toToml-nan", "{{ toToml (dict \"a\" (float64 \"NaN\")) | quote }}" },
        { "toJson-cycle", "{{ $d := dict }}{{ $_ := set $d \"self\" $d }}{{ toJson $d | quote }}" },
        { "toYaml-cycle", "{{ $d := dict }}{{ $_ := set $d \"self\" $d }}{{ toYaml $d | quote }}" },
        { "toPrettyJson-cycle", "{{ $d := dict }}{{ $_ := set $d \"self\" $d }}{{ toPrettyJson $d | quote }}" },
        { "toToml-list", "{{ toToml (list 1 2) | quote }}" },
        { "toToml-string", "{{ toToml \"x\" | quote }}" },
        { "toToml-nested", "{{ toToml (dict \"a\" (list (dict \"b\" 1) 2)) | quote }}" },
        { "toToml-int", "{{ printf \"%s|%s|%s\" (toToml 1) (toToml 1.5) (toToml true) | quote }}" },
        { "toToml-empty", "{{ printf \"%s|%s\" (toToml (list)) (toToml (dict)) | quote }}" },
        { "toToml-mixed-list", "{{ toToml (list \"a\" (list 1) (dict \"x\" \"y\" \"z\" (list 1))) | quote }}" },
        { "toYaml-kubeversion", "{{ toYaml .Capabilities.KubeVersion | quote }}" },
        { "toJson-kubeversion", "{{ toJson .Capabilities.KubeVersion | quote }}" },
        { "toJson-time", "{{ toJson (toDate \"2006-01-02T15:04:05Z07:00\" \"2024-05-06T07:08:09.123+02:00\") | quote }}" },
        { "toJson-semver", "{{ printf \"%s|%s\" (toJson (semver \"v1.2\")) (toJson (list (semver \"1.2.3-rc.1+b\"))) | quote }}" },
        { "toJson-release", "{{ toJson .Release | quote }}" },
        { "toYaml-semver", "{{ toYaml (semver \"1.2.3\") | quote }}" },
        { "fromYaml-int", "{{ (fromYaml \"a: 1\").a | kindOf }} {{ (fromYaml \"a: 1\").a }}" },
        { "fromYaml-float", "{{ (fromYaml \"a: 1.0\").a | kindOf }} {{ (fromYaml \"a: 1.0\").a }}" },
        { "fromYaml-exp", "{{ (fromYaml \"a: 1e3\").a | kindOf }} {{ (fromYaml \"a: 1e3\").a }}" },
        { "fromYaml-big", "{{ (fromYaml \"a: 12345678901234567890\").a | kindOf }} {{ (fromYaml \"a: 12345678901234567890\").a }}" },
        { "fromYaml-int64", "{{ (fromYaml \"a: 9007199254740993\").a | kindOf }} {{ (fromYaml \"a: 9007199254740993\").a | int64 }}" },
        { "fromYaml-hex", "{{ (fromYaml \"a: 0x1F\").a | kindOf }} {{ (fromYaml \"a: 0x1F\").a }}" },
        { "fromYaml-octal", "{{ (fromYaml \"a: 0o17\").a | kindOf }} {{ (fromYaml \"a: 017\").a }}" },
        { "fromYaml-toYaml", "{{ fromYaml \"a: 1\\nb: 1.5\\nc: 1e3\\nd: 12345678901234567890\" | toYaml | quote }}" },
        { "fromYamlArray-int", "{{ index (fromYamlArray \"[1, 2.5]\") 0 | kindOf }}" },
        { "fromJson-int", "{{ (fromJson \"{\\\"a\\\": 1}\").a | kindOf }} {{ (fromJson \"{\\\"a\\\": 1}\").a }}" },
        { "fromJson-big", "{{ (fromJson \"{\\\"a\\\": 12345678901234567890}\").a }}" },
        { "fromJson-exp", "{{ (fromJson \"{\\\"a\\\": 1e3}\").a | kindOf }} {{ (fromJson \"{\\\"a\\\": 1e3}\").a }}" },
        { "fromJsonArray-int", "{{ index (fromJsonArray \"[1]\") 0 | kindOf }}" },
    };

    [HelmBinaryTheory]
    [MemberData(nameof(Cases))]
    public void Matches_helm(string name, string line)
    {
        using var chart = new TempChart("ser");
        chart.Write("templates/t.yaml", "a: " + line + "\n");
        var expected = HelmBinary.Run(new[] { "template", chart.Dir });
        var actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal(expected, actual);
        Assert.NotNull(name);
    }
}
