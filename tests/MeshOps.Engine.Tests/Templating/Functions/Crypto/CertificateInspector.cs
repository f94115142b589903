using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MeshOps.Engine.Templating;
using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

/// <summary>Reads certificates the template functions return: .NET's view, raw TBS and signature, chains, and a comparable shape.</summary>
internal static class CertificateInspector
{
    public static X509Certificate2 Load(string pem) => X509Certificate2.CreateFromPem(pem);

    /// <summary>Cert and Key of a sprig.certificate value.</summary>
    public static (string Cert, string Key) Parts(object? value)
    {
        var g = Assert.IsAssignableFrom<IGoObject>(value);
        Assert.Equal("sprig.certificate", g.GoTypeName);
        Assert.True(g.TryGetField("Cert", out var cert));
        Assert.True(g.TryGetField("Key", out var key));
        return ((string)cert!, (string)key!);
    }

    /// <summary>The to-be-signed bytes, the signature algorithm OID and the signature.</summary>
    public static (byte[] Tbs, string Algorithm, byte[] Signature) Signed(X509Certificate2 cert)
    {
        var outer = new AsnReader(cert.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = outer.ReadEncodedValue().ToArray();
        var algorithm = outer.ReadSequence().ReadObjectIdentifier();
        var signature = outer.ReadBitString(out _);
        return (tbs, algorithm, signature);
    }

    /// <summary>Whether <paramref name="cert"/>'s signature verifies with the public key of <paramref name="issuer"/>.</summary>
    public static bool SignedBy(X509Certificate2 cert, X509Certificate2 issuer)
    {
        var (tbs, algorithm, signature) = Signed(cert);
        switch (algorithm)
        {
            case "1.2.840.113549.1.1.11":
                using (var rsa = issuer.GetRSAPublicKey()!) return rsa.VerifyData(tbs, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            case "1.2.840.10045.4.3.2":
            case "1.2.840.10045.4.3.3":
            case "1.2.840.10045.4.3.4":
                var hash = algorithm.EndsWith('2') ? HashAlgorithmName.SHA256 : algorithm.EndsWith('3') ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA512;
                using (var ec = issuer.GetECDsaPublicKey()!) return ec.VerifyData(tbs, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
            case "1.3.101.112":
                return Ed25519.Verify(issuer.PublicKey.EncodedKeyValue.RawData, tbs, signature);
            default:
                throw new InvalidOperationException("unexpected signature algorithm " + algorithm);
        }
    }

    /// <summary>Builds a chain from <paramref name="leaf"/> to <paramref name="root"/> as the only trusted root.</summary>
    public static X509ChainStatus[] ChainErrors(X509Certificate2 leaf, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.Build(leaf);
        return chain.ChainStatus;
    }

    /// <summary>
    /// Everything about a certificate that is not random or time-dependent: version, signature algorithm, names,
    /// validity length, public key algorithm, serial size bound and each extension (SKID/AKID by length only).
    /// </summary>
    public static string Shape(X509Certificate2 cert)
    {
        var sb = new StringBuilder();
        sb.Append("version ").Append(cert.Version).Append('\n');
        sb.Append("signature ").Append(Signed(cert).Algorithm).Append('\n');
        sb.Append("issuer ").Append(Convert.ToHexString(cert.IssuerName.RawData)).Append('\n');
        sb.Append("subject ").Append(Convert.ToHexString(cert.SubjectName.RawData)).Append('\n');
        sb.Append("validity ").Append((cert.NotAfter - cert.NotBefore).TotalSeconds).Append('\n');
        sb.Append("key ").Append(cert.PublicKey.Oid.Value).Append(' ').Append(Convert.ToHexString(cert.PublicKey.EncodedParameters?.RawData ?? Array.Empty<byte>())).Append('\n');
        sb.Append("serial<=17 ").Append(cert.SerialNumberBytes.Length <= 17).Append('\n');
        foreach (var e in cert.Extensions)
        {
            var value = e.Oid!.Value is "2.5.29.14" or "2.5.29.35" ? "length " + e.RawData.Length : Convert.ToHexString(e.RawData);
            sb.Append("extension ").Append(e.Oid.Value).Append(e.Critical ? " critical " : " ").Append(value).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Seconds between NotBefore and now (cert times are whole seconds).</summary>
    public static double AgeSeconds(X509Certificate2 cert) => (DateTime.UtcNow - cert.NotBefore.ToUniversalTime()).TotalSeconds;
}
