using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

using static CertificateInspector;
using static FunctionTestHost;

/// <summary>Sprig's certificate functions: structure read back with .NET, chains, keys, and Go's error texts.</summary>
public class SprigCertificateTests
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";

    [Fact]
    public void GenCA_is_a_self_signed_rsa_2048_ca()
    {
        var (certPem, keyPem) = Parts(Call("genCA", "my-ca", 30));
        using var cert = Load(certPem);
        Assert.Equal("CN=my-ca", cert.Subject);
        Assert.Equal(cert.Subject, cert.Issuer);
        Assert.Equal(3, cert.Version);
        Assert.Equal(TimeSpan.FromDays(30), cert.NotAfter - cert.NotBefore);
        Assert.InRange(AgeSeconds(cert), -1, 120);
        Assert.InRange(cert.SerialNumberBytes.Length, 1, 17);
        var constraints = cert.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.Critical);
        Assert.True(constraints.CertificateAuthority);
        Assert.False(constraints.HasPathLengthConstraint);
        var usage = cert.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, usage.KeyUsages);
        var eku = cert.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Equal(new[] { ServerAuth, ClientAuth }, eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        // Go 1.25: the first 20 bytes of SHA-256 over the public key's bits.
        var skid = cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        Assert.Equal(SHA256.HashData(cert.PublicKey.EncodedKeyValue.RawData)[..20], skid.SubjectKeyIdentifierBytes.ToArray());
        Assert.Empty(cert.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.Empty(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.True(SignedBy(cert, cert));

        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", keyPem);
        Assert.EndsWith("-----END RSA PRIVATE KEY-----\n", keyPem);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keyPem);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), cert.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", certPem);
        Assert.All(certPem.TrimEnd('\n').Split('\n'), line => Assert.InRange(line.Length, 1, 64));
    }

    [Fact]
    public void GenSelfSignedCert_has_the_given_sans_and_is_not_a_ca()
    {
        var ips = List("10.0.0.1", "2001:db8::1", "::ffff:192.168.1.2");
        var (certPem, _) = Parts(Call("genSelfSignedCert", "*.example.com", ips, List("a.example.com", "b"), 3));
        using var cert = Load(certPem);
        Assert.Equal("CN=*.example.com", cert.Subject);
        Assert.Equal(TimeSpan.FromDays(3), cert.NotAfter - cert.NotBefore);
        Assert.False(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment,
            cert.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Empty(cert.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.False(san.Critical);
        Assert.Equal(new[] { "a.example.com", "b" }, san.EnumerateDnsNames());
        // An IPv4-mapped IPv6 address is written as 4 bytes, as x509 does.
        Assert.Equal(new[] { "10.0.0.1", "2001:db8::1", "192.168.1.2" }, san.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.True(SignedBy(cert, cert));
        // Go writes a CN with '*' as UTF8String, and one without as PrintableString.
        Assert.Equal(UniversalTagNumber.UTF8String, CommonNameTag(cert));
        using var plain = Load(Parts(Call("genSelfSignedCert", "plain-name", null, null, 1)).Cert);
        Assert.Equal(UniversalTagNumber.PrintableString, CommonNameTag(plain));
        Assert.Empty(plain.Extensions.OfType<X509SubjectAlternativeNameExtension>());
    }

    [Fact]
    public void An_empty_common_name_leaves_the_subject_empty_and_the_san_critical()
    {
        using var cert = Load(Parts(Call("genSelfSignedCert", "", null, List("x"), 1)).Cert);
        Assert.Equal(new byte[] { 0x30, 0x00 }, cert.SubjectName.RawData);
        Assert.True(cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().Critical);
    }

    [Fact]
    public void GenSignedCert_chains_to_its_ca()
    {
        var ca = Call("genCA", "issuing-ca", 10);
        var (leafPem, leafKey) = Parts(Call("genSignedCert", "leaf.example.com", List("127.0.0.1"), List("leaf.example.com"), 5, ca));
        using var caCert = Load(Parts(ca).Cert);
        using var leaf = Load(leafPem);
        Assert.Equal("CN=issuing-ca", leaf.Issuer);
        Assert.Equal(caCert.SubjectName.RawData, leaf.IssuerName.RawData);
        Assert.True(SignedBy(leaf, caCert));
        Assert.Empty(ChainErrors(leaf, caCert));
        var akid = leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.Equal(caCert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            akid.KeyIdentifier!.Value.ToArray());
        Assert.Empty(leaf.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
        using var rsa = RSA.Create();
        rsa.ImportFromPem(leafKey);
        Assert.Equal(2048, rsa.KeySize);
        Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_leaf_named_like_its_ca_has_no_authority_key_identifier()
    {
        var ca = Call("genCA", "same", 1);
        using var leaf = Load(Parts(Call("genSignedCert", "same", null, null, 1, ca)).Cert);
        Assert.Empty(leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
    }

    public static TheoryData<string> KeyKinds() => new() { "rsa-pkcs1", "rsa-pkcs8", "ec-p256", "ec-p384", "ec-p521", "ec-pkcs8", "ed25519" };

    [Theory]
    [MemberData(nameof(KeyKinds))]
    public void Certificates_use_the_given_key(string kind)
    {
        var (pem, spki, signature, pemType) = Key(kind);
        var (certPem, keyPem) = Parts(Call("genSelfSignedCertWithKey", "with-key", null, null, 2, pem));
        using var cert = Load(certPem);
        Assert.Equal(spki, cert.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(signature, Signed(cert).Algorithm);
        Assert.True(SignedBy(cert, cert));
        Assert.StartsWith("-----BEGIN " + pemType + "-----\n", keyPem);

        var ca = Call("genCAWithKey", "key-ca", 2, pem);
        using var caCert = Load(Parts(ca).Cert);
        Assert.Equal(spki, caCert.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(caCert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);

        // The given key signs a leaf with another kind of key, and is certified by an RSA CA.
        var (otherPem, otherSpki, _, _) = Key(kind == "ed25519" ? "ec-p256" : "ed25519");
        using var leaf = Load(Parts(Call("genSignedCertWithKey", "leaf", null, List("leaf"), 2, ca, otherPem)).Cert);
        Assert.Equal(otherSpki, leaf.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.Equal(signature, Signed(leaf).Algorithm);
        Assert.True(SignedBy(leaf, caCert));
        var rsaCa = Call("genCA", "rsa-ca", 2);
        using var certified = Load(Parts(Call("genSignedCertWithKey", "certified", null, null, 2, rsaCa, pem)).Cert);
        Assert.Equal(spki, certified.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.True(SignedBy(certified, Load(Parts(rsaCa).Cert)));
    }

    [Fact]
    public void GenSignedCert_rejects_a_ca_whose_key_does_not_match_its_certificate()
    {
        var ca = Parts(Call("genCA", "ca", 1));
        var other = Parts(Call("genCA", "other", 1));
        var mixed = Call("buildCustomCert", B64(ca.Cert), B64(other.Key));
        Assert.Equal("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey",
            CallFails("genSignedCert", "leaf", null, null, 1, mixed));
    }

    [Fact]
    public void Dsa_keys_neither_sign_nor_get_certified()
    {
        var dsa = (string)Call("genPrivateKey", "dsa")!;
        Assert.Equal("error creating certificate: x509: certificate private key does not implement crypto.Signer",
            CallFails("genSelfSignedCertWithKey", "x", null, null, 1, dsa));
        Assert.Equal("error creating certificate: x509: unsupported public key type: *dsa.PublicKey",
            CallFails("genSignedCertWithKey", "x", null, null, 1, Call("genCA", "ca", 1), dsa));
    }

    [Theory]
    [InlineData("genSelfSignedCert", "1.2.3.04", "error parsing ip: 1.2.3.04")]
    [InlineData("genSelfSignedCert", "1", "error parsing ip: 1")]
    [InlineData("genSelfSignedCert", "::1%eth0", "error parsing ip: ::1%eth0")]
    [InlineData("genSelfSignedCert", "1::2::3", "error parsing ip: 1::2::3")]
    [InlineData("genSelfSignedCert", "1:2:3:4:5:6:7:8::", "error parsing ip: 1:2:3:4:5:6:7:8::")]
    [InlineData("genSelfSignedCert", "256.1.1.1", "error parsing ip: 256.1.1.1")]
    public void Ips_are_parsed_as_go_does(string function, string ip, string error)
    {
        Assert.Equal(error, CallFails(function, "x", List(ip), null, 1));
    }

    [Theory]
    [InlineData("::", "::")]
    [InlineData("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0")]
    [InlineData("::ffff:1.2.3.4", "1.2.3.4")]
    [InlineData("64:ff9b::1.2.3.4", "64:ff9b::102:304")]
    [InlineData("0.0.0.0", "0.0.0.0")]
    public void Valid_ip_forms(string ip, string written)
    {
        using var cert = Load(Parts(Call("genSelfSignedCert", "x", List(ip), null, 1)).Cert);
        Assert.Equal(written, cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateIPAddresses().Single().ToString());
    }

    [Fact]
    public void Template_errors_use_sprigs_words()
    {
        Assert.Equal("error parsing ip: 1 is not a string", CallFails("genSelfSignedCert", "x", List(1), null, 1));
        Assert.Equal("error processing alternate dns name: 1.5 is not a string", CallFails("genSelfSignedCert", "x", null, List(1.5), 1));
        Assert.Equal("error creating certificate: x509: \"bücher\" cannot be encoded as an IA5String",
            CallFails("genSelfSignedCert", "x", null, List("bücher"), 1));
        Assert.Equal("wrong type for value; expected []interface {}; got string", CallFails("genSelfSignedCert", "x", "a", null, 1));
        Assert.Equal("wrong type for value; expected sprig.certificate; got map[string]interface {}",
            CallFails("genSignedCert", "x", null, null, 1, Map("Cert", "a", "Key", "b")));
        Assert.Equal("unable to decode certificate", CallFails("genSignedCert", "x", null, null, 1, new SprigCertificate("", "")));
    }

    [Theory]
    [InlineData("nope", "parsing private key: no PEM data in input")]
    [InlineData("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "parsing private key: no private key data in PEM block of type FOO")]
    [InlineData("-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n", "parsing private key: invalid private key type FOO PRIVATE KEY")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n", "parsing private key: parsing RSA private key from PEM: ")]
    [InlineData("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "parsing private key: parsing EC private key from PEM: x509: failed to parse EC private key: ")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", "parsing private key: decoding PEM as PKCS#8: ")]
    [InlineData("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n", "parsing private key: parsing DSA private key from PEM: ")]
    // A block whose END line names another type is skipped, as pem.Decode does.
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "parsing private key: no PEM data in input")]
    public void Bad_keys_fail_with_gos_prefixes(string pem, string messageStart)
    {
        Assert.StartsWith(messageStart, CallFails("genCAWithKey", "x", 1, pem));
    }

    [Fact]
    public void Pem_decoding_resumes_on_the_line_after_a_rejected_block()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = "junk\n-----BEGIN NOT A TYPE LINE\n" + ec.ExportECPrivateKeyPem() + "\n";
        using var cert = Load(Parts(Call("genSelfSignedCertWithKey", "x", null, null, 1, pem)).Cert);
        Assert.Equal(ec.ExportSubjectPublicKeyInfo(), cert.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void Pkcs8_keys_of_other_algorithms_are_refused()
    {
        // X25519 (RFC 8410 example key) parses in Go but cannot sign; an unknown OID is Go's "unknown algorithm".
        const string x25519 = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEINAOV4yAyaoM2wmJPApQs3byDhw7oJRG47V0VHwGnctD\n-----END PRIVATE KEY-----\n";
        Assert.Contains("X25519 keys", CallFails("genCAWithKey", "x", 1, x25519));
        using var rsa = RSA.Create(1024);
        var der = rsa.ExportPkcs8PrivateKey();
        var oid = new AsnWriter(AsnEncodingRules.DER);
        oid.WriteObjectIdentifier("1.2.840.113549.1.1.1");
        var at = der.AsSpan().IndexOf(oid.Encode());
        der[at + oid.Encode().Length - 1] = 2; // 1.2.840.113549.1.1.2
        var pem = PemEncoding.WriteString("PRIVATE KEY", der);
        Assert.Equal("parsing private key: decoding PEM as PKCS#8: x509: PKCS#8 wrapping contained private key with unknown algorithm: 1.2.840.113549.1.1.2",
            CallFails("genCAWithKey", "x", 1, pem));
    }

    [Fact]
    public void Days_valid_may_be_negative_or_reach_past_2049()
    {
        using var expired = Load(Parts(Call("genCA", "old", -1)).Cert);
        Assert.Equal(TimeSpan.FromDays(-1), expired.NotAfter - expired.NotBefore);
        var (certPem, _) = Parts(Call("genSelfSignedCert", "far", null, null, 40000));
        using var far = Load(certPem);
        Assert.True(far.NotAfter.Year > 2100);
        // RFC 5280 (and Go): GeneralizedTime from 2050 on.
        var tbs = new AsnReader(Signed(far).Tbs, AsnEncodingRules.DER).ReadSequence();
        tbs.ReadEncodedValue();
        tbs.ReadInteger();
        tbs.ReadSequence();
        tbs.ReadSequence();
        var validity = tbs.ReadSequence();
        Assert.Equal(Asn1Tag.UtcTime, validity.PeekTag());
        validity.ReadUtcTime();
        Assert.Equal(Asn1Tag.GeneralizedTime, validity.PeekTag());
    }

    [Fact]
    public void The_certificate_value_behaves_as_gos_struct()
    {
        var ca = Call("genCA", "x", 1);
        var (cert, key) = Parts(ca);
        var data = Map("ca", ca);
        Assert.Equal("sprig.certificate struct", Render("{{ typeOf .ca }} {{ kindOf .ca }}", data));
        Assert.Equal(cert + "|" + key, Render("{{ .ca.Cert }}|{{ .ca.Key }}", data));
        Assert.Equal("{" + cert + " " + key + "}", Render("{{ .ca }}", data));
        // PEM text has nothing encoding/json escapes but the newlines; fields stay in declaration order.
        Assert.Equal("{\"Cert\":\"" + cert.Replace("\n", "\\n") + "\",\"Key\":\"" + key.Replace("\n", "\\n") + "\"}", Render("{{ toJson .ca }}", data));
        Assert.StartsWith("Cert: |\n  -----BEGIN CERTIFICATE-----\n", Render("{{ toYaml .ca }}", data));
        Assert.Contains("\nKey: |\n  -----BEGIN RSA PRIVATE KEY-----\n", Render("{{ toYaml .ca }}", data));
    }

    [Fact]
    public void BuildCustomCert_returns_the_decoded_texts_after_checking_them()
    {
        var (cert, key) = Parts(Call("genCA", "custom", 1));
        Assert.Equal((cert, key), Parts(Call("buildCustomCert", B64(cert), B64(key))));
        Assert.Equal("unable to decode base64 certificate", CallFails("buildCustomCert", "x", B64(key)));
        Assert.Equal("unable to decode base64 private key", CallFails("buildCustomCert", B64(cert), "x"));
        Assert.Equal("unable to decode certificate", CallFails("buildCustomCert", "eA==", B64(key)));
        Assert.StartsWith("error parsing certificate: decodedCert.Bytes: x509: malformed certificate",
            CallFails("buildCustomCert", B64("-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n"), B64(key)));
        Assert.Equal("error parsing private key: no PEM data in input", CallFails("buildCustomCert", B64(cert), "eA=="));
    }

    [Fact]
    public void GenPrivateKey_writes_each_type_as_sprig_does()
    {
        using (var rsa = RSA.Create())
        {
            var pem = (string)Call("genPrivateKey", "rsa")!;
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", pem);
            rsa.ImportFromPem(pem);
            Assert.Equal(4096, rsa.KeySize);
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", (string)Call("genPrivateKey", "")!);
        }
        using (var ec = ECDsa.Create())
        {
            var pem = (string)Call("genPrivateKey", "ecdsa")!;
            Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----\n", pem);
            ec.ImportFromPem(pem);
            Assert.Equal(256, ec.KeySize);
        }
        var ed = Der((string)Call("genPrivateKey", "ed25519")!, "PRIVATE KEY");
        Assert.Equal(48, ed.Length);
        Assert.Equal(Convert.FromHexString("302e020100300506032b657004220420"), ed[..16]);
        var dsa = new AsnReader(Der((string)Call("genPrivateKey", "dsa")!, "DSA PRIVATE KEY"), AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(0, (int)dsa.ReadInteger());
        Assert.Equal(2048, (long)dsa.ReadInteger().GetBitLength());
        Assert.Equal(256, (long)dsa.ReadInteger().GetBitLength());
        Assert.Equal("Unknown type foo", Call("genPrivateKey", "foo"));
    }

    private static UniversalTagNumber CommonNameTag(X509Certificate2 cert)
    {
        var rdn = new AsnReader(cert.SubjectName.RawData, AsnEncodingRules.DER).ReadSequence().ReadSetOf().ReadSequence();
        rdn.ReadObjectIdentifier();
        return (UniversalTagNumber)rdn.PeekTag().TagValue;
    }

    private static byte[] Der(string pem, string type)
    {
        Assert.True(GoPem.TryDecode(pem, out var t, out var der));
        Assert.Equal(type, t);
        return der;
    }

    private static string B64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s));

    /// <summary>A key PEM of a kind, its SubjectPublicKeyInfo, the signature OID x509 uses with it and the PEM type Sprig writes back.</summary>
    internal static (string Pem, byte[] Spki, string Signature, string PemType) Key(string kind)
    {
        switch (kind)
        {
            case "rsa-pkcs1":
            case "rsa-pkcs8":
            {
                using var rsa = RSA.Create(2048);
                return (kind == "rsa-pkcs1" ? rsa.ExportRSAPrivateKeyPem() : rsa.ExportPkcs8PrivateKeyPem(), rsa.ExportSubjectPublicKeyInfo(),
                    "1.2.840.113549.1.1.11", "RSA PRIVATE KEY");
            }
            case "ec-p256":
            case "ec-p384":
            case "ec-p521":
            case "ec-pkcs8":
            {
                var curve = kind switch { "ec-p384" => ECCurve.NamedCurves.nistP384, "ec-p521" => ECCurve.NamedCurves.nistP521, _ => ECCurve.NamedCurves.nistP256 };
                var signature = kind switch { "ec-p384" => "1.2.840.10045.4.3.3", "ec-p521" => "1.2.840.10045.4.3.4", _ => "1.2.840.10045.4.3.2" };
                using var ec = ECDsa.Create(curve);
                return (kind == "ec-pkcs8" ? ec.ExportPkcs8PrivateKeyPem() : ec.ExportECPrivateKeyPem(), ec.ExportSubjectPublicKeyInfo(), signature, "EC PRIVATE KEY");
            }
            case "ed25519":
            {
                var seed = RandomNumberGenerator.GetBytes(32);
                var pkcs8 = Convert.FromHexString("302e020100300506032b657004220420").Concat(seed).ToArray();
                var spki = Convert.FromHexString("302a300506032b6570032100").Concat(Ed25519.PublicKey(seed)).ToArray();
                return (PemEncoding.WriteString("PRIVATE KEY", pkcs8), spki, "1.3.101.112", "PRIVATE KEY");
            }
            default:
                throw new ArgumentException(kind);
        }
    }
}
