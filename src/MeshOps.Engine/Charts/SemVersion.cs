using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Charts;

/// <summary>A semantic version as Masterminds/semver v3's NewVersion reads it (loose: "v" prefix, missing minor/patch allowed).</summary>
internal sealed partial class SemVersion : IComparable<SemVersion>
{
    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$")]
    private static partial Regex LooseVersion();

    private SemVersion(ulong major, ulong minor, ulong patch, string prerelease, string metadata)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Metadata = metadata;
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public string Prerelease { get; }
    public string Metadata { get; }

    public static SemVersion Create(ulong major, ulong minor, ulong patch, string prerelease = "") =>
        new(major, minor, patch, prerelease, "");

    /// <summary>Parses like semver.NewVersion; null when it would return an error.</summary>
    public static SemVersion? TryParse(string text)
    {
        var m = LooseVersion().Match(text);
        if (!m.Success) return null;
        if (!ulong.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var major)) return null;
        ulong minor = 0, patch = 0;
        if (m.Groups[2].Success && !ulong.TryParse(m.Groups[2].Value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out minor)) return null;
        if (m.Groups[3].Success && !ulong.TryParse(m.Groups[3].Value[1..], NumberStyles.None, CultureInfo.InvariantCulture, out patch)) return null;
        var pre = m.Groups[5].Success ? m.Groups[5].Value : "";
        foreach (var part in pre.Length == 0 ? Array.Empty<string>() : pre.Split('.'))
        {
            // semver forbids leading zeros in numeric prerelease identifiers; Masterminds enforces it.
            if (part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit)) return null;
        }
        return new SemVersion(major, minor, patch, pre, m.Groups[8].Success ? m.Groups[8].Value : "");
    }

    public int CompareTo(SemVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c != 0) return c;
        c = Minor.CompareTo(other.Minor);
        if (c != 0) return c;
        c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    private static int ComparePrerelease(string a, string b)
    {
        if (a == b) return 0;
        if (a.Length == 0) return 1;
        if (b.Length == 0) return -1;
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            if (i >= pa.Length) return -1;
            if (i >= pb.Length) return 1;
            var na = ulong.TryParse(pa[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ia);
            var nb = ulong.TryParse(pb[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ib);
            int c;
            if (na && nb) c = ia.CompareTo(ib);
            else if (na) c = -1;
            else if (nb) c = 1;
            else c = string.CompareOrdinal(pa[i], pb[i]);
            if (c != 0) return Math.Sign(c);
        }
        return 0;
    }

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Prerelease.Length > 0 ? "-" + Prerelease : "") + (Metadata.Length > 0 ? "+" + Metadata : "");
}
