using System.Text.Json.Nodes;
using MeshOps.Engine.Kube;

namespace MeshOps.Engine.Tests.Kube;

public class LabelSelectorTests
{
    private static LabelSelector S(string json) => LabelSelector.From(JsonNode.Parse(json));
    private static Dictionary<string, string> L(params string[] kv) => kv.Select(s => s.Split('=')).ToDictionary(p => p[0], p => p[1]);

    [Fact]
    public void EmptyOrMissingSelectorMatchesEverything()
    {
        Assert.True(LabelSelector.From(null).Matches(L()));
        Assert.True(S("{}").Matches(L("a=b")));
    }

    [Fact]
    public void OperatorsFollowKubernetesSemantics()
    {
        var s = S("""{"matchLabels":{"app":"x"},"matchExpressions":[{"key":"rev","operator":"In","values":["1","2"]},{"key":"inject","operator":"NotIn","values":["false"]},{"key":"legacy","operator":"DoesNotExist"},{"key":"team","operator":"Exists"}]}""");
        Assert.True(s.Matches(L("app=x", "rev=1", "team=a")));
        Assert.True(s.Matches(L("app=x", "rev=2", "team=a", "inject=true")));
        Assert.False(s.Matches(L("app=x", "rev=3", "team=a")));
        Assert.False(s.Matches(L("app=x", "rev=1", "team=a", "inject=false")));
        Assert.False(s.Matches(L("app=x", "rev=1", "team=a", "legacy=1")));
        Assert.False(s.Matches(L("app=x", "rev=1")));
        Assert.False(s.Matches(L("app=y", "rev=1", "team=a")));
    }
}
