using System.Management.Automation;
using System.Text.RegularExpressions;

namespace MeshOps.Cmdlets.Commands;

/// <summary>
/// Refuses a name that cannot be a Kubernetes namespace (a DNS-1123 label: at most 63 lower-case letters, digits or
/// '-', starting and ending with a letter or digit) at parameter binding, before any request.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateKubernetesNameAttribute : ValidateEnumeratedArgumentsAttribute
{
    private static readonly Regex Label = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    protected override void ValidateElement(object element)
    {
        var name = (element is PSObject ps ? ps.BaseObject : element)?.ToString() ?? "";
        if (name.Length is 0 or > 63 || !Label.IsMatch(name))
            throw new ValidationMetadataException(
                $"'{name}' is not a valid namespace name: use at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit (e.g. istio-system).");
    }
}
