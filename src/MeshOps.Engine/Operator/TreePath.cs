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
        // Every bracket counts as a segment: "x[0][0]" is one element to istioctl, but three levels to whoever meant it.
        var segments = 0;
        foreach (var raw in SplitEscaped(cleaned, '.'))
        {
            if (raw.Length == 0) continue;
            var element = raw.Replace("\\.", ".");
            var bracket = element.IndexOf('[');
            if (bracket > 0)
            {
                result.Add(element[..bracket]);
                result.Add(element[bracket..]);
                segments++;
            }
            else
            {
                result.Add(element);
            }
            segments += Math.Max(1, element.Count(c => c == '['));
        }
        // Navigation recurses once per element; a path this long is a mistake, not a setting.
        if (segments > EngineLimits.MaxSetPathSegments) throw TooDeep(path, segments);
        return result;
    }

    /// <summary>The forms a -Set path element may take, for messages.</summary>
    public const string AcceptedForms =
        "accepted forms: a.b (a map key), a.[0] or a[0] (a list index; [-1] appends), a.[key:value] (the list entry whose key is value, " +
        "e.g. components.ingressGateways.[name:istio-ingressgateway].enabled=true) and a.[:regex] (the items of a list of strings that match regex)";

    /// <summary>
    /// Why an element in brackets can never be an index or a selector (util.IsNPathElement, IsKVPathElement,
    /// IsVPathElement), or null. A bare "[v]" passes: istioctl matches it against a list of strings.
    /// </summary>
    public static string? BracketProblem(string element)
    {
        if (element.Length == 0 || element[0] != '[') return null;
        if (element[^1] != ']') return $"{element} has no closing ]";
        var inner = element[1..^1];
        if (inner.Length == 0) return "[] is empty";
        if (inner[0] == ':')
            return inner.Length > 1 ? null : $"{element} has no value to match after the ':'";
        if (inner.Contains('[') || inner.Contains(']')) return $"{element} holds more than one index or selector; write each as its own element (a.[0].[1])";
        var kv = SplitEscaped(inner, ':');
        if (kv.Count > 1)
        {
            if (kv.Count != 2) return $"{element} has more than one unescaped ':'";
            if (kv[0].Length == 0 || kv[1].Length == 0) return $"{element} needs both a key and a value ([key:value])";
            if (!kv[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')) return $"{element} has a key that is not a field name";
            return null;
        }
        if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n < -1)
            return $"{element} is an index below -1";
        return null;
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
