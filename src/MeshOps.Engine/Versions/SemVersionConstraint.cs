using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Versions;

/// <summary>
/// Masterminds/semver v3's Constraints (NewConstraint, Check), what Helm's IsCompatibleRange, kubeVersion and Sprig's
/// semverCompare use: "||" alternatives of comma/space separated comparisons (=, !=, &gt;, &lt;, &gt;=, =&gt;, &lt;=, =&lt;,
/// ~, ~&gt;, ^), x/X/* wildcards and "a - b" ranges. A pre-release version is only let in by a group that names a
/// pre-release (<see cref="SemverCompatibility"/> says whether the group or the comparison must name it).
/// </summary>
internal sealed partial class SemVersionConstraint
{
    private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const RegexOptions Options = RegexOptions.CultureInvariant;
    // Source-generated: built at compile time rather than parsed at type initialisation in every session (the
    // kubeVersion check of a session's first render, bench/README.md "Import and first render").
    private static readonly Regex ConstraintRegex = ConstraintPattern();
    private static readonly Regex RangeRegex = RangePattern();
    private static readonly Regex FindRegex = FindPattern();
    private static readonly Regex ValidRegex = ValidPattern();

    [GeneratedRegex($@"^\s*({Ops})\s*({Cv})\s*\z", Options)]
    private static partial Regex ConstraintPattern();

    [GeneratedRegex($@"\s*({Cv})\s+-\s+({Cv})\s*", Options)]
    private static partial Regex RangePattern();

    [GeneratedRegex($@"({Ops})\s*({Cv})", Options)]
    private static partial Regex FindPattern();

    [GeneratedRegex($@"^(\s*({Ops})\s*({Cv})\s*)((?:\s+|,\s*)({Ops})\s*({Cv})\s*)*\z", Options)]
    private static partial Regex ValidPattern();

    private readonly List<Comparison[]> _groups;

    private SemVersionConstraint(List<Comparison[]> groups) => _groups = groups;

    /// <summary>Constraints parsed before, by text: charts test the same few constant constraints on every render.</summary>
    private static readonly ConcurrentDictionary<string, SemVersionConstraint> Parsed = new(StringComparer.Ordinal);

    /// <summary>Bounds what a template that builds ever new constraint texts can make the cache hold.</summary>
    private const int MaxParsed = 256;

    /// <summary><see cref="Parse"/>, answered from the cache when the text was parsed before (the result is immutable).</summary>
    public static SemVersionConstraint ParseCached(string text)
    {
        if (Parsed.TryGetValue(text, out var cached)) return cached;
        var parsed = Parse(text);
        if (Parsed.Count >= MaxParsed) Parsed.Clear();
        Parsed[text] = parsed;
        return parsed;
    }

    /// <summary>NewConstraint; throws <see cref="FormatException"/> with the library's error text.</summary>
    public static SemVersionConstraint Parse(string text)
    {
        text = RewriteRange(text);
        var groups = new List<Comparison[]>();
        foreach (var or in text.Split("||"))
        {
            if (!ValidRegex.IsMatch(or)) throw new FormatException("improper constraint: " + or);
            var found = FindRegex.Matches(or).Select(m => m.Value).ToList();
            if (found.Count == 0) found.Add(or);
            groups.Add(found.Select(Comparison.Parse).ToArray());
        }
        return new SemVersionConstraint(groups);
    }

