using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Sprig's certificate struct (<c>sprig.certificate</c>): the PEM certificate and PEM private key that genCA,
/// genSelfSignedCert, genSignedCert and buildCustomCert return, read in templates as <c>.Cert</c> and <c>.Key</c>.
/// A struct value, so it prints as <c>{CERT KEY}</c> and marshals to JSON as <c>{"Cert":...,"Key":...}</c>.
/// </summary>
public sealed class SprigCertificate : IGoObject, IGoStructFields, IGoJsonStruct
{
    private static readonly string[] Fields = { "Cert", "Key" };

    public SprigCertificate(string cert, string key)
    {
        Cert = cert;
        Key = key;
    }

    public string Cert { get; }
    public string Key { get; }

    string IGoObject.GoTypeName => "sprig.certificate";
    IReadOnlyList<string> IGoStructFields.FieldNames => Fields;

    IReadOnlyList<KeyValuePair<string, object?>> IGoJsonStruct.JsonFields =>
        new[] { new KeyValuePair<string, object?>("Cert", Cert), new KeyValuePair<string, object?>("Key", Key) };

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Cert" => Cert,
            "Key" => Key,
            _ => null,
        };
        return value != null;
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = null;
        return false;
    }
}
