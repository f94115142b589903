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