    /// <summary>NewConstraint; null when it returns an error.</summary>
    public static SemVersionConstraint? TryParse(string text)
    {
        try
        {
            return Parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>Helm's IsCompatibleRange(constraint, version): false when either does not parse.</summary>
    public static bool IsCompatibleRange(string constraint, string version, SemverCompatibility compatibility = SemverCompatibility.Current) =>
        SemVersion.TryParse(version) is { } v && TryParse(constraint) is { } c && c.Check(v, compatibility);

    /// <summary>Constraints.Check: any OR group whose every comparison holds.</summary>
    public bool Check(SemVersion v, SemverCompatibility compatibility = SemverCompatibility.Current) => _groups.Any(group =>
    {
        var groupNamesPre = group.Any(c => c.Version.Prerelease.Length > 0);
        // The one rule for pre-release versions, checked first by the library's comparison functions (v3.3's "!="
        // without a wildcard skipped it).
        return group.All(c =>
            (v.Prerelease.Length == 0
             || (compatibility == SemverCompatibility.Current ? groupNamesPre : c.Version.Prerelease.Length > 0 || c.IsPlainNotEqual))
            && c.Check(v));
    });

    private static string RewriteRange(string i)
    {
        var o = i;
        foreach (Match m in RangeRegex.Matches(i))
        {
            var index = o.IndexOf(m.Value, StringComparison.Ordinal);
            if (index < 0) continue;
            o = o[..index] + $">= {m.Groups[1].Value}, <= {m.Groups[11].Value} " + o[(index + m.Value.Length)..];
        }
        return o;
    }

    /// <summary>One comparison; "dirty" when a part is a wildcard or missing (1.x, 1, *).</summary>
    private sealed class Comparison
    {
        public SemVersion Version { get; private init; } = null!;
        private string _op = "";
        private bool _dirty, _minorDirty, _patchDirty;

        public static Comparison Parse(string c)
        {
            // An empty group is "*": >= 0.0.0.
            if (c.Length == 0) return new Comparison { Version = SemVersion.Create(0, 0, 0), _dirty = true };
            var m = ConstraintRegex.Match(c);
            if (!m.Success) throw new FormatException("improper constraint: " + c);
            string g3 = m.Groups[3].Value, g4 = m.Groups[4].Value, g5 = m.Groups[5].Value, g6 = m.Groups[6].Value;
            var text = m.Groups[2].Value;
            bool dirty = false, minorDirty = false, patchDirty = false;
            if (IsX(g3) || g3.Length == 0)
            {
                text = "0.0.0" + g6;
                dirty = true;
            }
            else if (IsX(g4.TrimStart('.')) || g4.Length == 0)
            {
                minorDirty = dirty = true;
                text = g3 + ".0.0" + g6;
            }
            else if (IsX(g5.TrimStart('.')) || g5.Length == 0)
            {
                patchDirty = dirty = true;
                text = g3 + g4 + ".0" + g6;
            }
            if (!SemVersion.TryParse(text, out var version, out _)) throw new FormatException("constraint parser error");
            return new Comparison { Version = version!, _op = m.Groups[1].Value, _dirty = dirty, _minorDirty = minorDirty, _patchDirty = patchDirty };
        }

        public bool IsPlainNotEqual => _op == "!=" && !_dirty;

        private static bool IsX(string s) => s is "x" or "X" or "*";

        public bool Check(SemVersion v) => _op switch
        {
            "" or "=" => _dirty ? Tilde(v) : v.CompareTo(Version) == 0,
            "!=" => NotEqual(v),
            ">" => GreaterThan(v),
            "<" => v.CompareTo(Version) < 0,
            ">=" or "=>" => v.CompareTo(Version) >= 0,
            "<=" or "=<" => LessThanEqual(v),
            "~" or "~>" => Tilde(v),
            "^" => Caret(v),
            _ => false,
        };

        private bool NotEqual(SemVersion v)
        {
            if (_dirty)
            {
                if (Version.Major != v.Major) return true;
                if (Version.Minor != v.Minor && !_minorDirty) return true;
                if (_minorDirty) return false;
                if (Version.Patch != v.Patch && !_patchDirty) return true;
                if (_patchDirty)
                    return (v.Prerelease.Length > 0 || Version.Prerelease.Length > 0)
                        && SemVersion.ComparePrerelease(v.Prerelease, Version.Prerelease) != 0;
            }
            return v.CompareTo(Version) != 0;
        }

        private bool GreaterThan(SemVersion v)
        {
            if (!_dirty) return v.CompareTo(Version) > 0;
            if (v.Major > Version.Major) return true;
            if (v.Major < Version.Major || _minorDirty) return false; // >11 needs 12 or higher
            if (_patchDirty) return v.Minor > Version.Minor;
            return v.CompareTo(Version) > 0;
        }

        private bool LessThanEqual(SemVersion v)
        {
            if (!_dirty) return v.CompareTo(Version) <= 0;
            if (v.Major > Version.Major) return false;
            return !(v.Major == Version.Major && v.Minor > Version.Minor && !_minorDirty);
        }

        private bool Tilde(SemVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            // ~0.0.0 accepts everything, like >= 0.0.0.
            if (Version.Major == 0 && Version.Minor == 0 && Version.Patch == 0 && !_minorDirty && !_patchDirty) return true;
            if (v.Major != Version.Major) return false;
            return v.Minor == Version.Minor || _minorDirty;
        }

        private bool Caret(SemVersion v)
        {
            if (v.CompareTo(Version) < 0) return false;
            if (Version.Major > 0 || _minorDirty) return v.Major == Version.Major;
            if (v.Major > 0) return false;
            if (Version.Minor > 0 || _patchDirty) return v.Minor == Version.Minor;
            if (v.Minor > 0) return false;
            return Version.Patch == v.Patch;
        }
    }
}
