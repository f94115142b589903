using MeshOps.Engine.Operator;

namespace MeshOps.Engine.Tests.Operator;

public class SetFlagsTests
{
    [Theory]
    [InlineData("2", typeof(long))]
    [InlineData("-7", typeof(long))]
    [InlineData("1.5", typeof(double))]
    [InlineData("1e3", typeof(double))]
    [InlineData("true", typeof(bool))]
    [InlineData("t", typeof(bool))]
    [InlineData("False", typeof(bool))]
    [InlineData("default", typeof(string))]
    [InlineData("1.18.5", typeof(string))]
    [InlineData("", typeof(string))]
    public void ParseValue_TypesLikeUtilParseValue(string text, Type expected)
    {
        Assert.IsType(expected, SetFlags.ParseValue(text));
    }

    [Fact]
    public void ParseValue_OneIsAnInteger_NotABool()
    {
        Assert.Equal(1L, SetFlags.ParseValue("1"));
    }

    [Fact]
    public void ParseValue_UnescapesCommas()
    {
        Assert.Equal("a,b", SetFlags.ParseValue(@"a\,b"));
    }

    [Theory]
    [InlineData("noequals")]
    [InlineData("a=b=c")]
    [InlineData("=value")]
    public void Parse_RejectsBadSyntax(string flag)
    {
        var e = Assert.Throws<IstioOperatorException>(() => SetFlags.Parse(new[] { flag }));
        Assert.Equal("SetSyntaxInvalid", e.ErrorId);
    }

    [Fact]
    public void Apply_WritesUnderSpec_AndDropsLeadingSpec()
    {
        var iop = TreeOps.NewMap();
        SetFlags.Apply(iop, SetFlags.Parse(new[] { "values.global.hub=foo", "spec.revision=canary", "components.pilot.k8s.replicaCount=2" }));
        Assert.True(TreeOps.TryFind(iop, "spec.values.global.hub", out var hub));
        Assert.Equal("foo", hub);
        Assert.True(TreeOps.TryFind(iop, "spec.revision", out var rev));
        Assert.Equal("canary", rev);
        Assert.True(TreeOps.TryFind(iop, "spec.components.pilot.k8s.replicaCount", out var rc));
        Assert.Equal(2L, rc);
    }

    [Fact]
    public void Apply_EscapedDotsStayInOneKey()
    {
        var iop = TreeOps.NewMap();
        SetFlags.Apply(iop, SetFlags.Parse(new[] { @"values.sidecarInjectorWebhook.injectedAnnotations.container\.apparmor\.security\.beta\.kubernetes\.io/istio-proxy=runtime/default" }));
        var annotations = TreeOps.FindMap(iop, "spec.values.sidecarInjectorWebhook.injectedAnnotations")!;
        Assert.Equal("runtime/default", annotations["container.apparmor.security.beta.kubernetes.io/istio-proxy"]);
    }

    [Fact]
    public void ValueFor_TakesTheLastFlag()
    {
        var flags = SetFlags.Parse(new[] { "profile=demo", "profile=minimal" });
        Assert.Equal("minimal", SetFlags.ValueFor(flags, "profile"));
        Assert.Equal("", SetFlags.ValueFor(flags, "revision"));
    }
}
