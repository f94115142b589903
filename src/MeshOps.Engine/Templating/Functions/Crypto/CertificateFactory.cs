using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// What Sprig's certificate functions get from x509.CreateCertificate (Go 1.25), for Sprig's one template shape: a
/// CN-only subject, IP and DNS SANs, a random serial below 2^128, NotBefore now and NotAfter daysValid × 24 h later,
/// key usage digitalSignature + keyEncipherment (+ keyCertSign for a CA), extended key usage serverAuth +
/// clientAuth, critical basic constraints, a subject key identifier for a CA (SHA-256 of the key, 20 bytes) and an
/// authority key identifier from a parent with a different subject. The DER is written here rather than with
/// CertificateRequest, which refuses NotAfter before NotBefore (Go accepts negative daysValid) and cannot sign
/// with Ed25519.
/// </summary>
internal static class CertificateFactory
{
    private const string CommonNameOid = "2.5.4.3";
    private const string KeyUsageOid = "2.5.29.15";
    private const string ExtendedKeyUsageOid = "2.5.29.37";
    private const string BasicConstraintsOid = "2.5.29.19";
    private const string SubjectKeyIdentifierOid = "2.5.29.14";
    private const string AuthorityKeyIdentifierOid = "2.5.29.35";
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const int DigitalSignature = 1, KeyEncipherment = 4, CertSign = 32; // x509.KeyUsage bits

    /// <summary>Sprig's certificate template (getBaseCertTemplate, with genCA's IsCA).</summary>
    internal sealed record Request(string CommonName, IReadOnlyList<byte[]> IpAddresses, IReadOnlyList<string> DnsNames, int DaysValid, bool IsCa);

    /// <summary>The signing parent: its parsed certificate and its private key.</summary>
    internal sealed record Issuer(ParsedCertificate Certificate, SprigPrivateKey Key);

    /// <summary>Sprig's getCertAndKey: certifies <paramref name="subjectKey"/>, signed by the issuer's key or (self-signed) its own.</summary>
    public static SprigCertificate Create(Request request, SprigPrivateKey subjectKey, Issuer? issuer)
    {
        string pem;
        try
        {
            pem = GoPem.Encode("CERTIFICATE", CreateDer(request, subjectKey, issuer, DateTimeOffset.UtcNow));
        }
        catch (TemplateFunctionException e)
        {
            throw new TemplateFunctionException("error creating certificate: " + e.Message);
        }
        return new SprigCertificate(pem, subjectKey.ToPem());
    }

