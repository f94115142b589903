using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// -Set path elements in brackets (istioctl 1.18.5 operator/pkg/util/path.go: [N] an index, [key:value] a list entry,
/// [:regex] items of a list of strings). istioctl turns a malformed one into a map key and fails much later ("... is a
/// map; it must be a list"); MeshOps names the element and the accepted forms.
/// </summary>
public class SetPathSyntaxTests
{
    private static Dictionary<string, object?> Iop(string yaml) => OperatorFileReader.ReadText(yaml, "f.yaml").Tree!;

    private static Dictionary<string, object?> Empty() => Iop("apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: minimal\n");

    private static MeshException Fails(Dictionary<string, object?> iop, string set) =>
        Assert.ThrowsAny<MeshException>(() => SetFlags.Apply(iop, SetFlags.Parse(new[] { set })));

    [Theory]
    [InlineData("components.ingressGateways[abc].enabled=true", "[abc] is neither a list index nor a [key:value] selector, and spec.components.ingressGateways holds no list")]
    [InlineData("components.ingressGateways[x].enabled=true", "[x] is neither a list index")]
    [InlineData("components.ingressGateways.[name:].enabled=true", "[name:] needs both a key and a value ([key:value])")]
    [InlineData("components.ingressGateways.[:name].enabled=true", null)]
    [InlineData("components.ingressGateways.[name:x.enabled=true", "[name:x has no closing ]")]
    [InlineData("components.ingressGateways[name:x.enabled=true", "[name:x has no closing ]")]
    [InlineData("components.ingressGateways.[].enabled=true", "[] is empty")]
    [InlineData("components.ingressGateways.[:].enabled=true", "[:] has no value to match after the ':'")]
    [InlineData("components.ingressGateways.[a:b:c].enabled=true", "[a:b:c] has more than one unescaped ':'")]
    [InlineData("components.ingressGateways.[-2].enabled=true", "[-2] is an index below -1")]
    [InlineData("values.x[0][1]=1", "[0][1] holds more than one index or selector; write each as its own element (a.[0].[1])")]
    [InlineData("components.pilot.k8s.[0]=1", null)]
    public void A_malformed_index_or_selector_is_SetPathInvalid_naming_it_and_the_accepted_forms(string set, string? problem)
    {
        var iop = Empty();
        if (set.StartsWith("components.pilot", StringComparison.Ordinal))
            SetFlags.Apply(iop, SetFlags.Parse(new[] { "components.pilot.k8s.replicaCount=2" }));
        var e = Fails(iop, set);
        Assert.Equal("SetPathInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidData, e.Kind);
        Assert.Contains("--set " + set, e.Message);
        if (problem != null) Assert.Contains(problem, e.Message);
        Assert.Contains("accepted forms: a.b (a map key), a.[0] or a[0] (a list index; [-1] appends), a.[key:value]", e.Message);
        Assert.Contains("a.[:regex]", e.Message);
        Assert.DoesNotContain("must be a list", e.Message);
    }

    [Fact]
    public void An_index_on_a_map_says_it_is_a_map()
    {
        var iop = Empty();
        SetFlags.Apply(iop, SetFlags.Parse(new[] { "components.pilot.k8s.replicaCount=2" }));
        var e = Fails(iop, "components.pilot.k8s.[0]=1");
        Assert.Contains("[0] selects a list item, but spec.components.pilot.k8s is a map", e.Message);
    }

    [Fact]
    public void The_accepted_forms_still_write()
    {
        var iop = Empty();
        SetFlags.Apply(iop, SetFlags.Parse(new[]
        {
            "components.ingressGateways[0].name=first",
            "components.ingressGateways.[1].name=second",
            "components.ingressGateways.[name:second].enabled=true",
            "values.pilot.env.X=1",
            "values.list.[-1]=a",
            "values.list.[-1]=b",
        }));
        Assert.True(TreeOps.TryFind(iop, "spec.components.ingressGateways.1.enabled", out var enabled));
        Assert.Equal(true, enabled);
        Assert.True(TreeOps.TryFind(iop, "spec.components.ingressGateways.0.name", out var first));
        Assert.Equal("first", first);
    }

    [Fact]
    public void A_bare_value_still_matches_a_list_of_strings_as_in_istioctl()
    {
        var iop = Iop("spec:\n  values:\n    names:\n    - alpha\n    - beta\n");
        SetFlags.Apply(iop, SetFlags.Parse(new[] { "values.names.[beta]=gamma", "values.names.[:^al]=delta" }));
        Assert.True(TreeOps.TryFind(iop, "spec.values", out var values));
        var names = (List<object?>)((Dictionary<string, object?>)values!)["names"]!;
        Assert.Equal(new object?[] { "delta", "gamma" }, names);
    }

    [Fact]
    public void Every_index_counts_towards_the_path_limit()
    {
        var e = Fails(TreeOps.NewMap(), "values.x" + string.Concat(Enumerable.Repeat("[0]", 12000)) + "=1");
        Assert.Equal("SetPathTooDeep", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        Assert.Contains("12002 elements", e.Message);
    }
}
