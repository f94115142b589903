using System.Formats.Asn1;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// What x509.CreateCertificate reads from a parent (CA) certificate: its raw subject, its public key and its subject
/// key identifier. Read with System.Formats.Asn1 so every platform accepts the same certificates.
/// </summary>
internal sealed class ParsedCertificate
{
    private const string SubjectKeyIdentifierOid = "2.5.29.14";

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
            var reader = new AsnReader(der, AsnEncodingRules.DER);
            var certificate = reader.ReadSequence();
            if (reader.HasData) throw Malformed("trailing data");
            var tbs = certificate.ReadSequence();
            certificate.ReadSequence(); // signature algorithm
            certificate.ReadBitString(out _);
            if (certificate.HasData) throw Malformed("certificate");

            var version = 0;
            var explicitVersion = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
            if (tbs.PeekTag().HasSameClassAndValue(explicitVersion))
            {
                var v = tbs.ReadSequence(explicitVersion);
                version = (int)v.ReadInteger();
            }
            if (version is < 0 or > 2) throw Malformed("version");
            tbs.ReadInteger(); // serial number
            tbs.ReadSequence(); // signature algorithm
            tbs.ReadSequence(); // issuer
            tbs.ReadSequence(); // validity
            var subject = tbs.ReadEncodedValue().ToArray();
            var spki = tbs.ReadSequence();
            var algorithm = spki.ReadSequence().ReadObjectIdentifier();
            var key = spki.ReadBitString(out _);
            var skid = Array.Empty<byte>();
            while (tbs.HasData)
            {
                var tag = tbs.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 3)
                {
                    var extensions = tbs.ReadSequence(tag).ReadSequence();
                    while (extensions.HasData)
                    {
                        var extension = extensions.ReadSequence();
                        var oid = extension.ReadObjectIdentifier();
                        if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean)) extension.ReadBoolean();
                        var value = extension.ReadOctetString();
                        if (oid == SubjectKeyIdentifierOid) skid = new AsnReader(value, AsnEncodingRules.DER).ReadOctetString();
                    }
                }
                else
                {
                    tbs.ReadEncodedValue(); // issuer or subject unique ID
                }
            }
            return new ParsedCertificate(subject, algorithm, key, skid);
        }
        catch (AsnContentException e)
        {
            throw Malformed(e.Message);
        }
    }

    private static TemplateFunctionException Malformed(string detail) => new("x509: malformed certificate (" + detail + ")");
}
