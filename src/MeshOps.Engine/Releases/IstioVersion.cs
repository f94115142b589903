using System.Globalization;
using System.Text.RegularExpressions;
using MeshOps.Engine.Hosting;

namespace MeshOps.Engine.Releases;

/// <summary>
/// An Istio release version as Istio tags them: MAJOR.MINOR.PATCH (1.18.5) or a pre-release
/// MAJOR.MINOR.PATCH-(alpha|beta|rc).N (1.31.0-rc.0). No leading "v", no build metadata: these are the names
/// of release folders on GitHub, so anything else cannot be downloaded.
/// </summary>
public sealed partial class IstioVersion : IEquatable<IstioVersion>, IComparable<IstioVersion>
{
    private IstioVersion(int major, int minor, int patch, string? preReleaseKind, int preReleaseNumber)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        PreReleaseKind = preReleaseKind;
        PreReleaseNumber = preReleaseNumber;
    }

    public int Major { get; }
    public int Minor { get; }
    public int Patch { get; }

    /// <summary>"alpha", "beta" or "rc" for a pre-release; null for a release.</summary>
    public string? PreReleaseKind { get; }

    /// <summary>The N of "-rc.N"; 0 for a release.</summary>
    public int PreReleaseNumber { get; }

    public bool IsPreRelease => PreReleaseKind != null;

    /// <summary>Parses <paramref name="text"/>; throws MeshException "IstioVersionInvalid" when it is not an Istio version.</summary>
    public static IstioVersion Parse(string? text) =>
        TryParse(text, out var version) ? version! : throw ReleaseErrors.VersionInvalid(text);

    /// <summary>Parses <paramref name="text"/>, or returns false.</summary>
    public static bool TryParse(string? text, out IstioVersion? version)
    {
        version = null;
        if (text == null) return false;
        var match = VersionPattern().Match(text);
        if (!match.Success) return false;
        version = new IstioVersion(
            Number(match, "major"), Number(match, "minor"), Number(match, "patch"),
            match.Groups["kind"].Success ? match.Groups["kind"].Value : null,
            match.Groups["n"].Success ? Number(match, "n") : 0);
        return true;
    }

    public override string ToString() => IsPreRelease
        ? string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}-{PreReleaseKind}.{PreReleaseNumber}")
        : string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");

    /// <summary>SemVer order: a pre-release sorts before its release; alpha &lt; beta &lt; rc.</summary>
    public int CompareTo(IstioVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (IsPreRelease != other.IsPreRelease) return IsPreRelease ? -1 : 1;
        c = string.CompareOrdinal(PreReleaseKind, other.PreReleaseKind);
        return c != 0 ? c : PreReleaseNumber.CompareTo(other.PreReleaseNumber);
    }

    public bool Equals(IstioVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is IstioVersion other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, PreReleaseKind, PreReleaseNumber);

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    // Numbers without leading zeros (as SemVer), at most 6 digits so they always fit an int.
    [GeneratedRegex(@"\A(?<major>0|[1-9][0-9]{0,5})\.(?<minor>0|[1-9][0-9]{0,5})\.(?<patch>0|[1-9][0-9]{0,5})(?:-(?<kind>alpha|beta|rc)\.(?<n>0|[1-9][0-9]{0,5}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
