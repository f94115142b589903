using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Masterminds/semver v3.3's constraints: comma/space separated AND groups joined by "||", hyphen ranges,
/// x/X/* wildcards, =, !=, &gt;, &lt;, &gt;=, &lt;=, ~, ~&gt;, ^. A pre-release version only satisfies a constraint that itself
/// names a pre-release.
/// </summary>
internal sealed class SemverConstraints
{
    private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private static readonly RegexOptions Options = RegexOptions.CultureInvariant;
    private static readonly Regex ConstraintRegex = new($@"^\s*({Ops})\s*({Cv})\s*\z", Options);
    private static readonly Regex RangeRegex = new($@"\s*({Cv})\s+-\s+({Cv})\s*", Options);
    private static readonly Regex FindRegex = new($@"({Ops})\s*({Cv})", Options);
    private static readonly Regex ValidRegex = new($@"^(\s*({Ops})\s*({Cv})\s*)((?:\s+|,\s*)({Ops})\s*({Cv})\s*)*\z", Options);

    private readonly List<List<Constraint>> _groups;

    private SemverConstraints(List<List<Constraint>> groups) => _groups = groups;

    /// <summary>Constraints parsed before, by text: charts test the same few constant constraints on every render.</summary>
    private static readonly ConcurrentDictionary<string, SemverConstraints> Parsed = new(StringComparer.Ordinal);

    /// <summary>Bounds what a template that builds ever new constraint texts can make the cache hold.</summary>
    private const int MaxParsed = 256;

    /// <summary><see cref="Parse"/>, answered from the cache when the text was parsed before (the result is immutable).</summary>
    public static SemverConstraints ParseCached(string c)
    {
        if (Parsed.TryGetValue(c, out var cached)) return cached;
        var parsed = Parse(c);
        if (Parsed.Count >= MaxParsed) Parsed.Clear();
        Parsed[c] = parsed;
        return parsed;
    }

    /// <summary>semver.NewConstraint; throws with the library's error text.</summary>
    public static SemverConstraints Parse(string c)
    {
        c = RewriteRange(c);
        var groups = new List<List<Constraint>>();
        foreach (var or in c.Split("||"))
        {
            if (!ValidRegex.IsMatch(or)) throw new TemplateFunctionException("improper constraint: " + or);
            var found = FindRegex.Matches(or).Select(m => m.Value).ToList();
            if (found.Count == 0) found.Add(or);
            groups.Add(found.Select(Constraint.Parse).ToList());
        }
        return new SemverConstraints(groups);
    }

    /// <summary>Constraints.Check: any OR group whose every constraint holds.</summary>
    public bool Check(SemverVersion v) => _groups.Any(g => g.All(c => c.Check(v)));

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

    private sealed class Constraint
    {
        private SemverVersion _con = null!;
        private string _op = "";
        private bool _dirty, _minorDirty, _patchDirty;

        public static Constraint Parse(string c)
        {
            if (c.Length == 0)
                return new Constraint { _con = SemverVersion.Parse("0.0.0"), _dirty = true };
            var m = ConstraintRegex.Match(c);
            if (!m.Success) throw new TemplateFunctionException("improper constraint: " + c);
            var cs = new Constraint { _op = m.Groups[1].Value };
            string g3 = m.Groups[3].Value, g4 = m.Groups[4].Value, g5 = m.Groups[5].Value, g6 = m.Groups[6].Value;
            var ver = m.Groups[2].Value;
            if (IsX(g3) || g3.Length == 0)
            {
                ver = "0.0.0" + g6;
                cs._dirty = true;
            }
            else if (IsX(g4.TrimStart('.')) || g4.Length == 0)
            {
                cs._minorDirty = cs._dirty = true;
                ver = g3 + ".0.0" + g6;
            }
            else if (IsX(g5.TrimStart('.')) || g5.Length == 0)
            {
                cs._patchDirty = cs._dirty = true;
                ver = g3 + g4 + ".0" + g6;
            }
            try
            {
                cs._con = SemverVersion.Parse(ver);
            }
            catch (TemplateFunctionException)
            {
                throw new TemplateFunctionException("constraint parser error");
            }
            return cs;
        }

        private static bool IsX(string s) => s is "x" or "X" or "*";

        public bool Check(SemverVersion v) => _op switch
        {
            "" or "=" => TildeOrEqual(v),
            "!=" => NotEqual(v),
            ">" => GreaterThan(v),
            "<" => ReleaseOk(v) && v.CompareTo(_con) < 0,
            ">=" or "=>" => ReleaseOk(v) && v.CompareTo(_con) >= 0,
            "<=" or "=<" => LessThanEqual(v),
            "~" or "~>" => Tilde(v),
            "^" => Caret(v),
            _ => false,
        };

        // A pre-release version is only considered when the constraint names a pre-release too.
        private bool ReleaseOk(SemverVersion v) => v.Prerelease.Length == 0 || _con.Prerelease.Length > 0;

        private bool NotEqual(SemverVersion v)
        {
            if (_dirty)
            {
                if (!ReleaseOk(v)) return false;
                if (_con.Major != v.Major) return true;
                if (_con.Minor != v.Minor && !_minorDirty) return true;
                if (_minorDirty) return false;
                if (_con.Patch != v.Patch && !_patchDirty) return true;
                if (_patchDirty)
                {
                    if (v.Prerelease.Length > 0 || _con.Prerelease.Length > 0)
                        return !string.Equals(v.Prerelease, _con.Prerelease, StringComparison.Ordinal);
                    return false;
                }
            }
            return v.CompareTo(_con) != 0;
        }

        private bool GreaterThan(SemverVersion v)
        {
            if (!ReleaseOk(v)) return false;
            if (!_dirty) return v.CompareTo(_con) == 1;
            if (v.Major > _con.Major) return true;
            if (v.Major < _con.Major) return false;
            if (_minorDirty) return false;
            if (_patchDirty) return v.Minor > _con.Minor;
            return v.CompareTo(_con) == 1;
        }

        private bool LessThanEqual(SemverVersion v)
        {
            if (!ReleaseOk(v)) return false;
            if (!_dirty) return v.CompareTo(_con) <= 0;
            if (v.Major > _con.Major) return false;
            if (v.Major == _con.Major && v.Minor > _con.Minor && !_minorDirty) return false;
            return true;
        }

        private bool Tilde(SemverVersion v)
        {
            if (!ReleaseOk(v)) return false;
            if (v.CompareTo(_con) < 0) return false;
            if (_con.Major == 0 && _con.Minor == 0 && _con.Patch == 0 && !_minorDirty && !_patchDirty) return true;
            if (v.Major != _con.Major) return false;
            if (v.Minor != _con.Minor && !_minorDirty) return false;
            return true;
        }

        private bool TildeOrEqual(SemverVersion v)
        {
            if (!ReleaseOk(v)) return false;
            if (_dirty) return Tilde(v);
            return v.CompareTo(_con) == 0;
        }

        private bool Caret(SemverVersion v)
        {
            if (!ReleaseOk(v)) return false;
            if (v.CompareTo(_con) < 0) return false;
            if (_con.Major > 0 || _minorDirty) return v.Major == _con.Major;
            if (_con.Major == 0 && v.Major > 0) return false;
            if (_con.Minor > 0 || _patchDirty) return v.Minor == _con.Minor;
            if (_con.Minor == 0 && v.Minor > 0) return false;
            return _con.Patch == v.Patch;
        }
    }
}
