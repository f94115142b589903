namespace MeshOps.Engine.Tests.Templating.Functions;

using static FunctionTestHost;

/// <summary>Encodings, checksums, UUIDs and path helpers.</summary>
public class SprigEncodingTests
{
    [Theory]
    [InlineData("{{ b64enc \"Hello\" }}", "SGVsbG8=")]
    [InlineData("{{ b64dec \"SGVsbG8=\" }}", "Hello")]
    [InlineData("{{ b64dec \"SGVs\\nbG8=\" }}", "Hello")]
    [InlineData("{{ b64dec \"SGVsbG8\" }}", "illegal base64 data at input byte 4")]
    [InlineData("{{ b64dec \"SGV*bG8=\" }}", "illegal base64 data at input byte 3")]
    [InlineData("{{ b64dec \"SGVsbG8=x\" }}", "illegal base64 data at input byte 8")]
    [InlineData("{{ b64dec \"S===\" }}", "illegal base64 data at input byte 1")]
    [InlineData("{{ b32enc \"Hello\" }}", "JBSWY3DP")]
    [InlineData("{{ b32enc \"Hi\" }}", "JBUQ====")]
    [InlineData("{{ b32dec \"JBUQ====\" }}", "Hi")]
    [InlineData("{{ b32dec \"JBSWY3DP\" }}", "Hello")]
    [InlineData("{{ b32dec \"JBSWY3D\" }}", "illegal base32 data at input byte 0")]
    [InlineData("{{ sha1sum \"abc\" }}", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("{{ sha256sum \"\" }}", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("{{ sha512sum \"abc\" | trunc 16 }}", "ddaf35a193617aba")]
    [InlineData("{{ adler32sum \"Wikipedia\" }}", "300286872")]
    [InlineData("{{ base \"a/b/c.txt\" }}", "c.txt")]
    [InlineData("{{ base \"a/b/\" }}", "b")]
    [InlineData("{{ base \"\" }}", ".")]
    [InlineData("{{ dir \"a/b/c\" }}", "a/b")]
    [InlineData("{{ dir \"c\" }}", ".")]
    [InlineData("{{ clean \"a//b/../c/.\" }}", "a/c")]
    [InlineData("{{ clean \"/../a\" }}", "/a")]
    [InlineData("{{ clean \"../../a\" }}", "../../a")]
    [InlineData("{{ ext \"a/b.tar.gz\" }}", ".gz")]
    [InlineData("{{ ext \"a.b/c\" }}", "")]
    [InlineData("{{ isAbs \"/a\" }}", "true")]
    [InlineData("{{ osBase \"/x/y\" }}", "y")]
    [InlineData("{{ getHostByName \"example.com\" }}", "")]
    public void Encoding_function_output(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Uuidv4_is_a_random_version_4_uuid()
    {
        var a = (string)Call("uuidv4")!;
        var b = (string)Call("uuidv4")!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a);
        Assert.NotEqual(a, b);
    }
}
