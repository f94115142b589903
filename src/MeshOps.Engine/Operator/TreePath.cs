using System.Globalization;
using MeshOps.Engine.Hosting;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Operator;

/// <summary>
/// istioctl's path syntax (operator/pkg/util/path.go): elements split on unescaped '.', "\." keeps a dot in a key,
/// "a[k:v]" splits into "a" and "[k:v]", "[k:v]" selects a list item whose key k equals v, "[n]" an index,
/// "[:v]" a list value matching the regular expression v.
/// </summary>
internal static class TreePath
{
    /// <summary>Splits a path string into elements (PathFromString).</summary>
    public static List<string> Parse(string path)
    {
        var cleaned = CleanSlashes(path).Trim('.');
        var result = new List<string>();
        foreach (var raw in SplitEscaped(cleaned, '.'))
        {
            if (raw.Length == 0) continue;
            var element = raw.Replace("\\.", ".");
            var bracket = element.IndexOf('[');
            if (bracket > 0)
            {
                result.Add(element[..bracket]);
                result.Add(element[bracket..]);
            }
            else
            {
                result.Add(element);
            }
        }
        // Navigation recurses once per element; a path this long is a mistake, not a setting.
        if (result.Count > EngineLimits.MaxSetPathSegments) throw TooDeep(path, result.Count);
        return result;
    }

    public static MeshException TooDeep(string path, int segments) =>
        new("SetPathTooDeep", MeshErrorKind.LimitsExceeded,
            $"The path {(path.Length > 80 ? path[..80] + "..." : path)} has {segments} elements, more than the limit of {EngineLimits.MaxSetPathSegments}; check the -Set path.",
            path.Length > 80 ? path[..80] : path);

    // filepath.Clean on a path with no slashes only collapses nothing; istioctl paths never hold '/' except in
    // escaped keys like "container\.apparmor\.security\.beta\.kubernetes\.io/istio-proxy", where Clean keeps them.
    private static string CleanSlashes(string path)
    {
        while (path.Contains("//", StringComparison.Ordinal)) path = path.Replace("//", "/");
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    /// <summary>Splits on a separator not preceded by a backslash (splitEscaped).</summary>
    public static List<string> SplitEscaped(string s, char separator)
    {
        var output = new List<string>();
        if (s.Length == 0) return output;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == separator && (i == 0 || s[i - 1] != '\\'))
            {
                output.Add(s[start..i]);
                start = i + 1;
            }
        }
        output.Add(s[start..]);
        return output;
    }

    public static bool TryRemoveBrackets(string element, out string inner)
    {
        if (element.Length >= 2 && element[0] == '[' && element[^1] == ']')
        {
            inner = element[1..^1];
            return true;
        }
        inner = element;
        return false;
    }

    /// <summary>"[key:value]" with both parts non-empty.</summary>
    public static bool IsKeyValue(string element) => TryKeyValue(element, out _, out _);

    public static bool TryKeyValue(string element, out string key, out string value)
    {
        key = value = "";
        if (!TryRemoveBrackets(element, out var inner)) return false;
        var kv = SplitEscaped(inner, ':');
        if (kv.Count != 2 || kv[0].Length == 0 || kv[1].Length == 0) return false;
        key = kv[0];
        value = kv[1];
        return true;
    }

    /// <summary>"[n]" with n ≥ -1 (-1 appends).</summary>
    public static bool TryIndex(string element, out int index)
    {
        index = 0;
        return TryRemoveBrackets(element, out var inner)
            && int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)
            && index >= -1;
    }

    /// <summary>The value of a "[:v]" (or bare "[v]") element.</summary>
    public static bool TryValueSelector(string element, out string value)
    {
        TryRemoveBrackets(element, out var inner);
        value = inner.Length > 1 && inner[0] == ':' ? inner[1..] : inner;
        return value.Length > 0;
    }

    /// <summary>Joins elements back with '.', as util.Path.String does.</summary>
    public static string Join(IEnumerable<string> elements) => string.Join('.', elements);

    /// <summary>Lower-cases the first character of every element (util.ToYAMLPath).</summary>
    public static List<string> ToYamlPath(string path) =>
        Parse(path).Select(e => e.Length == 0 ? e : char.ToLowerInvariant(e[0]) + e[1..]).ToList();
}
