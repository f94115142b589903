using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using MeshOps.Engine.Templating.Functions.Crypto;
using MeshOps.Engine.Tests.Charts;

namespace MeshOps.Engine.Tests.Templating.Functions.Crypto;

using static CertificateInspector;
using static FunctionTestHost;

/// <summary>
/// The crypto functions against Helm 4.1.4 itself: each test renders one template with <c>helm template</c> and with
/// our engine (every value written as "name: base64"), then compares what can be compared (deterministic output,
/// certificate structure) and feeds each side's secrets to the other.
/// </summary>
public class SprigCryptoHelmTests
{
    [HelmFact]
    public void Helm_bcrypt_hashes_verify_with_ours_and_ours_look_the_same()
    {
        const string template = "h: {{ bcrypt \"pässword\" | b64enc }}\np: {{ htpasswd \"user\" \"s3cret\" | b64enc }}\n";
        var helm = RenderWithHelm(template);
        var ours = RenderWithUs(template);
        Assert.True(Bcrypt.Verify(Encoding.UTF8.GetBytes("pässword"), helm["h"]));
        Assert.False(Bcrypt.Verify("password"u8, helm["h"]));
        Assert.StartsWith("user:", helm["p"]);
        Assert.True(Bcrypt.Verify("s3cret"u8, helm["p"]["user:".Length..]));
        foreach (var key in new[] { "h", "p" })
        {
            Assert.Equal(Regex.Replace(helm[key], "[./A-Za-z0-9]{53}$", "HASH"), Regex.Replace(ours[key], "[./A-Za-z0-9]{53}$", "HASH"));
        }
    }

    [HelmFact]
    public void DerivePassword_matches_helm()
    {
        var calls = new[]
        {
            "1 \"long\" \"master\" \"user\" \"example.com\"",
            "42 \"maximum\" \"pässwörd\" \"ünïcode user\" \"sïte\"",
            "0 \"medium\" \"\" \"\" \"\"",
            "4294967295 \"basic\" \"a much longer master password than usual\" \"u\" \"s\"",
            "9 \"short\" \"m\" \"user@example.com\" \"mail.example.com\"",
            "3 \"pin\" \"m\" \"u\" \"bank\"",
            "1 \"none\" \"m\" \"u\" \"s\"",
        };
        var template = string.Concat(calls.Select((c, i) => $"d{i}: {{{{ derivePassword {c} | b64enc }}}}\n"));
        Assert.Equal(RenderWithHelm(template), RenderWithUs(template));
    }

    [HelmFact]
    public void Aes_ciphertexts_decrypt_on_the_other_side()
    {
        const string secret = "ünïcode plaintext spanning more than one sixteen-byte block";
        var ours = (string)Call("encryptAES", "the key", secret)!;
        var helm = RenderWithHelm(
            $"d: {{{{ decryptAES \"the key\" \"{ours}\" | b64enc }}}}\ne: {{{{ encryptAES \"the key\" \"{secret}\" | b64enc }}}}\n");
        Assert.Equal(secret, helm["d"]);
        Assert.Equal(secret, Call("decryptAES", "the key", helm["e"]));
    }

    [HelmFact]
    public void Certificates_have_the_same_structure_as_helms()
    {
        var ec = SprigCertificateTests.Key("ec-p384").Pem;
        var ed = SprigCertificateTests.Key("ed25519").Pem;
        var rsa8 = SprigCertificateTests.Key("rsa-pkcs8").Pem;
        var template = $$$"""
            {{- $ca := genCA "Example CA" 365 }}
            {{- $eccA := genCAWithKey "ec ca" 10 "{{{Literal(ec)}}}" }}
            {{- $edCa := genCAWithKey "ed-ca" 10 "{{{Literal(ed)}}}" }}
            ca: {{ $ca.Cert | b64enc }}
            caKey: {{ $ca.Key | b64enc }}
            eccA: {{ $eccA.Cert | b64enc }}
            eccAKey: {{ $eccA.Key | b64enc }}
            edCa: {{ $edCa.Cert | b64enc }}
            edCaKey: {{ $edCa.Key | b64enc }}
            self: {{ (genSelfSignedCert "*.example.com" (list "10.1.2.3" "::1" "::ffff:1.2.3.4") (list "example.com" "*.example.com") 30).Cert | b64enc }}
            empty: {{ (genSelfSignedCert "" nil (list "only-san") 1).Cert | b64enc }}
            leaf: {{ (genSignedCert "leaf" (list "192.168.0.1") (list "leaf.local") 7 $ca).Cert | b64enc }}
            same: {{ (genSignedCert "Example CA" nil nil 7 $ca).Cert | b64enc }}
            rsa8: {{ (genSelfSignedCertWithKey "pkcs8" nil nil 2 "{{{Literal(rsa8)}}}").Key | b64enc }}
            ecLeaf: {{ (genSignedCertWithKey "ec leaf" nil (list "x") 2 $eccA "{{{Literal(ed)}}}").Cert | b64enc }}
            edLeaf: {{ (genSignedCertWithKey "ed leaf" nil nil 2 $edCa "{{{Literal(ec)}}}").Cert | b64enc }}
            """ + "\n";
        var helm = RenderWithHelm(template);
        var ours = RenderWithUs(template);
        foreach (var name in new[] { "ca", "eccA", "edCa", "self", "empty", "leaf", "same", "ecLeaf", "edLeaf" })
        {
            using var h = Load(helm[name]);
            using var o = Load(ours[name]);
            Assert.Equal(Shape(h), Shape(o));
        }
        foreach (var name in new[] { "caKey", "eccAKey", "edCaKey", "rsa8" })
            Assert.Equal(helm[name].Split('\n')[0], ours[name].Split('\n')[0]);
        // The same given key gives the same key text back (re-encoded the same way).
        Assert.Equal(helm["eccAKey"], ours["eccAKey"]);
        Assert.Equal(helm["edCaKey"], ours["edCaKey"]);
        Assert.Equal(helm["rsa8"], ours["rsa8"]);
    }

