namespace MeshOps.Engine.Operator;

/// <summary>
/// The objects parsed from a chart's rendered template text, by that text, for the session: an identical render (a
/// repeated export, -WhatIf then the install, the same IstioOperator for each cluster of a fleet, a re-install) is
/// neither parsed nor serialised again. Parsing the text depends on nothing but the text, so the text is the whole key.
/// The objects are <see cref="SharedDocument"/>s: a caller that changes one (k8s settings, overlays) reads
/// <see cref="ManifestObject.Value"/>, which copies, so the cached documents never change. Bounded by the total length
/// of the cached texts, least recently used evicted first; text that fails to parse is not cached (the caller's error
/// path is unchanged).
/// </summary>
internal sealed class RenderedDocumentCache
{
    /// <summary>
    /// The session's cache: 1 Mi characters of rendered text, a handful of profiles' worth (the default profile renders
    /// about 0.15 Mi), so the text and its parsed objects stay within a few tens of MiB in a long session.
    /// </summary>
    public static RenderedDocumentCache Session { get; } = new(1024 * 1024);

    private readonly object _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _byText = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _lru = new(); // most recently used first
    private long _chars;

    public RenderedDocumentCache(long capacityChars) => CapacityChars = capacityChars;

    public long CapacityChars { get; }

    /// <summary>Total characters of the cached texts.</summary>
    public long CachedChars
    {
        get { lock (_gate) return _chars; }
    }

    public int Count
    {
        get { lock (_gate) return _byText.Count; }
    }

    private sealed record Entry(string Text, IReadOnlyList<SharedDocument> Documents);

    /// <summary>
    /// The objects of <paramref name="text"/>, from the cache or parsed now by <paramref name="parse"/> (which may throw;
    /// then nothing is cached). Each call gets its own <see cref="ManifestObject"/>s over the shared documents.
    /// </summary>
    public List<ManifestObject> Objects(string text, string component, Func<string, List<ManifestObject>> parse)
    {
        var docs = Lookup(text);
        if (docs == null)
        {
            // Freshly parsed maps become the shared documents: the objects returned now are shared like later ones.
            docs = parse(text).Select(o => new SharedDocument(o.Value)).ToList();
            Add(text, docs);
        }
        var result = new List<ManifestObject>(docs.Count);
        foreach (var doc in docs) result.Add(new ManifestObject(component, doc));
        return result;
    }

    private IReadOnlyList<SharedDocument>? Lookup(string text)
    {
        lock (_gate)
        {
            if (!_byText.TryGetValue(text, out var node)) return null;
            _lru.Remove(node);
            _lru.AddFirst(node);
            return node.Value.Documents;
        }
    }

    private void Add(string text, IReadOnlyList<SharedDocument> docs)
    {
        if (text.Length > CapacityChars) return; // larger than the whole cache: it would only evict everything else
        lock (_gate)
        {
            if (_byText.ContainsKey(text)) return; // another thread parsed the same text meanwhile
            var node = _lru.AddFirst(new Entry(text, docs));
            _byText[text] = node;
            _chars += text.Length;
            while (_chars > CapacityChars && _lru.Last is { } oldest)
            {
                _lru.RemoveLast();
                _byText.Remove(oldest.Value.Text);
                _chars -= oldest.Value.Text.Length;
            }
        }
    }
}
