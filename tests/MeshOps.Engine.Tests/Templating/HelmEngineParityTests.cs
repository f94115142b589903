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
        { "nil-string-upper-piped", NilValues, "a: {{ .Values.missing | upper }}\n" },
        { "nil-string-upper-field", NilValues, "a: {{ upper .Values.missing }}\n" },
        { "nil-string-include", NilValues, "a: {{ include (.Values.missing) . }}\n" },
        { "float-for-int", NilValues, "a: {{ trunc .Values.num \"abcdef\" }}\n" },
        { "literal-for-int", NilValues, "a: {{ indent \"2\" \"x\" }}\n" },
        { "typed-ok", NilValues, "a: {{ trunc 3 \"abcdef\" | upper | indent 2 }} {{ substr 1 3 \"abcdef\" | repeat 2 }} {{ trunc 3.0 \"abcdef\" }} {{ trunc 0x2 \"abc\" }}\n" },
        // A literal block whose first line holds only spaces (a logging chart's config template renders one).
        {
            "block-space-first-line", "",
            "data:\n  conf: |\n    \n    [SERVICE]\n        Flush 1\n  folded: >-\n    \n    a\n    b\n" +
            "x: {{ \"k: |\\n    \\n\\n  v\\nz: 1\\n\" | fromYaml | toJson | quote }}\n" +
            "y: {{ \"k: |\\n  \\n  v\\n\" | fromYaml | toJson | quote }}\n"
        },
        { "block-space-first-line-deeper", "", "a: |\n    \n  foo\nb: 1\n" },
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

    private const string BinaryTemplate =
        "{{- $f := .Files.Get \"files/data.bin\" }}\n" +
        "b64: {{ $f | b64enc }}\n" +
        "b64bytes: {{ .Files.GetBytes \"files/data.bin\" | toString | b64enc }}\n" +
        "b32: {{ $f | b32enc | quote }}\n" +
        "sums: {{ $f | sha256sum }} {{ $f | sha1sum }} {{ $f | sha512sum }} {{ $f | adler32sum }}\n" +
        "len: {{ len $f }} {{ len (.Files.GetBytes \"files/data.bin\") }}\n" +
        "hex: {{ printf \"%x\" $f }}\n" +
        "quote: {{ $f | quote }}\n" +
        "json: {{ $f | toJson | quote }}\n" +
        "yaml: {{ $f | toYaml | quote }}\n" +
        "roundtrip: {{ $f | b64enc | b64dec | b64enc }} {{ $f | b32enc | b32dec | sha256sum }}\n" +
        "cut: {{ substr 3 40 $f | b64enc }} {{ trunc 17 $f | b64enc }} {{ index $f 7 }} {{ printf \"%.9s\" $f | b64enc }}\n" +
        "lines: {{ .Files.Lines \"files/data.bin\" | len }} {{ range .Files.Lines \"files/data.bin\" }}{{ . | b64enc }},{{ end }}\n" +
        "glob: {{ range $p, $b := .Files.Glob \"files/*\" }}{{ $p }}={{ $b | toString | sha256sum }},{{ end }}\n" +
        "secrets: {{ (.Files.Glob \"files/*\").AsSecrets | quote }}\n" +
        "config: {{ (.Files.Glob \"files/*\").AsConfig | quote }}\n";

    /// <summary>
    /// Go strings are bytes: a binary file read with .Files keeps its exact bytes through encodings, hashes, len,
    /// slicing, %x and quoting; JSON and YAML write U+FFFD for each byte that is not UTF-8.
    /// </summary>
    [HelmBinaryTheory]
    [InlineData(BinaryTemplate, true)]
    // Printed raw into a manifest, such bytes fail Helm's YAML check in libyaml's words.
    [InlineData("raw: {{ .Files.Get \"files/data.bin\" }}\n", false)]
    [InlineData("raw: {{ .Files.Get \"files/data.bin\" | fromYaml | toJson | quote }}\n", true)]
    // JSON leaves DEL and C1 controls as they are, which YAML then refuses.
    [InlineData("raw: {{ .Files.Get \"files/data.bin\" | toJson }}\n", false)]
    public void Binary_file_bytes_survive_as_in_helm(string template, bool helmRenders)
    {
        using var chart = new TempChart("parity");
        var random = new Random(20261207);
        var data = new byte[700];
        random.NextBytes(data);
        // Some lines and valid multi-byte runes among the random bytes.
        data[100] = (byte)'\n';
        data[300] = (byte)'\n';
        "é€😀"u8.ToArray().CopyTo(data, 200);
        chart.Write("templates/t.yaml", template);
        Directory.CreateDirectory(Path.Combine(chart.Dir, "files"));
        File.WriteAllBytes(Path.Combine(chart.Dir, "files", "data.bin"), data);
        File.WriteAllBytes(Path.Combine(chart.Dir, "files", "text.txt"), "plain\n"u8.ToArray());
        var (expected, helmError) = HelmTemplate(chart.Dir);
        Assert.Equal(helmRenders, helmError == null);
        string? actual = null, ourError = null;
        try
        {
            actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        }
        catch (MeshException e)
        {
            ourError = "Error: " + e.Message;
        }
        Assert.Equal(helmError, ourError);
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
