using MeshOps.Engine.Hosting;
using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Limits;

/// <summary>
/// A -Set list selector that matches nothing. istioctl 1.18.5 fails too ("element [name:x] not found" when the list
/// exists; a map where a list belongs when it does not); MeshOps says which selector matched nothing.
/// </summary>
public class SetSelectorTests
{
    private static Dictionary<string, object?> Iop(string yaml) => OperatorFileReader.ReadText(yaml, "f.yaml").Tree!;

    private const string WithGateways =
        "apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: true\n    - name: other\n";

    private static MeshException Fails(Dictionary<string, object?> iop, string set) =>
        Assert.ThrowsAny<MeshException>(() => SetFlags.Apply(iop, SetFlags.Parse(new[] { set })));

    [Fact]
    public void SelectorWithoutAListToSelectFrom()
    {
        var e = Fails(Iop("apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n"), "components.ingressGateways.[name:nomatch].enabled=false");
        Assert.Equal("SetSelectorNoMatch", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
        Assert.Contains("the selector [name:nomatch] matched no entry: there is no list at spec.components.ingressGateways", e.Message);
        Assert.DoesNotContain("is a map", e.Message);
    }

    [Fact]
    public void SelectorThatMatchesNoEntryOfTheList()
    {
        var e = Fails(Iop(WithGateways), "components.ingressGateways.[name:nomatch].enabled=false");
        Assert.Equal("SetSelectorNoMatch", e.ErrorId);
        Assert.Contains("the selector [name:nomatch] matched none of the 2 entries of spec.components.ingressGateways (their names: istio-ingressgateway, other)", e.Message);
    }

    [Fact]
    public void SelectorThatMatchesWrites()
    {
        var iop = Iop(WithGateways);
        SetFlags.Apply(iop, SetFlags.Parse(new[] { "components.ingressGateways.[name:other].enabled=false" }));
        Assert.True(TreeOps.TryFind(iop, "spec.components.ingressGateways.1.enabled", out var enabled));
        Assert.Equal(false, enabled);
    }

    [Fact]
    public void PathWithTooManyElementsFailsBeforeItIsFollowed()
    {
        var e = Fails(TreeOps.NewMap(), "values.x" + string.Concat(Enumerable.Repeat(".a", 12000)) + "=1");
        Assert.Equal("SetPathTooDeep", e.ErrorId);
        Assert.Equal(MeshErrorKind.LimitsExceeded, e.Kind);
        var ok = TreeOps.NewMap();
        SetFlags.Apply(ok, SetFlags.Parse(new[] { "values.x" + string.Concat(Enumerable.Repeat(".a", 400)) + "=1" }));
    }

    [Fact]
    public void SetMeshConfigPathWithTooManyElementsFails()
    {
        var e = Assert.Throws<MeshException>(() => MeshOps.Engine.Mesh.MeshConfigSettings.ParseSet("meshConfig.a" + string.Concat(Enumerable.Repeat(".a", 600)) + "=1"));
        Assert.Equal("SetPathTooDeep", e.ErrorId);
    }
}
