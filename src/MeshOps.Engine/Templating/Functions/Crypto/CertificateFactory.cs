using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// What Sprig's certificate functions get from x509.CreateCertificate (Go 1.25), for Sprig's one template shape: a
/// CN-only subject, IP and DNS SANs, a random serial below 2^128, NotBefore now and NotAfter daysValid × 24 h later,
/// key usage digitalSignature + keyEncipherment (+ keyCertSign for a CA), extended key usage serverAuth +
/// clientAuth, critical basic constraints, a subject key identifier for a CA (SHA-256 of the key, 20 bytes) and an
/// authority key identifier from a parent with a different subject. BouncyCastle's X.509 structures encode it;
/// CertificateRequest is not used because it refuses NotAfter before NotBefore (Go accepts negative daysValid) and
/// cannot sign with Ed25519. This class keeps Go's choices, checks and messages.
/// </summary>
internal static class CertificateFactory
{
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
        var signatureAlgorithm = AlgorithmIdentifier.GetInstance(signingKey.SignatureAlgorithm());
        var spkiDer = subjectKey.SubjectPublicKeyInfo()
                      ?? throw new TemplateFunctionException("x509: unsupported public key type: " + subjectKey.PublicKeyGoTypeName);
        var spki = SubjectPublicKeyInfo.GetInstance(spkiDer);

        var subject = SubjectName(request.CommonName);
        var subjectDer = subject.GetDerEncoded();
        var issuerDer = issuer?.Certificate.RawSubject ?? subjectDer;
        var authorityKeyId = issuer != null && !issuerDer.AsSpan().SequenceEqual(subjectDer) && issuer.Certificate.SubjectKeyId.Length > 0
            ? issuer.Certificate.SubjectKeyId
            : null;
        var subjectKeyId = request.IsCa ? SHA256.HashData(spki.PublicKey.GetBytes())[..20] : null;
        if (issuer != null && !SameKey(issuer)) throw new TemplateFunctionException("x509: provided PrivateKey doesn't match parent's PublicKey");
        var extensions = Extensions(request, subject.GetOidList().Count == 0, subjectKeyId, authorityKeyId);

        // The TBSCertificate sequence (RFC 5280 4.1) from BouncyCastle's parts. Neither V3TbsCertificateGenerator nor
        // TbsCertificateStructure is used: both refuse the empty issuer Go writes for a self-signed certificate with
        // an empty subject.
        var tbs = new DerSequence(
            new DerTaggedObject(true, 0, new DerInteger(2)), // v3
            new DerInteger(new BigInteger(1, RandomNumberGenerator.GetBytes(16))),
            signatureAlgorithm,
            X509Name.GetInstance(Asn1Object.FromByteArray(issuerDer)),
            // Go: time.Hour * 24 * time.Duration(daysValid), an int64 of nanoseconds that wraps on overflow.
            new Validity(GoTime(now), GoTime(now.AddTicks(unchecked(86_400_000_000_000L * request.DaysValid) / 100))),
            subject,
            spki,
            new DerTaggedObject(true, 3, extensions));
        var tbsDer = tbs.GetDerEncoded();
        return new DerSequence(tbs, signatureAlgorithm, new DerBitString(signingKey.Sign(tbsDer))).GetDerEncoded();
    }

    // Go's key Equal against the parent's parsed public key; a key type Go does not parse leaves nothing to compare.
    private static bool SameKey(Issuer issuer)
    {
        var parent = issuer.Certificate;
        if (parent.PublicKeyAlgorithm is not (SprigPrivateKey.RsaEncryptionOid or SprigPrivateKey.EcPublicKeyOid or SprigPrivateKey.Ed25519Oid
            or "1.2.840.10040.4.1" or "1.3.101.110")) return true;
        var spki = issuer.Key.SubjectPublicKeyInfo();
        if (spki == null) return false;
        var info = SubjectPublicKeyInfo.GetInstance(spki);
        return info.Algorithm.Algorithm.Id == parent.PublicKeyAlgorithm && info.PublicKey.GetBytes().AsSpan().SequenceEqual(parent.PublicKey);
    }

    /// <summary>pkix.Name{CommonName: cn} as encoding/asn1 marshals it: no RDN for "", PrintableString when it can, else UTF8String.</summary>
    internal static X509Name SubjectName(string commonName)
    {
        if (commonName.Length == 0) return X509Name.GetInstance(DerSequence.Empty);
        Asn1Encodable value = commonName.All(IsPrintable) ? new DerPrintableString(commonName) : new DerUtf8String(commonName);
        return X509Name.GetInstance(new DerSequence(new DerSet(new DerSequence(X509Name.CN, value))));
    }

    // encoding/asn1's PrintableString set when marshalling (no '*' and no '&').
    private static bool IsPrintable(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or ' ' or '\'' or '(' or ')' or '+' or ',' or '-' or '.' or '/' or ':' or '=' or '?';

    // Whole seconds (Go writes no fractions); Time picks UTCTime for 1950 to 2049 and GeneralizedTime otherwise, as
    // RFC 5280 and encoding/asn1 do.
    private static Time GoTime(DateTimeOffset t)
    {
        var utc = t.UtcDateTime;
        return new Time(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
    }

    // buildCertExtensions' order: key usage, extended key usage, basic constraints, SKID, AKID, SAN.
    private static X509Extensions Extensions(Request request, bool subjectIsEmpty, byte[]? subjectKeyId, byte[]? authorityKeyId)
    {
        var extensions = new X509ExtensionsGenerator();
        extensions.AddExtension(X509Extensions.KeyUsage, true,
            new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment | (request.IsCa ? KeyUsage.KeyCertSign : 0)));
        extensions.AddExtension(X509Extensions.ExtendedKeyUsage, false,
            new ExtendedKeyUsage(new[] { KeyPurposeID.id_kp_serverAuth, KeyPurposeID.id_kp_clientAuth }));
        // No path length: Go's MaxPathLen 0 without MaxPathLenZero means none.
        extensions.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(request.IsCa));
        if (subjectKeyId != null) extensions.AddExtension(X509Extensions.SubjectKeyIdentifier, false, new SubjectKeyIdentifier(subjectKeyId));
        if (authorityKeyId != null) extensions.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
        if (request.DnsNames.Count > 0 || request.IpAddresses.Count > 0)
        {
            foreach (var name in request.DnsNames)
            {
                if (name.Any(c => c > 127))
                    throw new TemplateFunctionException("x509: " + GoQuote.Quote(name) + " cannot be encoded as an IA5String");
            }
            var names = request.DnsNames.Select(n => new GeneralName(GeneralName.DnsName, new DerIA5String(n)))
                .Concat(request.IpAddresses.Select(ip => new GeneralName(GeneralName.IPAddress, new DerOctetString(ip))))
                .ToArray();
            // RFC 5280: the SAN is critical when the subject is empty.
            extensions.AddExtension(X509Extensions.SubjectAlternativeName, subjectIsEmpty, new GeneralNames(names));
        }
        return extensions.Generate();
    }
}
