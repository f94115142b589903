namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

using static FunctionTestHost;

/// <summary>encryptAES/decryptAES: AES-256-CBC, base64 of IV and ciphertext, Sprig's unchecked unpadding and Go's panics.</summary>
public class SprigAesTests
{
    [Theory]
    [InlineData("secretkey", "plaintext")]
    [InlineData("", "exactly 16 bytes")]
    [InlineData("a key longer than thirty-two bytes is cut", "ünïcödé ✓ text that spans several AES blocks of sixteen bytes")]
    public void Round_trips(string password, string plaintext)
    {
        var sealed1 = (string)Call("encryptAES", password, plaintext)!;
        var sealed2 = (string)Call("encryptAES", password, plaintext)!;
        Assert.NotEqual(sealed1, sealed2); // a fresh IV each time
        var bytes = Convert.FromBase64String(sealed1);
        var length = System.Text.Encoding.UTF8.GetByteCount(plaintext);
        Assert.Equal(16 + (length / 16 + 1) * 16, bytes.Length); // IV, then PKCS#7 always adds 1..16 bytes
        Assert.Equal(plaintext, Call("decryptAES", password, sealed1));
    }

    [Fact]
    public void Only_the_first_32_bytes_of_the_password_are_the_key()
    {
        var sealedText = (string)Call("encryptAES", new string('k', 32) + "ignored", "text")!;
        Assert.Equal("text", Call("decryptAES", new string('k', 32), sealedText));
    }

    [Fact]
    public void Empty_input_gives_empty_output()
    {
        Assert.Equal("", Call("encryptAES", "k", ""));
        Assert.Equal("", Call("decryptAES", "k", ""));
    }

    [Theory]
    // Helm 4.1.4's messages for the same calls.
    [InlineData("abc", "illegal base64 data at input byte 0")]
    [InlineData("YWJj", "runtime error: slice bounds out of range [:16] with capacity 3")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZg==", "runtime error: index out of range [-1]")]
    [InlineData("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NQ==", "crypto/cipher: input not full blocks")]
    public void Malformed_ciphertexts_fail_as_sprig_does(string input, string message)
    {
        Assert.Equal(message, CallFails("decryptAES", "k", input));
    }

    [Fact]
    public void A_wrong_password_is_not_detected_unless_the_padding_byte_is_too_large()
    {
        // Sprig does not check PKCS#7 padding: most wrong keys give garbage, some a slice panic.
        var outcomes = Enumerable.Range(0, 40).Select(i =>
        {
            var sealedText = (string)Call("encryptAES", "right", "plaintext " + i)!;
            try
            {
                return (string)Call("decryptAES", "wrong", sealedText)! == "plaintext " + i ? "same" : "garbage";
            }
            catch (MeshOps.Engine.Templating.TemplateFunctionException e)
            {
                Assert.Matches(@"^runtime error: slice bounds out of range \[:-\d+\]$", e.Message);
                return "panic";
            }
        }).ToList();
        Assert.DoesNotContain("same", outcomes);
        Assert.Contains("panic", outcomes);
    }
}
