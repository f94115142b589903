using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

/// <summary>Ed25519 against RFC 8032 section 7.1's test vectors.</summary>
public class Ed25519Tests
{
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "72",
        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    public void Rfc8032_vectors(string seedHex, string messageHex, string publicHex, string signatureHex)
    {
        var seed = Convert.FromHexString(seedHex);
        var message = Convert.FromHexString(messageHex);
        Assert.Equal(publicHex, Convert.ToHexString(Ed25519.PublicKey(seed)).ToLowerInvariant());
        var signature = Ed25519.Sign(seed, message);
        Assert.Equal(signatureHex, Convert.ToHexString(signature).ToLowerInvariant());
        Assert.True(Ed25519.Verify(Convert.FromHexString(publicHex), message, signature));
    }

    [Fact]
    public void Verify_rejects_a_changed_message_or_signature()
    {
        var seed = new byte[32];
        seed[0] = 1;
        var publicKey = Ed25519.PublicKey(seed);
        var signature = Ed25519.Sign(seed, "hello"u8);
        Assert.True(Ed25519.Verify(publicKey, "hello"u8, signature));
        Assert.False(Ed25519.Verify(publicKey, "hellO"u8, signature));
        signature[40] ^= 1;
        Assert.False(Ed25519.Verify(publicKey, "hello"u8, signature));
    }
}
