using System.Text;
using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

using static FunctionTestHost;

/// <summary>scrypt against RFC 7914's vectors, and Sprig's derivePassword (Master Password) against values Helm 4.1.4 printed.</summary>
public class ScryptTests
{
    [Theory]
    [InlineData("", "", 16, 1, 1,
        "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    [InlineData("password", "NaCl", 1024, 8, 16,
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    public void Rfc7914_vectors(string password, string salt, int n, int r, int p, string expectedHex)
    {
        var key = Scrypt.DeriveKey(Encoding.ASCII.GetBytes(password), Encoding.ASCII.GetBytes(salt), n, r, p, 64);
        Assert.Equal(expectedHex, Convert.ToHexString(key).ToLowerInvariant());
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1000, 1, 1)]
    [InlineData(16, 0, 1)]
    public void Invalid_parameters_are_rejected(int n, int r, int p)
    {
        Assert.Throws<ArgumentException>(() => Scrypt.DeriveKey("p"u8, "s"u8, n, r, p, 32));
    }

    [Theory]
    // Printed by Helm 4.1.4's `helm template` for the same calls.
    [InlineData("{{ derivePassword 1 \"long\" \"p\" \"u\" \"s\" }}", "Rude2$QafoJela")]
    [InlineData("{{ derivePassword 0 \"maximum\" \"Master Password\" \"Robert Lee Mitchell\" \"masterpasswordapp.com\" }}", "S6)gX6NCmhfLt2UXMlRa")]
    [InlineData("{{ derivePassword 4294967295 \"medium\" \"pässwörd\" \"üser\" \"sïte.example\" }}", "Zuq8]Mix")]
    [InlineData("{{ derivePassword 7 \"short\" \"\" \"\" \"\" }}", "Bef4")]
    [InlineData("{{ derivePassword 3 \"basic\" \"secret\" \"user\" \"example.com\" }}", "Lbr4aGq6")]
    [InlineData("{{ derivePassword 2 \"pin\" \"secret\" \"user\" \"example.com\" }}", "4390")]
    // text/template keeps the low 32 bits of a constant for a uint32 parameter: this is counter 0.
    [InlineData("{{ derivePassword 4294967296 \"long\" \"p\" \"u\" \"s\" }}", "WupeHanuFiyi6@")]
    [InlineData("{{ derivePassword 1 \"nope\" \"p\" \"u\" \"s\" }}", "cannot find password template nope")]
    public void DerivePassword_matches_helm(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void DerivePassword_rejects_a_negative_counter_as_go_does()
    {
        Assert.Equal("template: test:1:18: executing \"test\" at <-1>: expected unsigned integer; found -1",
            RenderFails("{{ derivePassword -1 \"long\" \"p\" \"u\" \"s\" }}").Message);
        Assert.Equal("wrong type for value; expected uint32; got float64", CallFails("derivePassword", 1.0, "long", "p", "u", "s"));
    }
}
