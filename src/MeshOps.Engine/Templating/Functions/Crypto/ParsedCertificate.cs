using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// What x509.CreateCertificate reads from a parent (CA) certificate: its raw subject, its public key and its subject
/// key identifier. Parsed with BouncyCastle's managed X.509 structures, so every platform accepts the same
/// certificates (X509Certificate2 defers to each platform's own parser).
/// </summary>
internal sealed class ParsedCertificate
{
    private ParsedCertificate(byte[] rawSubject, string publicKeyAlgorithm, byte[] publicKey, byte[] subjectKeyId)
    {
        RawSubject = rawSubject;
        PublicKeyAlgorithm = publicKeyAlgorithm;
        PublicKey = publicKey;
        SubjectKeyId = subjectKeyId;
    }

    public byte[] RawSubject { get; }

    /// <summary>The SubjectPublicKeyInfo's algorithm OID.</summary>
    public string PublicKeyAlgorithm { get; }

    /// <summary>The SubjectPublicKeyInfo's key bits.</summary>
    public byte[] PublicKey { get; }

    /// <summary>Empty when the certificate has no subject key identifier.</summary>
    public byte[] SubjectKeyId { get; }

    /// <summary>Parses a DER certificate; throws with x509's "malformed certificate" wording.</summary>
    public static ParsedCertificate Parse(byte[] der)
    {
        try
        {
            // FromByteArray refuses trailing data after the certificate, as Go does.
            var certificate = X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der));
            var tbs = certificate.TbsCertificate;
            var skid = tbs.Extensions?.GetExtension(X509Extensions.SubjectKeyIdentifier) is { } extension
                ? SubjectKeyIdentifier.GetInstance(extension.GetParsedValue()).GetKeyIdentifier()
                : Array.Empty<byte>();
            var spki = tbs.SubjectPublicKeyInfo;
            return new ParsedCertificate(tbs.Subject.GetDerEncoded(), spki.Algorithm.Algorithm.Id, spki.PublicKey.GetBytes(), skid);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or FormatException or InvalidOperationException)
        {
            throw new TemplateFunctionException("x509: malformed certificate (" + e.Message + ")");
        }
    }
}
