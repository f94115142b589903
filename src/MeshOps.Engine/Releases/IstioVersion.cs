using System.Globalization;
using System.Text.RegularExpressions;
using MeshOps.Engine.Versions;

namespace MeshOps.Engine.Releases;

/// <summary>
/// An Istio release version as Istio tags them: MAJOR.MINOR.PATCH (1.18.5) or a pre-release
/// MAJOR.MINOR.PATCH-(alpha|beta|rc).N (1.31.0-rc.0). No leading "v", no build metadata: these are the names
/// of release folders on GitHub, so anything else cannot be downloaded. Istio's rules on top of the engine's one
/// semantic version (<see cref="SemVersion"/>, parsed strictly), which also gives the order.
/// </summary>
public sealed partial class IstioVersion : IEquatable<IstioVersion>, IComparable<IstioVersion>
{
    private readonly SemVersion _version;

    private IstioVersion(SemVersion version)
    {
        _version = version;
        var dot = version.Prerelease.IndexOf('.');
        PreReleaseKind = dot < 0 ? null : version.Prerelease[..dot];
        PreReleaseNumber = dot < 0 ? 0 : int.Parse(version.Prerelease[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    // The pattern caps each number at six digits, so they fit an int.
    public int Major => (int)_version.Major;
    public int Minor => (int)_version.Minor;
    public int Patch => (int)_version.Patch;

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
        // Istio's tag shape first (what a release folder can be called), then SemVer 2.0's strict reading.
        if (text == null || !VersionPattern().IsMatch(text) || !SemVersion.TryParseStrict(text, out var parsed, out _)) return false;
        version = new IstioVersion(parsed!);
        return true;
    }

    public override string ToString() => _version.ToString();

    /// <summary>SemVer order: a pre-release sorts before its release; alpha &lt; beta &lt; rc, then by N.</summary>
    public int CompareTo(IstioVersion? other) => other is null ? 1 : _version.CompareTo(other._version);

    public bool Equals(IstioVersion? other) => other is not null && CompareTo(other) == 0;
    public override bool Equals(object? obj) => obj is IstioVersion other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, PreReleaseKind, PreReleaseNumber);

    // Numbers without leading zeros (as SemVer), at most 6 digits so they always fit an int.
    [GeneratedRegex(@"\A(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})(?:-(alpha|beta|rc)\.(0|[1-9][0-9]{0,5}))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
