using System.Text.RegularExpressions;
using MeshOps.Engine.Charts;

namespace MeshOps.Engine.Tests.Charts;

/// <summary>The warnings Helm logs while coalescing values, against the real helm: same texts (each once).</summary>
public class CoalesceWarningTests
{
    [HelmBinaryTheory]
    [InlineData("--set", "scalar.x=1")]
    [InlineData("--set", "nested.table=2")]
    [InlineData("--set", "nested.scalar.y=1")]
    [InlineData("--set", "global=1")]
    [InlineData("--set", "sub.list.a=1")]
    [InlineData("--set", "nested.none.z=1")]
    public void Warnings_match_helms_log(string flag, string value)
    {
        using var c = new TempChart("warn");
        c.Write("Chart.yaml", "apiVersion: v2\nname: warn\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n")
            .Write("values.yaml", "scalar: 1\nnested:\n  table:\n    x: 1\n  scalar: s\n  none: null\n")
            .Write("templates/cm.yaml", "kind: ConfigMap\ndata: {{ toJson .Values | quote }}\n")
            .Write("charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
            .Write("charts/sub/values.yaml", "list: [1]\n");
        HelmBinary.Run(new[] { "template", "rel", c.Dir, flag, value }, out var stderr);
        var expected = Regex.Matches(stderr, "^level=\\w+ msg=\"((?:[^\"\\\\]|\\\\.)*)\"", RegexOptions.Multiline)
            .Select(m => Regex.Replace(m.Groups[1].Value, "\\\\(.)", "$1")).Distinct().ToList();

        var warnings = new List<string>();
        var values = new HelmValueOptions();
        values.Values.Add(value);
        HelmRenderer.Render(ChartLoader.Load(c.Dir), values.Merge(), new RenderOptions { ReleaseName = "rel", Warning = warnings.Add });
        Assert.Equal(expected, warnings.Distinct().ToList());
    }
}
