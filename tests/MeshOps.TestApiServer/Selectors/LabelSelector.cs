using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Http;

namespace MeshOps.Testing.KubeApi.Selectors;

/// <summary>
/// The labelSelector query syntax of apimachinery's labels.Parse: comma-separated requirements
/// key=v, key==v, key!=v, key in (a,b), key notin (a,b), key (exists), !key (does not exist).
/// </summary>
public sealed class LabelSelector
{
    readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = new();

    public static LabelSelector Everything { get; } = new();

    public bool Matches(JsonObject obj)
    {
        if (_requirements.Count == 0) return true;
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"]?["labels"] is JsonObject l)
            foreach (var (k, v) in l) labels[k] = v?.ToString() ?? "";
        return _requirements.All(r => r(labels));
    }

    public static LabelSelector Parse(string? text)
    {
        var sel = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text)) return sel;
        foreach (var raw in SplitTopLevel(text))
        {
            var req = raw.Trim();
            if (req.Length == 0) throw Bad(text, "empty requirement");
            sel._requirements.Add(ParseRequirement(req, text));
        }
        return sel;
    }

    static Func<IReadOnlyDictionary<string, string>, bool> ParseRequirement(string req, string all)
    {
        if (req.StartsWith('!'))
        {
            var key = req[1..].Trim();
            Validate(key, all);
            return l => !l.ContainsKey(key);
        }
        foreach (var (op, neg) in new[] { (" notin ", true), (" in ", false) })
        {
            var idx = req.IndexOf(op, StringComparison.Ordinal);
            if (idx > 0)
            {
                var key = req[..idx].Trim();
                var set = req[(idx + op.Length)..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')')) throw Bad(all, $"found '{set}', expected: '('");
                var values = set[1..^1].Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);
                Validate(key, all);
                return neg ? l => !l.TryGetValue(key, out var v) || !values.Contains(v)
                           : l => l.TryGetValue(key, out var v) && values.Contains(v);
            }
        }
        foreach (var (op, neg) in new[] { ("!=", true), ("==", false), ("=", false) })
        {
            var idx = req.IndexOf(op, StringComparison.Ordinal);
            if (idx > 0)
            {
                var key = req[..idx].Trim();
                var value = req[(idx + op.Length)..].Trim();
                Validate(key, all);
                return neg ? l => !l.TryGetValue(key, out var v) || v != value
                           : l => l.TryGetValue(key, out var v) && v == value;
            }
        }
        Validate(req, all);
        return l => l.ContainsKey(req);
    }

    static void Validate(string key, string all)
    {
        if (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!'))
            throw Bad(all, $"invalid label key \"{key}\"");
    }

    static ApiException Bad(string text, string why) => ApiException.BadRequest($"unable to parse requirement: {why}");

    static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0; var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0) { yield return text[start..i]; start = i + 1; }
        }
        yield return text[start..];
    }
}
