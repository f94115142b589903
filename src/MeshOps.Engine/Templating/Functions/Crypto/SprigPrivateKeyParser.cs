using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Sprig's parsePrivateKeyPEM: the first PEM block, read as PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY"),
/// SEC 1 ("EC PRIVATE KEY") or Sprig's DSA sequence ("DSA PRIVATE KEY"). Failures carry Go's message prefixes; the
/// detail of a malformed ASN.1 structure is .NET's, not Go's asn1 package's.
/// </summary>
internal static class SprigPrivateKeyParser
{
    private const string X25519Oid = "1.3.101.110";

    public static SprigPrivateKey Parse(string pem)
    {
        if (!GoPem.TryDecode(pem, out var type, out var der)) throw Fail("no PEM data in input");
        if (type == "PRIVATE KEY") return Wrap("decoding PEM as PKCS#8: ", () => ParsePkcs8(der));
        const string suffix = " PRIVATE KEY";
        if (!type.EndsWith(suffix, StringComparison.Ordinal)) throw Fail("no private key data in PEM block of type " + type);
        return type[..^suffix.Length] switch
        {
            "RSA" => Wrap("parsing RSA private key from PEM: ", () => ParsePkcs1(der)),
            "EC" => Wrap("parsing EC private key from PEM: ", () => ParseEc(der, null, null)),
            "DSA" => Wrap("parsing DSA private key from PEM: ", () => ParseDsa(der)),
            _ => throw Fail("invalid private key type " + type),
        };
    }

    private static SprigPrivateKey ParsePkcs8(byte[] der)
    {
        string algorithm;
        ReadOnlyMemory<byte>? parameters;
        byte[] inner;
        try
        {
            var info = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            info.ReadInteger();
            var id = info.ReadSequence();
            algorithm = id.ReadObjectIdentifier();
            parameters = id.HasData ? id.ReadEncodedValue() : (ReadOnlyMemory<byte>?)null;
            inner = info.ReadOctetString();
        }
        catch (AsnContentException e)
        {
            throw Fail("asn1: structure error: " + e.Message);
        }
        switch (algorithm)
        {
            case SprigPrivateKey.RsaEncryptionOid:
                return Wrap("x509: failed to parse RSA private key embedded in PKCS#8: ", () => ParsePkcs1(inner));
            case SprigPrivateKey.EcPublicKeyOid:
                string? curve = null;
                if (parameters is { } p)
                {
                    try
                    {
                        curve = new AsnReader(p, AsnEncodingRules.DER).ReadObjectIdentifier();
                    }
                    catch (AsnContentException)
                    {
                        curve = null;
                    }
                }
                return Wrap("x509: failed to parse EC private key embedded in PKCS#8: ", () => ParseEc(inner, curve, der));
            case SprigPrivateKey.Ed25519Oid:
                if (parameters != null) throw Fail("x509: invalid Ed25519 private key parameters");
                byte[] seed;
                try
                {
                    seed = new AsnReader(inner, AsnEncodingRules.DER).ReadOctetString();
                }
                catch (AsnContentException e)
                {
                    throw Fail("x509: invalid Ed25519 private key: asn1: structure error: " + e.Message);
                }
                if (seed.Length != Ed25519.SeedSize) throw Fail("x509: invalid Ed25519 private key length: " + seed.Length);
                return new SprigPrivateKey.Ed25519Key(seed);
            case X25519Oid:
                throw Fail("X25519 keys (which Go parses but cannot sign with) are not supported by MeshOps' template engine; use an RSA, ECDSA or Ed25519 key");
            default:
                throw Fail("x509: PKCS#8 wrapping contained private key with unknown algorithm: " + algorithm);
        }
    }

    private static SprigPrivateKey ParsePkcs1(byte[] der)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportRSAPrivateKey(der, out var read);
            if (read != der.Length) throw Fail("asn1: syntax error: trailing data");
        }
        catch (CryptographicException e)
        {
            rsa.Dispose();
            throw Fail("x509: malformed RSA private key: " + e.Message);
        }
        return new SprigPrivateKey.Rsa(rsa);
    }

    // SEC 1 ECPrivateKey; inside PKCS#8 (whole wrapper in pkcs8) the wrapper's algorithm parameters name the curve.
    private static SprigPrivateKey ParseEc(byte[] der, string? outerCurve, byte[]? pkcs8)
    {
        string? curve;
        try
        {
            var key = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            var version = key.ReadInteger();
            if (version != 1) throw Fail("x509: unknown EC private key version " + version);
            key.ReadOctetString();
            curve = outerCurve;
            if (curve == null && key.HasData && key.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
                curve = key.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0)).ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw Fail("x509: failed to parse EC private key: asn1: structure error: " + e.Message);
        }
        if (!EcCurves.IsKnown(curve)) throw Fail("x509: unknown elliptic curve");
        var ec = ECDsa.Create();
        try
        {
            if (pkcs8 == null) ec.ImportECPrivateKey(der, out _);
            else ec.ImportPkcs8PrivateKey(pkcs8, out _);
        }
        catch (CryptographicException e)
        {
            ec.Dispose();
            throw Fail("x509: invalid elliptic curve private key: " + e.Message);
        }
        return new SprigPrivateKey.Ec(ec);
    }

    private static SprigPrivateKey ParseDsa(byte[] der)
    {
        try
        {
            var seq = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            seq.ReadInteger(); // version
            var numbers = new BigInteger[5];
            for (var i = 0; i < numbers.Length; i++) numbers[i] = seq.ReadInteger();
            return new SprigPrivateKey.Dsa(numbers);
        }
        catch (AsnContentException e)
        {
            throw Fail("asn1: structure error: " + e.Message);
        }
    }

    private static SprigPrivateKey Wrap(string prefix, Func<SprigPrivateKey> parse)
    {
        try
        {
            return parse();
        }
        catch (TemplateFunctionException e)
        {
            throw Fail(prefix + e.Message);
        }
    }

    private static TemplateFunctionException Fail(string message) => new(message);
}
