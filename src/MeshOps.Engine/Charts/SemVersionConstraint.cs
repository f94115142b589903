using System.Text.RegularExpressions;

namespace MeshOps.Engine.Charts;

/// <summary>
/// A Masterminds/semver v3 constraint (what Helm's IsCompatibleRange and kubeVersion use): "||" alternatives of
/// comma/space separated comparisons (=, !=, &gt;, &lt;, &gt;=, &lt;=, ~, ~&gt;, ^), x/X/* wildcards and "a - b" ranges.
/// A version with a prerelease only matches comparisons whose own version has one.
/// </summary>
internal sealed partial class SemVersionConstraint
{
    private readonly List<List<Comparison>> _alternatives;

    private sealed record Comparison(string Op, SemVersion Version, bool MinorDirty, bool PatchDirty, bool AnyDirty);

    [GeneratedRegex(@"\s*(\S+)\s+-\s+(\S+)\s*")]
    private static partial Regex HyphenRange();

    [GeneratedRegex(@"^\s*(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)?\s*v?([0-9xX*]+)(\.[0-9xX*]+)?(\.[0-9xX*]+)?(-[0-9A-Za-z\-.]+)?(\+[0-9A-Za-z\-.]+)?\s*$")]
    private static partial Regex Single();

    private SemVersionConstraint(List<List<Comparison>> alternatives) => _alternatives = alternatives;

    /// <summary>Parses a constraint; null when Masterminds would reject it.</summary>
    public static SemVersionConstraint? TryParse(string text)
    {
        var alternatives = new List<List<Comparison>>();
        foreach (var alt in text.Split("||"))
        {
            var expanded = HyphenRange().Replace(alt, m => $">= {m.Groups[1].Value}, <= {m.Groups[2].Value} ");
            // Operators may be separated from versions by spaces; join them before splitting on separators.
            expanded = Regex.Replace(expanded, @"(=|!=|>=|=>|<=|=<|>|<|~>|~|\^)\s+", "$1");
            var items = expanded.Split(new[] { ',', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (items.Length == 0) return null;
            var all = new List<Comparison>();
            foreach (var item in items)
            {
                var c = ParseComparison(item);
                if (c is null) return null;
                all.Add(c);
            }
            alternatives.Add(all);
        }
        return new SemVersionConstraint(alternatives);
    }

    private static Comparison? ParseComparison(string text)
    {
        var m = Single().Match(text);
        if (!m.Success) return null;
        static bool Wild(string s) => s is "x" or "X" or "*";
        var op = m.Groups[1].Value switch { "=>" => ">=", "=<" => "<=", "~>" => "~", var o => o };
        var majorText = m.Groups[2].Value;
        var minorText = m.Groups[3].Success ? m.Groups[3].Value[1..] : "";
        var patchText = m.Groups[4].Success ? m.Groups[4].Value[1..] : "";
        var majorDirty = Wild(majorText);
        if (!majorDirty && !majorText.All(char.IsAsciiDigit)) return null;
        var minorDirty = majorDirty || minorText.Length == 0 || Wild(minorText);
        var patchDirty = minorDirty || patchText.Length == 0 || Wild(patchText);
        if (minorText.Length > 0 && !Wild(minorText) && !minorText.All(char.IsAsciiDigit)) return null;
        if (patchText.Length > 0 && !Wild(patchText) && !patchText.All(char.IsAsciiDigit)) return null;
        var pre = m.Groups[5].Success ? m.Groups[5].Value[1..] : "";
        var version = SemVersion.Create(
            majorDirty ? 0 : ulong.Parse(majorText),
            minorDirty ? 0 : ulong.Parse(minorText),
            patchDirty ? 0 : ulong.Parse(patchText),
            pre);
        if (majorDirty && op.Length == 0) op = ">=";
        var anyDirty = majorDirty || minorDirty || patchDirty;
        return new Comparison(op, version, minorDirty, patchDirty, anyDirty);
    }

    /// <summary>Helm's IsCompatibleRange(constraint, version).</summary>
    public static bool IsCompatibleRange(string constraint, string version)
    {
        var v = SemVersion.TryParse(version);
        var c = TryParse(constraint);
        return v != null && c != null && c.Check(v);
    }

    public bool Check(SemVersion v) => _alternatives.Any(all => all.All(c => Holds(c, v)));

    private static bool Holds(Comparison c, SemVersion v)
    {
        if (v.Prerelease.Length > 0 && c.Version.Prerelease.Length == 0) return false;
        var cv = c.Version;
        var cmp = v.CompareTo(cv);
        switch (c.Op)
        {
            case "":
            case "=":
                return c.AnyDirty ? InTilde(c, v) : cmp == 0;
            case "!=":
                return c.AnyDirty ? !InTilde(c, v) : cmp != 0;
            case ">":
                if (c.MinorDirty) return v.Major > cv.Major;
                if (c.PatchDirty) return v.Major > cv.Major || (v.Major == cv.Major && v.Minor > cv.Minor);
                return cmp > 0;
            case "<":
                return cmp < 0;
            case ">=":
                return cmp >= 0;
            case "<=":
                if (c.MinorDirty) return v.Major <= cv.Major;
                if (c.PatchDirty) return v.Major < cv.Major || (v.Major == cv.Major && v.Minor <= cv.Minor);
                return cmp <= 0;
            case "~":
                return InTilde(c, v);
            case "^":
                if (cmp < 0) return false;
                if (cv.Major > 0 || c.MinorDirty) return v.Major == cv.Major;
                if (cv.Minor > 0 || c.PatchDirty) return v.Major == 0 && v.Minor == cv.Minor;
                return v.Major == 0 && v.Minor == 0 && v.Patch == cv.Patch;
            default:
                return false;
        }
    }

    private static bool InTilde(Comparison c, SemVersion v)
    {
        if (v.CompareTo(c.Version) < 0) return false;
        if (c.Version.Major == 0 && c.MinorDirty && c.Op is "" or "=" or "!=") return true;
        if (v.Major != c.Version.Major) return false;
        if (!c.MinorDirty && v.Minor != c.Version.Minor) return false;
        return true;
    }
}
