using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Tests.Charts;

namespace MeshOps.Engine.Tests.Templating;

/// <summary>
/// Small charts through our engine and through <c>helm template</c> 4.1.4: the same output, or the same error text.
/// Each case pins one engine rule that real charts depend on.
/// </summary>
public class HelmEngineParityTests
{
    private const string NilValues = "present: {}\nnul: null\nnum: 3\nlst: [1]\nglobal: {}\n";

    public static TheoryData<string, string, string> Cases() => new()
    {
        // name, values.yaml, templates/t.yaml
        {
            // Istio 1.24+ (zzy_descope_legacy.yaml, zzz_profile.yaml): merging a missing map is merging nothing.
            "nil-map-istio", NilValues,
            "{{- $_ := mustMergeOverwrite $.Values (index $.Values \"cni\") }}\n" +
            "{{- $profile := dict }}\n" +
            "{{- $a := mustMergeOverwrite (dict \"x\" 1) ($profile.global) ($.Values.global | default dict) }}\n" +
            "a: {{ $a | toJson | quote }}\n" +
            "b: {{ merge (dict) (.Values.missing) (index .Values \"nul\") | toJson | quote }}\n" +
            "c: {{ .Values.missing | mergeOverwrite (dict \"k\" 2) | toJson | quote }}\n" +
            "d: {{ list (hasKey (.Values.missing) \"a\") (keys (.Values.missing)) (pick (.Values.missing) \"a\") | toJson | quote }}\n" +
            // A nil map prints as map[] (toJson would say null: our model has no typed nil map, so unset gives an empty one).
            "e: {{ list (unset (.Values.missing) \"a\") (values (.Values.nul)) (get (.Values.missing) \"a\") | quote }}\n"
        },
        { "nil-map-field", NilValues, "a: {{ mergeOverwrite (dict) .Values.missing }}\n" },
        { "nil-map-null-value", NilValues, "a: {{ hasKey .Values.nul \"a\" }}\n" },
        { "nil-map-range", NilValues, "{{ range $k, $v := .Values }}{{ if eq $k \"nul\" }}a: {{ merge (dict) $v }}{{ end }}{{ end }}\n" },
        { "nil-map-float", NilValues, "a: {{ merge (dict) .Values.num }}\n" },
        { "nil-map-set", NilValues, "a: {{ set (.Values.missing) \"a\" 1 }}\n" },
        { "nil-string-piped", NilValues, "a: {{ .Values.missing | hasKey (dict) }}\n" },
    };

    [HelmBinaryTheory]
    [MemberData(nameof(Cases))]
    public void Matches_helm_template(string name, string values, string template)
    {
        using var chart = new TempChart("parity");
        chart.Write("values.yaml", values).Write("templates/t.yaml", template);
        var (expected, helmError) = HelmTemplate(chart.Dir);
        string? actual = null, ourError = null;
        try
        {
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        }
        catch (MeshException e)
        {
            ourError = "Error: " + e.Message;
        }
        Assert.True(helmError == ourError, $"{name}: helm: {helmError ?? "(rendered)"}\nours: {ourError ?? "(rendered)"}");
        Assert.Equal(expected, actual);
    }

    /// <summary>helm template's output, or its error text without the --debug hint.</summary>
    internal static (string? Output, string? Error) HelmTemplate(string chartDir, params string[] args)
    {
        try
        {
            return (HelmBinary.Run(new[] { "template", chartDir }.Concat(args)), null);
        }
        catch (HelmFailedException e)
        {
            return (null, e.Stderr.Replace("\n\nUse --debug flag to render out invalid YAML", ""));
        }
    }
}
