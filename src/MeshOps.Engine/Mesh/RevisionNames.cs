using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Mesh;

/// <summary>
/// The one rule for a name given as a revision or a revision tag: it ends up as the istio.io/rev label value and
/// inside object names (istiod-REV, istio-revision-tag-TAG), so it is at most 63 lower-case letters, digits, '-' or
/// '.', starting and ending with a letter or digit. Checked before any request, whatever -Force says.
/// </summary>
public static class RevisionNames
{
    private static readonly Regex Pattern = new("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    public static bool IsValid(string? name) => name is { Length: > 0 and <= 63 } && Pattern.IsMatch(name);

    /// <summary>Throws RevisionInvalid unless <paramref name="name"/> can name a revision or tag.</summary>
    public static void Validate(string? name, string parameter = "-Revision")
    {
        if (IsValid(name)) return;
        throw new MeshException("RevisionInvalid", MeshErrorKind.InvalidArgument,
            $"{parameter} '{name}' cannot name a revision or revision tag: it becomes the istio.io/rev label value, so use at most 63 lower-case " +
            "letters, digits, '-' or '.', starting and ending with a letter or digit (e.g. 1-18-5, canary, prod).", name);
    }
}
