using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.EdEC;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.X509;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// A private key as Sprig's crypto functions hold one (Go's crypto.PrivateKey): RSA, ECDSA, Ed25519 or DSA. Knows
/// its PEM form (Sprig's pemBlockForKey), its SubjectPublicKeyInfo and how x509.CreateCertificate signs with it.
/// </summary>
internal abstract class SprigPrivateKey
{
    internal const string RsaEncryptionOid = "1.2.840.113549.1.1.1";
    internal const string EcPublicKeyOid = "1.2.840.10045.2.1";
    internal const string Ed25519Oid = "1.3.101.112";

    /// <summary>Go's %T of the public key, for x509's "unsupported public key type" error.</summary>
    public abstract string PublicKeyGoTypeName { get; }

    /// <summary>The PEM block type Sprig writes for this kind of key.</summary>
    public abstract string PemType { get; }

    /// <summary>The DER bytes Sprig writes in the PEM block (PKCS#1, SEC 1, PKCS#8 or the DSA sequence).</summary>
    public abstract byte[] ExportDer();

    public string ToPem() => GoPem.Encode(PemType, ExportDer());

    /// <summary>The SubjectPublicKeyInfo x509 writes into a certificate; null when Go's x509 cannot (DSA).</summary>
    public abstract byte[]? SubjectPublicKeyInfo();

    /// <summary>Whether Go's key type implements crypto.Signer (DSA's does not).</summary>
    public virtual bool CanSign => true;

    /// <summary>The AlgorithmIdentifier x509.CreateCertificate picks for this signing key.</summary>
    public abstract byte[] SignatureAlgorithm();

    /// <summary>Signs <paramref name="data"/> with the algorithm of <see cref="SignatureAlgorithm"/>.</summary>
    public abstract byte[] Sign(byte[] data);

    /// <summary>Sprig's genPrivateKey: the PEM of a new key, or Sprig's message for an unknown type.</summary>
    public static string Generate(string type)
    {
        switch (type)
        {
            case "":
            case "rsa":
                return new Rsa(RSA.Create(4096)).ToPem();
            case "dsa":
                try
                {
                    using var dsa = DSA.Create(2048);
                    return Dsa.From(dsa.ExportParameters(true)).ToPem();
                }
                catch (CryptographicException e)
                {
                    return "failed to generate dsa params: " + e.Message;
                }
            case "ecdsa":
                return new Ec(ECDsa.Create(ECCurve.NamedCurves.nistP256)).ToPem();
            case "ed25519":
                return new Ed25519Key(RandomNumberGenerator.GetBytes(Ed25519.SeedSize)).ToPem();
            default:
                return "Unknown type " + type;
        }
    }

    /// <summary>A new 2048-bit RSA key, as Sprig's certificate functions make when not given one.</summary>
    public static SprigPrivateKey NewRsa2048() => new Rsa(RSA.Create(2048));

    private static byte[] AlgorithmIdentifier(string oid, bool nullParameters) =>
        new AlgorithmIdentifier(new DerObjectIdentifier(oid), nullParameters ? DerNull.Instance : null).GetDerEncoded();

    internal sealed class Rsa : SprigPrivateKey
    {
        private readonly RSA _key;

        public Rsa(RSA key) => _key = key;

