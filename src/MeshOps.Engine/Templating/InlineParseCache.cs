using System.Collections.Concurrent;
using MeshOps.Engine.Templating.Parse;

namespace MeshOps.Engine.Templating;

/// <summary>
/// Parsed inline texts (Helm's tpl) by name and text. Charts call tpl with the same few texts over and over (in
/// loops, on every render); parsing them again each time was most of tpl's cost. Failed parses are not kept.
/// </summary>
internal sealed class InlineParseCache
{
    /// <summary>Bounds the memory a template that builds ever new texts can hold: the cache starts over when full.</summary>
    private const int MaxEntries = 1024;

    private readonly ConcurrentDictionary<(string Name, string Text), Dictionary<string, ParseTree>> _parsed = new();

    public Dictionary<string, ParseTree> GetOrParse(string name, string text, Func<Dictionary<string, ParseTree>> parse)
    {
        if (_parsed.TryGetValue((name, text), out var trees)) return trees;
        trees = parse();
        if (_parsed.Count >= MaxEntries) _parsed.Clear();
        _parsed[(name, text)] = trees;
        return trees;
    }
}
