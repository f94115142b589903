using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Charts;

/// <summary>Helm's release name rule (pkg/chart/common/util ValidateReleaseName, Helm 4.1.4).</summary>
public static class HelmReleaseName
{
    /// <summary>The error id of a release name Helm refuses.</summary>
    public const string ReleaseNameInvalid = "ReleaseNameInvalid";

    /// <summary>Helm's maxReleaseNameLen: the longest name (53, so that generated object names stay under 63).</summary>
    public const int MaxLength = 53;

    /// <summary>The pattern as Helm prints it (Go's $ is the end of the text; .NET's \z is the same).</summary>
    public const string Pattern = @"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

    private static readonly Regex Valid = new(Pattern[..^1] + @"\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Throws MeshException ReleaseNameInvalid (InvalidArgument) with Helm's words, as <c>helm template NAME</c> fails
    /// after loading the chart and before reading the values.
    /// </summary>
    public static void Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
            throw new MeshException(ReleaseNameInvalid, MeshErrorKind.InvalidArgument,
                "release name check failed: release name \"\": no name provided. Give -ReleaseName a name.", name);
        if (name.Length > MaxLength || !Valid.IsMatch(name))
            throw new MeshException(ReleaseNameInvalid, MeshErrorKind.InvalidArgument,
                $"release name check failed: release name {Templating.GoQuote.Quote(name)}: invalid release name, must match regex {Pattern} " +
                $"and the length must not be longer than {MaxLength}. Use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit.",
                name);
    }
}