        public override string PublicKeyGoTypeName => "*rsa.PublicKey";
        public override string PemType => "RSA PRIVATE KEY";
        public override byte[] ExportDer() => _key.ExportRSAPrivateKey();
        public override byte[]? SubjectPublicKeyInfo() => _key.ExportSubjectPublicKeyInfo();
        public override byte[] SignatureAlgorithm() => AlgorithmIdentifier("1.2.840.113549.1.1.11", nullParameters: true); // sha256WithRSAEncryption
        public override byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    internal sealed class Ec : SprigPrivateKey
    {
        private readonly ECDsa _key;

        public Ec(ECDsa key)
        {
            _key = key;
            var spki = new AsnReader(key.ExportSubjectPublicKeyInfo(), AsnEncodingRules.DER).ReadSequence();
            var algorithm = spki.ReadSequence();
            algorithm.ReadObjectIdentifier();
            CurveOid = algorithm.ReadObjectIdentifier();
        }

        public string CurveOid { get; }

        public override string PublicKeyGoTypeName => "*ecdsa.PublicKey";
        public override string PemType => "EC PRIVATE KEY";
        public override byte[] ExportDer() => _key.ExportECPrivateKey();
        public override byte[]? SubjectPublicKeyInfo() => _key.ExportSubjectPublicKeyInfo();

        // x509 signs with the hash that matches the curve's strength.
        private (string Oid, HashAlgorithmName Hash) Signature => CurveOid switch
        {
            EcCurves.P256 => ("1.2.840.10045.4.3.2", HashAlgorithmName.SHA256),
            EcCurves.P384 => ("1.2.840.10045.4.3.3", HashAlgorithmName.SHA384),
            EcCurves.P521 => ("1.2.840.10045.4.3.4", HashAlgorithmName.SHA512),
            _ => throw new TemplateFunctionException("x509: unknown elliptic curve"),
        };

        public override byte[] SignatureAlgorithm() => AlgorithmIdentifier(Signature.Oid, nullParameters: false);
        public override byte[] Sign(byte[] data) => _key.SignData(data, Signature.Hash, DSASignatureFormat.Rfc3279DerSequence);
    }

    internal sealed class Ed25519Key : SprigPrivateKey
    {
        private readonly byte[] _seed;

        public Ed25519Key(byte[] seed) => _seed = seed;

        public override string PublicKeyGoTypeName => "ed25519.PublicKey";
        public override string PemType => "PRIVATE KEY";

        // PKCS#8 v1 with the seed in an inner OCTET STRING and no public key, as x509.MarshalPKCS8PrivateKey writes it.
        public override byte[] ExportDer() =>
            new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DerOctetString(_seed)).GetDerEncoded();

        public override byte[]? SubjectPublicKeyInfo() =>
            SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new Ed25519PrivateKeyParameters(_seed).GeneratePublicKey()).GetDerEncoded();

        public override byte[] SignatureAlgorithm() => AlgorithmIdentifier(Ed25519Oid, nullParameters: false);
        public override byte[] Sign(byte[] data) => Ed25519.Sign(_seed, data);
    }

    /// <summary>DSA: Sprig can generate and parse it, but Go's x509 can neither sign with it nor certify it.</summary>
    internal sealed class Dsa : SprigPrivateKey
    {
        private readonly BigInteger[] _pqgyx;

        public Dsa(BigInteger[] pqgyx) => _pqgyx = pqgyx;

        public static Dsa From(DSAParameters p) => new(new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! }
            .Select(b => new BigInteger(b, isUnsigned: true, isBigEndian: true)).ToArray());

        public override string PublicKeyGoTypeName => "*dsa.PublicKey";
        public override string PemType => "DSA PRIVATE KEY";
        public override bool CanSign => false;

        // Sprig's DSAKeyFormat: version 0, then P, Q, G, Y, X.
        public override byte[] ExportDer()
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteInteger(0);
                foreach (var n in _pqgyx) w.WriteInteger(n);
            }
            return w.Encode();
        }

        public override byte[]? SubjectPublicKeyInfo() => null;
        public override byte[] SignatureAlgorithm() => throw new InvalidOperationException("DSA keys do not sign certificates");
        public override byte[] Sign(byte[] data) => throw new InvalidOperationException("DSA keys do not sign certificates");
    }
}

/// <summary>The named curves Go's crypto/x509 knows.</summary>
internal static class EcCurves
{
    public const string P224 = "1.3.132.0.33";
    public const string P256 = "1.2.840.10045.3.1.7";
    public const string P384 = "1.3.132.0.34";
    public const string P521 = "1.3.132.0.35";

    public static bool IsKnown(string? oid) => oid is P224 or P256 or P384 or P521;
}