    /// <summary>x509.CreateCertificate, with its checks in Go's order and Go's messages.</summary>
    internal static byte[] CreateDer(Request request, SprigPrivateKey subjectKey, Issuer? issuer, DateTimeOffset now)
    {
        var signingKey = issuer?.Key ?? subjectKey;
        if (!signingKey.CanSign) throw new TemplateFunctionException("x509: certificate private key does not implement crypto.Signer");
        var signatureAlgorithm = signingKey.SignatureAlgorithm();
        var spki = subjectKey.SubjectPublicKeyInfo()
                   ?? throw new TemplateFunctionException("x509: unsupported public key type: " + subjectKey.PublicKeyGoTypeName);
        var (_, publicKeyBits) = ReadSpki(spki);

        var subject = EncodeName(request.CommonName);
        var issuerName = issuer?.Certificate.RawSubject ?? subject;
        var authorityKeyId = issuer != null && !issuerName.AsSpan().SequenceEqual(subject) && issuer.Certificate.SubjectKeyId.Length > 0
            ? issuer.Certificate.SubjectKeyId
            : null;
        var subjectKeyId = request.IsCa ? SHA256.HashData(publicKeyBits)[..20] : null;
        if (issuer != null && !SameKey(issuer)) throw new TemplateFunctionException("x509: provided PrivateKey doesn't match parent's PublicKey");
        var extensions = Extensions(request, subject.Length == 2, subjectKeyId, authorityKeyId);

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true))) tbs.WriteInteger(2); // v3
            tbs.WriteInteger(new BigInteger(RandomNumberGenerator.GetBytes(16), isUnsigned: true, isBigEndian: true));
            tbs.WriteEncodedValue(signatureAlgorithm);
            tbs.WriteEncodedValue(issuerName);
            using (tbs.PushSequence())
            {
                WriteTime(tbs, now);
                // Go: time.Hour * 24 * time.Duration(daysValid), an int64 of nanoseconds that wraps on overflow.
                WriteTime(tbs, now.AddTicks(unchecked(86_400_000_000_000L * request.DaysValid) / 100));
            }
            tbs.WriteEncodedValue(subject);
            tbs.WriteEncodedValue(spki);
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)))
            using (tbs.PushSequence())
            {
                foreach (var extension in extensions) tbs.WriteEncodedValue(extension);
            }
        }
        var tbsDer = tbs.Encode();
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(tbsDer);
            certificate.WriteEncodedValue(signatureAlgorithm);
            certificate.WriteBitString(signingKey.Sign(tbsDer));
        }
        return certificate.Encode();
    }

    // Go's key Equal against the parent's parsed public key; a key type Go does not parse leaves nothing to compare.
    private static bool SameKey(Issuer issuer)
    {
        var parent = issuer.Certificate;
        if (parent.PublicKeyAlgorithm is not (SprigPrivateKey.RsaEncryptionOid or SprigPrivateKey.EcPublicKeyOid or SprigPrivateKey.Ed25519Oid
            or "1.2.840.10040.4.1" or "1.3.101.110")) return true;
        var spki = issuer.Key.SubjectPublicKeyInfo();
        if (spki == null) return false;
        var (algorithm, bits) = ReadSpki(spki);
        return algorithm == parent.PublicKeyAlgorithm && bits.AsSpan().SequenceEqual(parent.PublicKey);
    }

    private static (string Algorithm, byte[] Bits) ReadSpki(byte[] spki)
    {
        var seq = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        var algorithm = seq.ReadSequence().ReadObjectIdentifier();
        return (algorithm, seq.ReadBitString(out _));
    }

    /// <summary>pkix.Name{CommonName: cn} as asn1 marshals it: empty sequence for "", PrintableString when it can, else UTF8String.</summary>
    internal static byte[] EncodeName(string commonName)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            if (commonName.Length > 0)
            {
                using (w.PushSetOf())
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(CommonNameOid);
                    w.WriteCharacterString(commonName.All(IsPrintable) ? UniversalTagNumber.PrintableString : UniversalTagNumber.UTF8String, commonName);
                }
            }
        }
        return w.Encode();
    }

    // encoding/asn1's PrintableString set when marshalling (no '*' and no '&').
    private static bool IsPrintable(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?';

    private static void WriteTime(AsnWriter w, DateTimeOffset t)
    {
        // UTCTime for 1950 to 2049, GeneralizedTime otherwise (RFC 5280, as encoding/asn1 does); whole seconds.
        t = t.ToUniversalTime();
        if (t.Year is >= 1950 and < 2050) w.WriteUtcTime(t);
        else w.WriteGeneralizedTime(t, omitFractionalSeconds: true);
    }

    // buildCertExtensions' order: key usage, extended key usage, basic constraints, SKID, AKID, SAN.
    private static List<byte[]> Extensions(Request request, bool subjectIsEmpty, byte[]? subjectKeyId, byte[]? authorityKeyId)
    {
        var list = new List<byte[]>
        {
            Extension(KeyUsageOid, true, KeyUsage(DigitalSignature | KeyEncipherment | (request.IsCa ? CertSign : 0))),
            Extension(ExtendedKeyUsageOid, false, Encode(w =>
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(ServerAuthOid);
                    w.WriteObjectIdentifier(ClientAuthOid);
                }
            })),
            Extension(BasicConstraintsOid, true, Encode(w =>
            {
                using (w.PushSequence())
                {
                    if (request.IsCa) w.WriteBoolean(true); // no path length: MaxPathLen 0 without MaxPathLenZero means none
                }
            })),
        };
        if (subjectKeyId != null) list.Add(Extension(SubjectKeyIdentifierOid, false, Encode(w => w.WriteOctetString(subjectKeyId))));
        if (authorityKeyId != null)
        {
            list.Add(Extension(AuthorityKeyIdentifierOid, false, Encode(w =>
            {
                using (w.PushSequence()) w.WriteOctetString(authorityKeyId, new Asn1Tag(TagClass.ContextSpecific, 0));
            })));
        }
        if (request.DnsNames.Count > 0 || request.IpAddresses.Count > 0)
        {
            foreach (var name in request.DnsNames)
            {
                if (name.Any(c => c > 127))
                    throw new TemplateFunctionException("x509: " + GoQuote.Quote(name) + " cannot be encoded as an IA5String");
            }
            // RFC 5280: the SAN is critical when the subject is empty.
            list.Add(Extension(SubjectAltNameOid, subjectIsEmpty, Encode(w =>
            {
                using (w.PushSequence())
                {
                    foreach (var name in request.DnsNames)
                        w.WriteCharacterString(UniversalTagNumber.IA5String, name, new Asn1Tag(TagClass.ContextSpecific, 2));
                    foreach (var ip in request.IpAddresses) w.WriteOctetString(ip, new Asn1Tag(TagClass.ContextSpecific, 7));
                }
            })));
        }
        return list;
    }

    // x509.KeyUsage as a BIT STRING: bit 0 is the most significant bit of the first byte; trailing zero bits unused.
    private static byte[] KeyUsage(int usage)
    {
        var bytes = new[] { ReverseBits((byte)usage), ReverseBits((byte)(usage >> 8)) };
        var length = bytes[1] != 0 ? 2 : 1;
        var unused = System.Numerics.BitOperations.TrailingZeroCount(bytes[length - 1] | 0x100);
        return Encode(w => w.WriteBitString(bytes.AsSpan(0, length), unused == 8 ? 0 : unused));
    }

    private static byte ReverseBits(byte b)
    {
        var r = 0;
        for (var i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
        return (byte)r;
    }

    private static byte[] Extension(string oid, bool critical, byte[] value) => Encode(w =>
    {
        using (w.PushSequence())
        {
            w.WriteObjectIdentifier(oid);
            if (critical) w.WriteBoolean(true);
            w.WriteOctetString(value);
        }
    });

    private static byte[] Encode(Action<AsnWriter> write)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        write(w);
        return w.Encode();
    }
}
