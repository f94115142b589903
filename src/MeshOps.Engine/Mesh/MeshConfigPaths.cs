using System.Globalization;
using MeshOps.Engine.Yaml;

namespace MeshOps.Engine.Mesh;

/// <summary>Dotted paths into mesh config trees (Go values): a.b.c, keys holding dots escaped as a\.b.</summary>
public static class MeshConfigPaths
{
    public static IReadOnlyList<string> Split(string path)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length && path[i + 1] == '.') { current.Append('.'); i++; }
            else if (path[i] == '.') { parts.Add(current.ToString()); current.Clear(); }
            else current.Append(path[i]);
        }
        parts.Add(current.ToString());
        return parts;
    }

    public static bool TryGet(Dictionary<string, object?>? tree, string path, out object? value)
    {
        value = null;
        object? node = tree;
        foreach (var key in Split(path))
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(key, out node)) return false;
        }
        value = node;
        return true;
    }

    /// <summary>Sets a value, creating maps on the way; returns the old value (null when absent).</summary>
    public static object? Set(Dictionary<string, object?> tree, string path, object? value)
    {
        var keys = Split(path);
        var map = tree;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            if (map.GetValueOrDefault(keys[i]) is not Dictionary<string, object?> next)
            {
                next = new Dictionary<string, object?>(StringComparer.Ordinal);
                map[keys[i]] = next;
            }
            map = next;
        }
        var old = map.GetValueOrDefault(keys[^1]);
        map[keys[^1]] = value;
        return old;
    }

    /// <summary>Removes a value; empty parent maps stay (the chart's own keys may live there).</summary>
    public static bool Remove(Dictionary<string, object?> tree, string path)
    {
        var keys = Split(path);
        object? node = tree;
        for (var i = 0; i < keys.Count - 1; i++)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue(keys[i], out node)) return false;
        }
        return node is Dictionary<string, object?> parent && parent.Remove(keys[^1]);
    }

    /// <summary>Equality across number types (YAML may give int where JSON gave double) and nested trees.</summary>
    public static bool ValueEquals(object? a, object? b) => Display(a) == Display(b);

    /// <summary>A value as one line of YAML flow text, for messages and comparisons.</summary>
    public static string Display(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        int or long => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => GoJson.Serialize(value),
    };
}