    [HelmFact]
    public void Each_side_signs_with_the_others_ca()
    {
        var ourCa = Parts(Call("genCA", "ours", 5));
        var ourEdCa = Parts(Call("genCAWithKey", "ours-ed", 5, SprigCertificateTests.Key("ed25519").Pem));
        var helm = RenderWithHelm($$$"""
            {{- $ours := buildCustomCert "{{{B64(ourCa.Cert)}}}" "{{{B64(ourCa.Key)}}}" }}
            {{- $oursEd := buildCustomCert "{{{B64(ourEdCa.Cert)}}}" "{{{B64(ourEdCa.Key)}}}" }}
            {{- $theirs := genCA "theirs" 5 }}
            leaf: {{ (genSignedCert "by-ours" nil (list "a") 1 $ours).Cert | b64enc }}
            edLeaf: {{ (genSignedCert "by-ours-ed" nil nil 1 $oursEd).Cert | b64enc }}
            ca: {{ $theirs.Cert | b64enc }}
            key: {{ $theirs.Key | b64enc }}
            """ + "\n");
        using var ourCaCert = Load(ourCa.Cert);
        using var helmLeaf = Load(helm["leaf"]);
        Assert.Empty(ChainErrors(helmLeaf, ourCaCert));
        using var ourEdCaCert = Load(ourEdCa.Cert);
        using var helmEdLeaf = Load(helm["edLeaf"]);
        Assert.True(SignedBy(helmEdLeaf, ourEdCaCert));

        var theirs = Call("buildCustomCert", B64(helm["ca"]), B64(helm["key"]));
        using var helmCa = Load(helm["ca"]);
        using var ourLeaf = Load(Parts(Call("genSignedCert", "by-theirs", List("10.0.0.1"), null, 1, theirs)).Cert);
        Assert.Empty(ChainErrors(ourLeaf, helmCa));
    }

    [HelmFact]
    public void Generated_private_keys_are_accepted_by_the_other_side()
    {
        var helm = RenderWithHelm("""
            ec: {{ genPrivateKey "ecdsa" | b64enc }}
            ed: {{ genPrivateKey "ed25519" | b64enc }}
            rsa: {{ genPrivateKey "rsa" | b64enc }}
            """ + "\n");
        foreach (var (name, type) in new[] { ("ec", "EC PRIVATE KEY"), ("ed", "PRIVATE KEY"), ("rsa", "RSA PRIVATE KEY") })
        {
            Assert.StartsWith("-----BEGIN " + type + "-----\n", helm[name]);
            var (certPem, keyPem) = Parts(Call("genSelfSignedCertWithKey", name, null, null, 1, helm[name]));
            Assert.Equal(helm[name], keyPem);
            using var cert = Load(certPem);
            Assert.True(SignedBy(cert, cert));
        }

        var ourEc = (string)Call("genPrivateKey", "ecdsa")!;
        var ourEd = (string)Call("genPrivateKey", "ed25519")!;
        var back = RenderWithHelm($$$"""
            ec: {{ (genSelfSignedCertWithKey "x" nil nil 1 "{{{Literal(ourEc)}}}").Key | b64enc }}
            ed: {{ (genSelfSignedCertWithKey "x" nil nil 1 "{{{Literal(ourEd)}}}").Cert | b64enc }}
            """ + "\n");
        Assert.Equal(ourEc, back["ec"]);
        using var edCert = Load(back["ed"]);
        Assert.True(SignedBy(edCert, edCert));
    }

    /// <summary>Runs <c>helm template</c> on a chart whose only template is <paramref name="template"/>.</summary>
    private static Dictionary<string, string> RenderWithHelm(string template)
    {
        using var chart = new TempChart("crypto");
        chart.Write("templates/t.yaml", template);
        return Decode(HelmBinary.Run(new[] { "template", chart.Dir }));
    }

    private static Dictionary<string, string> RenderWithUs(string template) => Decode(Render(template));

    // "name: base64" lines; everything else (helm's "---" and "# Source:") is skipped.
    private static Dictionary<string, string> Decode(string output)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Regex.Matches(output, @"^(\w+): (\S*)$", RegexOptions.Multiline))
            values[m.Groups[1].Value] = Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[2].Value));
        return values;
    }

    /// <summary>Text as a Go string literal body (PEM has only newlines to escape).</summary>
    private static string Literal(string text) => text.Replace("\n", "\\n");

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}
