using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Versions;

/// <summary>
/// Masterminds/semver v3's Version, the one semantic version of the engine: Helm's chart versions, kubeVersion and
/// dependency ranges, Sprig's <c>semver</c>/<c>semverCompare</c>, and Istio's release numbers (<see cref="Releases.IstioVersion"/>).
/// <see cref="TryParse"/> is NewVersion (loose: "v" prefix, missing minor/patch, leading zeros in the numbers, as
/// v3.4 coerces them); <see cref="TryParseStrict"/> is StrictNewVersion (SemVer 2.0: three numbers, no prefix).
/// Errors carry the library's text, because templates print them.
/// </summary>
/// <remarks>
/// Not NuGet's Semver or NuGet.Versioning: Masterminds parses looser than SemVer 2.0 (and keeps the text as given,
/// <see cref="Original"/>), and its constraints are not npm's or NuGet's; see docs/architecture.md.
/// </remarks>
internal sealed partial class SemVersion : IComparable<SemVersion>
{
    // looseSemVerRegex, anchored.
    [GeneratedRegex(@"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LooseVersion();

    public const string InvalidSemVer = "invalid semantic version";
    private const string Allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789";

    private SemVersion(ulong major, ulong minor, ulong patch, string prerelease, string metadata, string original)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Metadata = metadata;
        Original = original;
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public string Prerelease { get; }
    public string Metadata { get; }

    /// <summary>The text as parsed ("v1.2" stays "v1.2"; <see cref="ToString"/> gives "1.2.0").</summary>
    public string Original { get; }

    /// <summary>semver.New: the original is the normalized text.</summary>
    public static SemVersion Create(ulong major, ulong minor, ulong patch, string prerelease = "", string metadata = "")
    {
        var v = new SemVersion(major, minor, patch, prerelease, metadata, "");
        return new SemVersion(major, minor, patch, prerelease, metadata, v.ToString());
    }

    /// <summary>NewVersion; throws <see cref="FormatException"/> with the library's error text.</summary>
    public static SemVersion Parse(string text) =>
        TryParse(text, out var v, out var error) ? v! : throw new FormatException(error);

    /// <summary>NewVersion; null when it returns an error.</summary>
    public static SemVersion? TryParse(string text) => TryParse(text, out var v, out _) ? v : null;

    /// <summary>NewVersion (CoerceNewVersion, the default): false with the library's error text.</summary>
    public static bool TryParse(string text, out SemVersion? version, out string error)
    {
        version = null;
        var m = LooseVersion().Match(text);
        if (!m.Success)
        {
            error = InvalidSemVer;
            return false;
        }
        ulong minor = 0, patch = 0;
        if (!Segment(m.Groups[1].Value, out var major, out error)
            || m.Groups[2].Success && !Segment(m.Groups[2].Value[1..], out minor, out error)
            || m.Groups[3].Success && !Segment(m.Groups[3].Value[1..], out patch, out error))
            return false;
        var pre = m.Groups[5].Value;
        var meta = m.Groups[8].Value;
        var invalid = (pre.Length > 0 ? ValidatePrerelease(pre) : null) ?? (meta.Length > 0 ? ValidateMetadata(meta) : null);
        if (invalid != null)
        {
            error = invalid;
            return false;
        }
        version = new SemVersion(major, minor, patch, pre, meta, text);
        error = "";
        return true;
    }

    /// <summary>StrictNewVersion: exactly MAJOR.MINOR.PATCH[-pre][+meta], no prefix, no leading zeros.</summary>
    public static bool TryParseStrict(string text, out SemVersion? version, out string error)
    {
        version = null;
        if (text.Length == 0)
        {
            error = "version string empty";
            return false;
        }
        var parts = text.Split('.', 3);
        if (parts.Length != 3)
        {
            error = InvalidSemVer;
            return false;
        }
        string meta = "", pre = "";
        var plus = parts[2].IndexOf('+');
        if (plus >= 0)
        {
            meta = parts[2][(plus + 1)..];
            parts[2] = parts[2][..plus];
            if (ValidateMetadata(meta) is { } metaError)
            {
                error = metaError;
                return false;
            }
        }
        var dash = parts[2].IndexOf('-');
        if (dash >= 0)
        {
            pre = parts[2][(dash + 1)..];
            parts[2] = parts[2][..dash];
            if (ValidatePrerelease(pre) is { } preError)
            {
                error = preError;
                return false;
            }
        }
        foreach (var p in parts)
        {
            if (!p.All(char.IsAsciiDigit))
            {
                error = "invalid characters in version";
                return false;
            }
            if (p.Length > 1 && p[0] == '0')
            {
                error = "version segment starts with 0";
                return false;
            }
        }
        // An empty part passes the checks above and fails ParseUint, as in Go.
        // StrictNewVersion returns ParseUint's error as it is.
        if (!Segment(parts[0], out var major, out error, "") || !Segment(parts[1], out var minor, out error, "")
            || !Segment(parts[2], out var patch, out error, ""))
            return false;
        version = new SemVersion(major, minor, patch, pre, meta, text);
        return true;
    }

    private static readonly ConcurrentDictionary<string, SemVersion> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Parse"/>, answered from a cache when the text was parsed before (the result is immutable), for callers
    /// that compare the same few versions on every render.
    /// </summary>
    public static SemVersion ParseCached(string text)
    {
        if (Parsed.TryGetValue(text, out var cached)) return cached;
        var parsed = Parse(text);
        if (Parsed.Count >= 256) Parsed.Clear(); // bounds what a template that builds ever new texts can make it hold
        Parsed[text] = parsed;
        return parsed;
    }

    private static bool Segment(string s, out ulong value, out string error, string context = "error parsing version segment: ")
    {
        if (s.Length > 0 && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            error = "";
            return true;
        }
        value = 0;
        // strconv.ParseUint's error: only digits reach here, so it is empty or too large.
        error = context + $"strconv.ParseUint: parsing {Templating.GoQuote.Quote(s)}: " + (s.Length == 0 ? "invalid syntax" : "value out of range");
        return false;
    }

    private static string? ValidatePrerelease(string p)
    {
        foreach (var part in p.Split('.'))
        {
            if (part.Length == 0) return "invalid prerelease string";
            if (part.All(char.IsAsciiDigit))
            {
                if (part.Length > 1 && part[0] == '0') return "version segment starts with 0";
            }
            else if (!part.All(Allowed.Contains)) return "invalid prerelease string";
        }
        return null;
    }

    private static string? ValidateMetadata(string m) =>
        m.Split('.').Any(part => part.Length == 0 || !part.All(Allowed.Contains)) ? "invalid metadata string" : null;

    /// <summary>Major.Minor.Patch[-pre][+meta], without the "v" the text may have had.</summary>
    public override string ToString()
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (Prerelease.Length > 0) s += "-" + Prerelease;
        if (Metadata.Length > 0) s += "+" + Metadata;
        return s;
    }

    // IncPatch/IncMinor/IncMajor keep the "v" of the original (originalVPrefix).
    private SemVersion Next(ulong major, ulong minor, ulong patch)
    {
        var v = new SemVersion(major, minor, patch, "", "", "");
        return new SemVersion(major, minor, patch, "", "", (Original.StartsWith('v') ? "v" : "") + v);
    }

    /// <summary>Version.IncPatch: a pre-release or metadata is dropped and the patch kept; otherwise the patch grows.</summary>
    public SemVersion IncPatch() => Prerelease.Length > 0 ? Next(Major, Minor, Patch) : Next(Major, Minor, Patch + 1);

    public SemVersion IncMinor() => Next(Major, Minor + 1, 0);

    public SemVersion IncMajor() => Next(Major + 1, 0, 0);

    /// <summary>Version.Compare: numbers, then a pre-release sorts before its release; metadata is ignored.</summary>
    public int CompareTo(SemVersion? other)
    {
        if (other is null) return 1;
        var d = Major.CompareTo(other.Major);
        if (d == 0) d = Minor.CompareTo(other.Minor);
        if (d == 0) d = Patch.CompareTo(other.Patch);
        if (d != 0) return Math.Sign(d);
        if (Prerelease.Length == 0 && other.Prerelease.Length == 0) return 0;
        if (Prerelease.Length == 0) return 1;
        if (other.Prerelease.Length == 0) return -1;
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    /// <summary>comparePrerelease: dot-separated parts, numbers numerically and before words, words by bytes.</summary>
    internal static int ComparePrerelease(string a, string b)
    {
        var pa = a.Split('.');
        var pb = b.Split('.');
        for (var i = 0; i < Math.Max(pa.Length, pb.Length); i++)
        {
            var d = ComparePart(i < pa.Length ? pa[i] : "", i < pb.Length ? pb[i] : "");
            if (d != 0) return d;
        }
        return 0;
    }

    private static int ComparePart(string s, string o)
    {
        if (s == o) return 0;
        if (s.Length == 0) return -1;
        if (o.Length == 0) return 1;
        var oNum = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
        var sNum = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
        if (!oNum && !sNum) return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
        if (!oNum) return -1;
        if (!sNum) return 1;
        return si > oi ? 1 : -1;
    }
}
