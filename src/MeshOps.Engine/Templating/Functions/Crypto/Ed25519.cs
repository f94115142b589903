using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Ed25519 signatures (RFC 8032, pure) from a 32-byte seed, as Go's crypto/ed25519 makes them. .NET has no Ed25519;
/// BouncyCastle does the work, this class keeps the seed-based shape Sprig's key handling uses.
/// </summary>
internal static class Ed25519
{
    public const int SeedSize = 32;

    /// <summary>The 32-byte public key of a seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed) => PrivateKey(seed).GeneratePublicKey().GetEncoded();

    /// <summary>The 64-byte signature of <paramref name="message"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(forSigning: true, PrivateKey(seed));
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != Ed25519PublicKeyParameters.KeySize || signature.Length != Ed25519PrivateKeyParameters.SignatureSize) return false;
        Ed25519PublicKeyParameters key;
        try
        {
            key = new Ed25519PublicKeyParameters(publicKey);
        }
        catch (ArgumentException)
        {
            return false; // not a point on the curve
        }
        var verifier = new Ed25519Signer();
        verifier.Init(forSigning: false, key);
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToArray());
    }

    private static Ed25519PrivateKeyParameters PrivateKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize) throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        return new Ed25519PrivateKeyParameters(seed);
    }
}
