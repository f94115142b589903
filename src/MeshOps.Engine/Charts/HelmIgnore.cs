namespace MeshOps.Engine.Charts;

/// <summary>
/// .helmignore rules as Helm's pkg/ignore applies them: evaluated in order, first match wins, '!' rules stop at a
/// non-match, trailing '/' only matches directories, a leading '/' or any '/' matches the whole path, otherwise only
/// the base name; '**' is refused. Helm always adds <c>templates/.?*</c>.
/// </summary>
internal sealed class HelmIgnore
{
    public const string FileName = ".helmignore";

    private readonly List<Rule> _rules = new();

    private sealed record Rule(string Pattern, bool Negate, bool MustDir, bool WholePath);

    /// <summary>Parses the text of a .helmignore file; throws FormatException for a bad rule.</summary>
    public static HelmIgnore Parse(string text)
    {
        var rules = new HelmIgnore();
        if (text.StartsWith('\uFEFF')) text = text[1..];
        foreach (var line in text.Split('\n')) rules.AddRule(line);
        return rules;
    }

    public static HelmIgnore Empty() => new();

    /// <summary>Helm's AddDefaults: dot files under templates/ are never templates.</summary>
    public void AddDefaults() => AddRule("templates/.?*");

    private void AddRule(string rule)
    {
        rule = rule.Trim();
        if (rule.Length == 0 || rule.StartsWith('#')) return;
        if (rule.Contains("**", StringComparison.Ordinal)) throw new FormatException("double-star (**) syntax is not supported");
        GoPathMatch.Validate(rule);
        var negate = false;
        if (rule.StartsWith('!')) { negate = true; rule = rule[1..]; }
        var mustDir = false;
        if (rule.EndsWith('/')) { mustDir = true; rule = rule[..^1]; }
        var whole = false;
        if (rule.StartsWith('/')) { whole = true; rule = rule[1..]; }
        else if (rule.Contains('/')) whole = true;
        _rules.Add(new Rule(rule, negate, mustDir, whole));
    }

    /// <summary>Whether the chart-relative path (with '/') should be skipped.</summary>
    public bool Ignore(string path, bool isDirectory)
    {
        if (path is "" or "." or "./") return false;
        foreach (var r in _rules)
        {
            if (r.Negate)
            {
                if (r.MustDir && !isDirectory) return true;
                if (!Matches(r, path)) return true;
                continue;
            }
            if (r.MustDir && !isDirectory) continue;
            if (Matches(r, path)) return true;
        }
        return false;
    }

    private static bool Matches(Rule r, string path)
    {
        var name = r.WholePath ? path : path[(path.LastIndexOf('/') + 1)..];
        return GoPathMatch.Match(r.Pattern, name);
    }
}
