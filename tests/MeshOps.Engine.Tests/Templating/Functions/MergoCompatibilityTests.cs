using MeshOps.Engine.Charts;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;
using MeshOps.Engine.Tests.Charts;

namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>merge/mergeOverwrite under mergo v0.3.5's rules (istioctl 1.18.5) next to Helm 4's current mergo.</summary>
public class MergoCompatibilityTests
{
    private static readonly IReadOnlyDictionary<string, TemplateFunc> Legacy =
        HelmFunctionTable.Create(new HelmFunctionOptions { MergoCompatibility = MergoCompatibility.V0_3_5 });

    private static object? Data() => Map("nilValue", Map("k", null), "nested", Map("k", Map("x", 1)), "empty", Map("k", ""));

    [Theory]
    // A nil source value: v0.3.5 skips it; current mergo overwrites with it.
    [InlineData("{{ mergeOverwrite (dict \"k\" \"keep\") .nilValue }}", "map[k:keep]", "map[k:<nil>]")]
    [InlineData("{{ merge (dict) .nilValue }}", "map[]", "map[]")]
    // A source map against a present nil or empty destination: v0.3.5 keeps the destination.
    [InlineData("{{ mergeOverwrite .nilValue .nested }}", "map[k:<nil>]", "map[k:map[x:1]]")]
    [InlineData("{{ merge .empty .nested }}", "map[k:]", "map[k:map[x:1]]")]
    // Map into map merges deeply under both rules.
    [InlineData("{{ mergeOverwrite (dict \"k\" (dict \"y\" 2)) .nested }}", "map[k:map[x:1 y:2]]", "map[k:map[x:1 y:2]]")]
    // Scalars and lists follow the same rules in both.
    [InlineData("{{ mergeOverwrite (dict \"a\" 1 \"l\" (list 1)) (dict \"a\" 2 \"l\" (list 2 3)) }}", "map[a:2 l:[2 3]]", "map[a:2 l:[2 3]]")]
    [InlineData("{{ merge (dict \"a\" \"\" \"b\" 1) (dict \"a\" 2 \"b\" 3) }}", "map[a:2 b:1]", "map[a:2 b:1]")]
    public void LegacyAndCurrentRules(string template, string v035, string current)
    {
        Assert.Equal(v035, Render(template, Data(), Legacy));
        Assert.Equal(current, Render(template, Data()));
    }

    public static TheoryData<string, string, string> HelmCases() => new()
    {
        // name, destination, source (template expressions)
        { "scalar-vs-map", "(dict \"a\" \"x\")", "(dict \"a\" (dict \"b\" 1))" },
        { "map-vs-scalar", "(dict \"a\" (dict \"b\" 1))", "(dict \"a\" \"x\")" },
        { "empty-string-vs-map", "(dict \"a\" \"\")", "(dict \"a\" (dict \"b\" 1))" },
        { "zero-vs-map", "(dict \"a\" 0)", "(dict \"a\" (dict \"b\" 1))" },
        { "false-vs-true", "(dict \"a\" false)", "(dict \"a\" true)" },
        { "scalar-vs-empty-scalar", "(dict \"a\" \"x\" \"n\" 5)", "(dict \"a\" \"\" \"n\" 0)" },
        { "nil-vs-map", "(dict \"a\" nil)", "(dict \"a\" (dict \"b\" 1))" },
        { "nil-vs-scalar", "(dict \"a\" nil)", "(dict \"a\" \"x\")" },
        { "absent-vs-nil", "(dict)", "(dict \"a\" nil)" },
        { "empty-map-vs-map", "(dict \"a\" (dict))", "(dict \"a\" (dict \"b\" 1))" },
        { "map-vs-nil", "(dict \"a\" (dict \"b\" 1))", "(dict \"a\" nil)" },
        { "map-vs-empty-map", "(dict \"a\" (dict \"b\" 1))", "(dict \"a\" (dict))" },
        { "empty-map-vs-nil", "(dict \"a\" (dict))", "(dict \"a\" nil)" },
        { "nil-vs-empty-map", "(dict \"a\" nil)", "(dict \"a\" (dict))" },
        { "list-vs-list", "(dict \"l\" (list 1))", "(dict \"l\" (list 2 3))" },
        { "empty-list-vs-list", "(dict \"l\" (list))", "(dict \"l\" (list 2))" },
        { "list-vs-empty-list", "(dict \"l\" (list 1))", "(dict \"l\" (list))" },
        { "list-vs-scalar", "(dict \"l\" (list 1))", "(dict \"l\" \"x\")" },
        { "scalar-vs-list", "(dict \"l\" \"x\")", "(dict \"l\" (list 1))" },
        { "nil-vs-list", "(dict \"l\" nil)", "(dict \"l\" (list 1))" },
        { "list-vs-nil", "(dict \"l\" (list 1))", "(dict \"l\" nil)" },
        { "list-vs-map", "(dict \"l\" (list 1))", "(dict \"l\" (dict \"b\" 1))" },
        { "map-vs-list", "(dict \"l\" (dict \"b\" 1))", "(dict \"l\" (list 1))" },
        { "deep", "(dict \"a\" (dict \"b\" (dict \"c\" 1) \"d\" (list 1) \"e\" \"x\"))",
            "(dict \"a\" (dict \"b\" (dict \"f\" 2) \"d\" (list 2) \"e\" \"y\" \"g\" nil))" },
        { "list-of-maps", "(dict \"l\" (list (dict \"a\" 1)))", "(dict \"l\" (list (dict \"b\" 2)))" },
        { "two-sources", "(dict \"a\" \"\" \"b\" (dict))", "(dict \"a\" \"first\" \"b\" (dict \"x\" 1)) (dict \"a\" \"second\" \"b\" (dict \"x\" 2 \"y\" 3))" },
    };

    /// <summary>Helm 4.1.4 (dario.cat/mergo v1.0.1) against our current rules: merge and mergeOverwrite, and the destination after the call.</summary>
    [HelmBinaryTheory]
    [MemberData(nameof(HelmCases))]
    public void Current_rules_match_helm(string name, string dst, string src)
    {
        using var chart = new TempChart("merge");
        chart.Write("templates/t.yaml",
            $"{{{{- $d := {dst} }}}}{{{{- $o := {dst} }}}}\n" +
            $"merge: {{{{ merge $d {src} | toJson | quote }}}}\n" +
            $"dst: {{{{ $d | toJson | quote }}}}\n" +
            $"overwrite: {{{{ mergeOverwrite $o {src} | toJson | quote }}}}\n" +
            $"odst: {{{{ $o | toJson | quote }}}}\n");
        var expected = HelmBinary.Run(new[] { "template", chart.Dir });
        var actual = HelmTemplateWriter.Write(HelmRenderer.Render(ChartLoader.Load(chart.Dir), new Dictionary<string, object?>(), new RenderOptions()));
        Assert.Equal(expected, actual);
        Assert.NotNull(name);
    }
}
