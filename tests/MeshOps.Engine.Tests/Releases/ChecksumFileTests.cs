using MeshOps.Engine.Hosting;
using MeshOps.Engine.Releases;

namespace MeshOps.Engine.Tests.Releases;

public class ChecksumFileTests
{
    private const string Name = "istio-1.18.5-linux-amd64.tar.gz";
    private static readonly string Hex = new string('a', 32) + new string('0', 32);

    [Theory]
    [InlineData("{0}  istio-1.18.5-linux-amd64.tar.gz\n")]
    [InlineData("{0} *istio-1.18.5-linux-amd64.tar.gz\r\n")]
    [InlineData("{0}  ./out/istio-1.18.5-linux-amd64.tar.gz")]
    [InlineData("\n{0}\n")]
    public void Reads_the_digest_in_sha256sum_format(string format)
    {
        Assert.Equal(Hex, ChecksumFile.Parse(string.Format(format, Hex.ToUpperInvariant()), Name, "x.sha256"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("abc  istio-1.18.5-linux-amd64.tar.gz")]
    [InlineData("{0}  istio-1.19.0-linux-amd64.tar.gz")]
    [InlineData("{0}g  istio-1.18.5-linux-amd64.tar.gz")]
    [InlineData("<html>Not Found</html>")]
    public void Refuses_a_file_that_is_not_the_archive_s_checksum(string format)
    {
        var error = Assert.Throws<MeshException>(() => ChecksumFile.Parse(string.Format(format, Hex), Name, "x.sha256"));
        Assert.Equal("IstioChecksumFileInvalid", error.ErrorId);
        Assert.Contains("x.sha256", error.Message);
    }
}
