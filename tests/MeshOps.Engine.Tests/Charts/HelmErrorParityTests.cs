using MeshOps.Engine.Charts;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>Broken charts fail with the message helm template prints after "Error: ".</summary>
public class HelmErrorParityTests
{
    public static TheoryData<string, string, string> Cases() => new()
    {
        // name, template text, --set
        { "nil-pointer", "x: {{ .Values.a.b.c }}\n", "" },
        { "nested-include", "{{- define \"inner\" }}{{ .Values.a.b.c }}{{ end }}{{- define \"outer\" }}{{ include \"inner\" . }}{{ end }}x: {{ include \"outer\" . }}\n", "" },
        { "required", "x: {{ required \"name is required\" .Values.name }}\n", "" },
        { "fail", "{{ if not .Values.ok }}{{ fail \"not ok\" }}{{ end }}\n", "" },
        { "parse", "x: {{ .Values.a\n", "" },
        { "undefined-function", "x: {{ nosuchfunc 1 }}\n", "" },
        { "bad-output", "a: b: c\n", "" },
        { "wrong-type-call", "x: {{ .Values.s.Foo }}\n", "s=str" },
        { "index-error", "x: {{ index .Values.l 5 }}\n", "l={1,2}" },
        { "include-missing", "x: {{ include \"nope\" . }}\n", "" },
        { "set-syntax", "x: 1\n", "a=1,b" },
        { "tpl-error", "x: {{ tpl \"{{ .Values.q.w }}\" . }}\n", "" },
        { "nested-include-missing", "{{- define \"outer\" }}{{ include \"nope\" . }}{{ end }}x: {{ include \"outer\" . }}\n", "" },
        // required and fail: Helm shows "execution error at (LOCATION): MESSAGE", the location of the innermost call.
        { "required-pipe", "a: 1\nx: {{ .Values.name | required \"name is required\" }}\n", "" },
        { "required-empty-string", "x: {{ required \"name: must not be empty\" .Values.name }}\n", "name=" },
        { "required-in-define", "{{- define \"need\" }}{{ required \"need a\" .Values.a }}{{ end }}\nx: {{ include \"need\" . }}\n", "" },
        { "required-in-range", "{{- range $k, $v := .Values.m }}\n{{ $k }}: {{ required (printf \"m.%s needs a value\" $k) $v.x }}\n{{- end }}\n", "m.a.y=1" },
        { "required-in-tpl", "x: {{ tpl \"{{ required \\\"in tpl\\\" .Values.q }}\" . }}\n", "" },
        { "required-message-type", "x: {{ required 1 .Values.a }}\n", "" },
        { "fail-empty", "{{ fail \"\" }}\n", "" },
        { "fail-multiline", "{{ fail \"first line\\nsecond: line\" }}\n", "" },
        { "fail-in-with", "{{ with .Values.w }}{{ fail (printf \"w is %v\" .) }}{{ end }}\n", "w=3" },
        { "fail-in-tpl", "x: {{ tpl \"{{ fail \\\"from tpl\\\" }}\" . }}\n", "" },
        { "fail-message-type", "{{ fail 1 }}\n", "" },
        { "fail-message-nil", "{{ fail nil }}\n", "" },
        { "fail-message-variable", "{{ $m := 1 }}{{ fail $m }}\n", "" },
        { "required-message-bool", "x: {{ required true .Values.a }}\n", "" },
        { "function-arg-count", "x: {{ indent 1 }}\n", "" },
        { "piped-arg-count", "x: {{ \"a\" | replace \"b\" }}\n", "" },
        // Errors of the crypto functions, with their positions.
        { "toToml-nil", "x: {{ toToml nil }}\n", "" },
        { "genCA-float-days", "x: {{ genCA \"x\" 1.5 }}\n", "" },
        { "derivePassword-negative", "x: {{ derivePassword -1 \"long\" \"p\" \"u\" \"s\" }}\n", "" },
        { "genSelfSignedCert-string-ips", "x: {{ genSelfSignedCert \"x\" \"a\" nil 1 }}\n", "" },
        { "genSignedCert-nil-ca", "x: {{ genSignedCert \"x\" nil nil 1 nil }}\n", "" },
        { "genSignedCert-missing-ca", "x: {{ genSignedCert \"x\" nil nil 1 .Values.nope }}\n", "" },
        { "genCAWithKey-no-pem", "x: {{ genCAWithKey \"x\" 1 \"nope\" }}\n", "" },
        { "decryptAES-short", "x: {{ decryptAES \"k\" \"YWJj\" }}\n", "" },
        { "genSelfSignedCert-bad-ip", "x: {{ genSelfSignedCert \"x\" (list \"1.2.3.04\") nil 1 }}\n", "" },
        { "genSelfSignedCert-ia5", "x: {{ genSelfSignedCert \"x\" nil (list \"bücher\") 1 }}\n", "" },
        { "genSignedCert-key-mismatch", "{{- $a := genCA \"a\" 1 }}{{ $b := genCA \"b\" 1 }}\nx: {{ genSignedCert \"l\" nil nil 1 (buildCustomCert ($a.Cert | b64enc) ($b.Key | b64enc)) }}\n", "" },
    };

    [HelmTheory]
    [MemberData(nameof(Cases))]
    public void Error_text_matches_helm(string name, string template, string set)
    {
        using var c = new TempChart("err");
        c.Write("templates/t.yaml", template);
        var helmArgs = new List<string> { "template", c.Dir };
        if (set.Length > 0) helmArgs.AddRange(new[] { "--set", set });
        var helm = Assert.Throws<HelmFailedException>(() => HelmBinary.Run(helmArgs));
        var expected = helm.Stderr.Replace("\n\nUse --debug flag to render out invalid YAML", "");

        var ours = Assert.ThrowsAny<MeshException>(() =>
        {
            var values = new HelmValueOptions();
            if (set.Length > 0) values.Values.Add(set);
            HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(c.Dir), values.Merge(), new RenderOptions()));
        });
        Assert.Equal(expected, "Error: " + ours.Message);
        Assert.NotNull(name);
    }
}
