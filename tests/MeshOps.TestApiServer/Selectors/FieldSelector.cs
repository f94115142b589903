using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Http;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Selectors;

/// <summary>fieldSelector with =, == and != on metadata.name, metadata.namespace (and a few kind-specific fields).</summary>
public sealed class FieldSelector
{
    readonly List<(string Field, string Value, bool Negate)> _terms = new();

    static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "metadata.name", "metadata.namespace", "status.phase", "spec.nodeName", "type", "involvedObject.name",
    };

    public static FieldSelector Parse(string? text, string kind)
    {
        var sel = new FieldSelector();
        if (string.IsNullOrWhiteSpace(text)) return sel;
        foreach (var term in text.Split(','))
        {
            var (op, neg) = term.Contains("!=") ? ("!=", true) : term.Contains("==") ? ("==", false) : ("=", false);
            var idx = term.IndexOf(op, StringComparison.Ordinal);
            if (idx <= 0) throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            var field = term[..idx].Trim();
            if (!Supported.Contains(field))
                throw ApiException.BadRequest($"\"{field}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
            sel._terms.Add((field, term[(idx + op.Length)..].Trim(), neg));
        }
        return sel;
    }

    public bool Matches(JsonObject obj)
    {
        foreach (var (field, value, negate) in _terms)
        {
            var actual = JsonTools.Str(obj, field.Split('.')) ?? "";
            if ((actual == value) == negate) return false;
        }
        return true;
    }
}
