using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Masterminds/semver v3's *Version: lenient parsing (NewVersion), ordering with pre-releases, Go methods for templates.</summary>
public sealed class SemverVersion : IGoObject, IComparable<SemverVersion>, Yaml.IGoJsonMarshaler
{
    private static readonly Regex VersionRegex = new(
        @"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?\z",
        RegexOptions.CultureInvariant);

    private SemverVersion(ulong major, ulong minor, ulong patch, string pre, string metadata, string original)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = pre;
        Metadata = metadata;
        Original = original;
    }

    public ulong Major { get; }
    public ulong Minor { get; }
    public ulong Patch { get; }
    public string Prerelease { get; }
    public string Metadata { get; }
    public string Original { get; }

    private static readonly ConcurrentDictionary<string, SemverVersion> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// <see cref="Parse"/>, answered from a cache when the text was parsed before, for callers that do not hand the
    /// version to templates (the semver function must return a new object each time, as Go returns a new pointer).
    /// </summary>
    internal static SemverVersion ParseCached(string v)
    {
        if (Parsed.TryGetValue(v, out var cached)) return cached;
        var parsed = Parse(v);
        if (Parsed.Count >= 256) Parsed.Clear();
        Parsed[v] = parsed;
        return parsed;
    }

    /// <summary>semver.NewVersion; throws <see cref="TemplateFunctionException"/> with the library's error text.</summary>
    public static SemverVersion Parse(string v)
    {
        var m = VersionRegex.Match(v);
        if (!m.Success) throw new TemplateFunctionException("invalid semantic version");
        static ulong Segment(string s)
        {
            if (!ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                throw new TemplateFunctionException($"error parsing version segment: strconv.ParseUint: parsing {GoQuote.Quote(s)}: value out of range");
            return n;
        }
        var major = Segment(m.Groups[1].Value);
        var minor = m.Groups[2].Success ? Segment(m.Groups[2].Value[1..]) : 0;
        var patch = m.Groups[3].Success ? Segment(m.Groups[3].Value[1..]) : 0;
        var pre = m.Groups[5].Value;
        var meta = m.Groups[8].Value;
        foreach (var part in pre.Length > 0 ? pre.Split('.') : Array.Empty<string>())
            if (part.Length > 1 && part[0] == '0' && part.All(char.IsAsciiDigit))
                throw new TemplateFunctionException("version segment starts with 0");
        return new SemverVersion(major, minor, patch, pre, meta, v);
    }

    /// <summary>Major.Minor.Patch[-pre][+meta].</summary>
    public override string ToString()
    {
        var s = $"{Major}.{Minor}.{Patch}";
        if (Prerelease.Length > 0) s += "-" + Prerelease;
        if (Metadata.Length > 0) s += "+" + Metadata;
        return s;
    }

    /// <summary>Version.Compare: numbers, then a pre-release sorts before its release; metadata is ignored.</summary>
    public int CompareTo(SemverVersion? o)
    {
        if (o == null) return 1;
        var d = Major.CompareTo(o.Major);
        if (d == 0) d = Minor.CompareTo(o.Minor);
        if (d == 0) d = Patch.CompareTo(o.Patch);
        if (d != 0) return Math.Sign(d);
        if (Prerelease.Length == 0 && o.Prerelease.Length == 0) return 0;
        if (Prerelease.Length == 0) return 1;
        if (o.Prerelease.Length == 0) return -1;
        return ComparePrerelease(Prerelease, o.Prerelease);
    }

    private static int ComparePrerelease(string v, string o)
    {
        var sp = v.Split('.');
        var op = o.Split('.');
        for (var i = 0; i < Math.Max(sp.Length, op.Length); i++)
        {
            var d = ComparePart(i < sp.Length ? sp[i] : "", i < op.Length ? op[i] : "");
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

    string IGoObject.GoTypeName => "*semver.Version";

    /// <summary>Version.MarshalJSON: the normalized version string.</summary>
    object? Yaml.IGoJsonMarshaler.JsonValue => ToString();

    bool IGoObject.TryGetField(string name, out object? value)
    {
        value = null;
        return false; // Version's fields are unexported; templates use its methods
    }

    bool IGoObject.TryGetMethod(string name, out TemplateFunc? method)
    {
        method = name switch
        {
            "Major" => NoArgs(name, () => Major),
            "Minor" => NoArgs(name, () => Minor),
            "Patch" => NoArgs(name, () => Patch),
            "Prerelease" => NoArgs(name, () => Prerelease),
            "Metadata" => NoArgs(name, () => Metadata),
            "Original" => NoArgs(name, () => Original),
            "String" => NoArgs(name, ToString),
            "IncPatch" => NoArgs(name, () => Prerelease.Length > 0
                ? new SemverVersion(Major, Minor, Patch, "", "", $"{Major}.{Minor}.{Patch}")
                : new SemverVersion(Major, Minor, Patch + 1, "", "", $"{Major}.{Minor}.{Patch + 1}")),
            "IncMinor" => NoArgs(name, () => new SemverVersion(Major, Minor + 1, 0, "", "", $"{Major}.{Minor + 1}.0")),
            "IncMajor" => NoArgs(name, () => new SemverVersion(Major + 1, 0, 0, "", "", $"{Major + 1}.0.0")),
            "Compare" => WithOther(name, o => CompareTo(o)),
            "LessThan" => WithOther(name, o => CompareTo(o) < 0),
            "LessThanEqual" => WithOther(name, o => CompareTo(o) <= 0),
            "GreaterThan" => WithOther(name, o => CompareTo(o) > 0),
            "GreaterThanEqual" => WithOther(name, o => CompareTo(o) >= 0),
            "Equal" => WithOther(name, o => CompareTo(o) == 0),
            _ => null,
        };
        return method != null;
    }

    private static TemplateFunc NoArgs(string name, Func<object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 0);
        return f();
    };

    private static TemplateFunc WithOther(string name, Func<SemverVersion, object> f) => (_, a) =>
    {
        FuncArgs.Count(name, a, 1);
        return f(a[0] as SemverVersion ?? throw FuncArgs.WrongType("*semver.Version", a[0]));
    };
}
