using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions;

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
}
