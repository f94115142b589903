using System.Collections;
using System.Text;
using MeshOps.Engine.Templating.Functions.Crypto;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Sprig v3.3.0's crypto.go functions that generate secrets (Helm 4.1.4 vendors that version): bcrypt, htpasswd,
/// genPrivateKey, derivePassword, the certificate functions and AES. Results are random except derivePassword's;
/// failures Sprig reports as text stay text, its error returns become template errors.
/// </summary>
internal static class SprigCryptoFunctions
{
    private const string CertificateType = "sprig.certificate";

    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["bcrypt"] = (_, a) =>
        {
            FuncArgs.Count("bcrypt", a, 1);
            return HashBcrypt(FuncArgs.StrAt(a[0], 0));
        };
        t["htpasswd"] = (_, a) =>
        {
            // Sprig 3.3.0's htpasswd takes exactly a user and a password and always uses bcrypt.
            FuncArgs.Count("htpasswd", a, 2);
            var user = FuncArgs.StrAt(a[0], 0);
            var password = FuncArgs.StrAt(a[1], 1);
            return user.Contains(':') ? "invalid username: " + user : user + ":" + HashBcrypt(password);
        };
        t["genPrivateKey"] = (_, a) =>
        {
            FuncArgs.Count("genPrivateKey", a, 1);
            return SprigPrivateKey.Generate(FuncArgs.StrAt(a[0], 0));
        };
        t["derivePassword"] = (_, a) =>
        {
            FuncArgs.Count("derivePassword", a, 5);
            var counter = Counter(a[0], 0);
            var (type, password, user, site) = (FuncArgs.StrAt(a[1], 1), FuncArgs.StrAt(a[2], 2), FuncArgs.StrAt(a[3], 3), FuncArgs.StrAt(a[4], 4));
            return MasterPassword.Derive(counter, type, password, user, site);
        };
        t["buildCustomCert"] = (_, a) =>
        {
            FuncArgs.Count("buildCustomCert", a, 2);
            return BuildCustomCertificate(FuncArgs.StrAt(a[0], 0), FuncArgs.StrAt(a[1], 1));
        };
        t["genCA"] = (_, a) =>
        {
            FuncArgs.Count("genCA", a, 2);
            var (cn, days) = (FuncArgs.StrAt(a[0], 0), FuncArgs.IntAt(a[1], 1));
            return SelfSigned(new CertificateFactory.Request(cn, Array.Empty<byte[]>(), Array.Empty<string>(), days, IsCa: true),
                SprigPrivateKey.NewRsa2048());
        };
        t["genCAWithKey"] = (_, a) =>
        {
            FuncArgs.Count("genCAWithKey", a, 3);
            var (cn, days, pem) = (FuncArgs.StrAt(a[0], 0), FuncArgs.IntAt(a[1], 1), FuncArgs.StrAt(a[2], 2));
            var key = ParseKey(pem, "parsing private key: ");
            return SelfSigned(new CertificateFactory.Request(cn, Array.Empty<byte[]>(), Array.Empty<string>(), days, IsCa: true), key);
        };
        t["genSelfSignedCert"] = (_, a) =>
        {
            FuncArgs.Count("genSelfSignedCert", a, 4);
            var (cn, ips, dns, days) = (FuncArgs.StrAt(a[0], 0), ListArg(a[1], 1), ListArg(a[2], 2), FuncArgs.IntAt(a[3], 3));
            return SelfSigned(Request(cn, ips, dns, days), SprigPrivateKey.NewRsa2048());
        };
        t["genSelfSignedCertWithKey"] = (_, a) =>
        {
            FuncArgs.Count("genSelfSignedCertWithKey", a, 5);
            var (cn, ips, dns, days, pem) =
                (FuncArgs.StrAt(a[0], 0), ListArg(a[1], 1), ListArg(a[2], 2), FuncArgs.IntAt(a[3], 3), FuncArgs.StrAt(a[4], 4));
            var key = ParseKey(pem, "parsing private key: ");
            return SelfSigned(Request(cn, ips, dns, days), key);
        };
        t["genSignedCert"] = (_, a) =>
        {
            FuncArgs.Count("genSignedCert", a, 5);
            var (cn, ips, dns, days, ca) =
                (FuncArgs.StrAt(a[0], 0), ListArg(a[1], 1), ListArg(a[2], 2), FuncArgs.IntAt(a[3], 3), Certificate(a[4], 4));
            return Signed(cn, ips, dns, days, ca, SprigPrivateKey.NewRsa2048());
        };
        t["genSignedCertWithKey"] = (_, a) =>
        {
            FuncArgs.Count("genSignedCertWithKey", a, 6);
            var (cn, ips, dns, days, ca, pem) =
                (FuncArgs.StrAt(a[0], 0), ListArg(a[1], 1), ListArg(a[2], 2), FuncArgs.IntAt(a[3], 3), Certificate(a[4], 4), FuncArgs.StrAt(a[5], 5));
            var key = ParseKey(pem, "parsing private key: ");
            return Signed(cn, ips, dns, days, ca, key);
        };
        t["encryptAES"] = (_, a) =>
        {
            FuncArgs.Count("encryptAES", a, 2);
            return SprigAes.Encrypt(FuncArgs.StrAt(a[0], 0), FuncArgs.StrAt(a[1], 1));
        };
        t["decryptAES"] = (_, a) =>
        {
            FuncArgs.Count("decryptAES", a, 2);
            return SprigAes.Decrypt(FuncArgs.StrAt(a[0], 0), FuncArgs.StrAt(a[1], 1));
        };
    }

    private static string HashBcrypt(string input)
    {
        try
        {
            return Bcrypt.Generate(Encoding.UTF8.GetBytes(input));
        }
        catch (ArgumentException e)
        {
            return "failed to encrypt string with bcrypt: " + e.Message;
        }
    }

    private static SprigCertificate SelfSigned(CertificateFactory.Request request, SprigPrivateKey key) =>
        CertificateFactory.Create(request, key, null);

    // generateSignedCertificateWithKeyInternal: the CA's certificate, then its key, then the template.
    private static SprigCertificate Signed(string cn, IList ips, IList dns, int days, SprigCertificate ca, SprigPrivateKey key)
    {
        if (!GoPem.TryDecode(ca.Cert, out _, out var der)) throw new TemplateFunctionException("unable to decode certificate");
        ParsedCertificate parent;
        try
        {
            parent = ParsedCertificate.Parse(der);
        }
        catch (TemplateFunctionException e)
        {
            throw new TemplateFunctionException("error parsing certificate: decodedSignerCert.Bytes: " + e.Message);
        }
        var signer = ParseKey(ca.Key, "error parsing private key: ");
        return CertificateFactory.Create(Request(cn, ips, dns, days), key, new CertificateFactory.Issuer(parent, signer));
    }

    private static SprigCertificate BuildCustomCertificate(string b64Cert, string b64Key)
    {
        if (!GoBase64.TryDecode64(b64Cert, out var certBytes, out _)) throw new TemplateFunctionException("unable to decode base64 certificate");
        if (!GoBase64.TryDecode64(b64Key, out var keyBytes, out _)) throw new TemplateFunctionException("unable to decode base64 private key");
        var cert = Encoding.UTF8.GetString(certBytes);
        var key = Encoding.UTF8.GetString(keyBytes);
        if (!GoPem.TryDecode(cert, out _, out var der)) throw new TemplateFunctionException("unable to decode certificate");
        try
        {
            ParsedCertificate.Parse(der);
        }
        catch (TemplateFunctionException e)
        {
            throw new TemplateFunctionException("error parsing certificate: decodedCert.Bytes: " + e.Message);
        }
        ParseKey(key, "error parsing private key: ");
        return new SprigCertificate(cert, key);
    }

    private static SprigPrivateKey ParseKey(string pem, string prefix)
    {
        try
        {
            return SprigPrivateKeyParser.Parse(pem);
        }
        catch (TemplateFunctionException e)
        {
            throw new TemplateFunctionException(prefix + e.Message);
        }
    }

    // getBaseCertTemplate's checks: every IP a string Go's net.ParseIP accepts, every DNS name a string.
    private static CertificateFactory.Request Request(string cn, IList ips, IList dns, int days)
    {
        var addresses = new List<byte[]>(ips.Count);
        foreach (var ip in ips)
        {
            if (ip is not string s) throw new TemplateFunctionException("error parsing ip: " + GoFormat.FormatValue(ip) + " is not a string");
            addresses.Add(GoIp.ParseForCertificate(s) ?? throw new TemplateFunctionException("error parsing ip: " + s));
        }
        var names = new List<string>(dns.Count);
        foreach (var name in dns)
        {
            if (name is not string s)
                throw new TemplateFunctionException("error processing alternate dns name: " + GoFormat.FormatValue(name) + " is not a string");
            names.Add(s);
        }
        return new CertificateFactory.Request(cn, addresses, names, days, IsCa: false);
    }

    /// <summary>A []interface{} parameter: nil is an empty list.</summary>
    private static IList ListArg(object? v, int index)
    {
        if (v == null) return Array.Empty<object?>();
        return FuncArgs.TryList(v, out var list) ? list : throw FuncArgs.WrongTypeAt("[]interface {}", v, index);
    }

    private static SprigCertificate Certificate(object? v, int index) =>
        v as SprigCertificate ?? throw FuncArgs.WrongTypeAt(CertificateType, v, index);

    /// <summary>
    /// A uint32 parameter. text/template sets a non-negative constant's low 32 bits (SetUint truncates) and rejects a
    /// negative one; an int that is not a literal is also a wrong type in Go, which a value alone cannot tell apart.
    /// </summary>
    private static uint Counter(object? v, int index) => v switch
    {
        int i when i >= 0 => (uint)i,
        long l when l >= 0 => unchecked((uint)l),
        _ => throw FuncArgs.WrongTypeAt("uint32", v, index),
    };
}
