using MeshOps.Engine.Hosting;
using MeshOps.Engine.Mesh;

namespace MeshOps.Engine.Tests.Mesh;

public class RevisionNamesTests
{
    [Theory]
    [InlineData("canary")]
    [InlineData("1-18-5")]
    [InlineData("default")]
    [InlineData("prod.v2")] // tags may hold dots
    public void RevisionAndTagNamesPass(string name) => RevisionNames.Validate(name);

    [Theory]
    [InlineData("BAD.REV")]
    [InlineData("")]
    [InlineData("-canary")]
    [InlineData("canary-")]
    [InlineData("under_score")]
    [InlineData("a b")]
    [InlineData("x2345678901234567890123456789012345678901234567890123456789012345")]
    public void AnythingElseIsRevisionInvalid(string name)
    {
        var e = Assert.Throws<MeshException>(() => RevisionNames.Validate(name));
        Assert.Equal("RevisionInvalid", e.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, e.Kind);
    }
}
