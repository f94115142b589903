using System.Text.RegularExpressions;

namespace MeshOps.Engine.Kube;

/// <summary>
/// Removes credentials from any text that may reach a log, a verbose line or an exception message:
/// the known secrets of the connection verbatim, plus anything shaped like an Authorization value.
/// </summary>
internal sealed partial class SecretRedactor
{
    private const string Mask = "[REDACTED]";
    private readonly string[] secrets;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        // Short strings would mask ordinary words; real tokens and passwords are longer.
        this.secrets = secrets.Where(s => !string.IsNullOrEmpty(s) && s!.Length >= 4).Select(s => s!).Distinct().ToArray();
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        foreach (var secret in secrets) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return AuthValue().Replace(text, m => m.Groups[1].Value + Mask);
    }

    [GeneratedRegex(@"((?:Bearer|Basic)\s+)(?!(?:Bearer|Basic)\b)[A-Za-z0-9\-._~+/=:]+", RegexOptions.IgnoreCase)]
    private static partial Regex AuthValue();
}
