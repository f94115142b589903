using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class IstioVersionTests
{
    [Theory]
    [InlineData("1.18.5", 1, 18, 5, null, 0)]
    [InlineData("1.30.3", 1, 30, 3, null, 0)]
    [InlineData("1.31.0-rc.0", 1, 31, 0, "rc", 0)]
    [InlineData("1.20.0-beta.1", 1, 20, 0, "beta", 1)]
    [InlineData("1.22.0-alpha.12", 1, 22, 0, "alpha", 12)]
    [InlineData("0.8.0", 0, 8, 0, null, 0)]
    public void Parses_release_and_pre_release_versions(string text, int major, int minor, int patch, string? kind, int number)
    {
        var version = IstioVersion.Parse(text);
        Assert.Equal((major, minor, patch, kind, number), (version.Major, version.Minor, version.Patch, version.PreReleaseKind, version.PreReleaseNumber));
        Assert.Equal(kind != null, version.IsPreRelease);
        Assert.Equal(text, version.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.18")]
    [InlineData("1")]
    [InlineData("v1.18.5")]
    [InlineData("1.18.5.1")]
    [InlineData("01.18.5")]
    [InlineData("1.018.5")]
    [InlineData("1.18.5-rc")]
    [InlineData("1.18.5-rc.01")]
    [InlineData("1.18.5-dev.0")]
    [InlineData("1.18.5-RC.0")]
    [InlineData("1.18.5+build.1")]
    [InlineData(" 1.18.5")]
    [InlineData("1.18.5 ")]
    [InlineData("1.18.5\n")]
    [InlineData("1.18.x")]
    [InlineData("../1.18.5")]
    [InlineData("1.18.5/..")]
    [InlineData("9999999.0.0")]
    [InlineData("１.18.5")]
    public void Rejects_anything_else_with_IstioVersionInvalid(string text)
    {
        var error = Assert.Throws<MeshException>(() => IstioVersion.Parse(text));
        Assert.Equal("IstioVersionInvalid", error.ErrorId);
        Assert.Equal(MeshErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("1.18.5", error.Message);
        Assert.False(IstioVersion.TryParse(text, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Null_is_invalid()
    {
        Assert.Equal("IstioVersionInvalid", Assert.Throws<MeshException>(() => IstioVersion.Parse(null)).ErrorId);
    }

    [Fact]
    public void Orders_as_SemVer_with_pre_releases_before_their_release()
    {
        var ordered = new[] { "1.9.9", "1.10.0", "1.20.0-alpha.0", "1.20.0-beta.1", "1.20.0-rc.0", "1.20.0-rc.1", "1.20.0-rc.10", "1.20.0", "1.20.1", "1.30.3", "2.0.0" };
        var shuffled = ordered.Reverse().Select(IstioVersion.Parse).ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled.Select(v => v.ToString()));
    }

    [Fact]
    public void Equal_versions_are_equal_and_hash_alike()
    {
        Assert.Equal(IstioVersion.Parse("1.31.0-rc.0"), IstioVersion.Parse("1.31.0-rc.0"));
        Assert.Equal(IstioVersion.Parse("1.18.5").GetHashCode(), IstioVersion.Parse("1.18.5").GetHashCode());
        Assert.NotEqual(IstioVersion.Parse("1.31.0-rc.0"), IstioVersion.Parse("1.31.0"));
    }
}
