using System.Text.Json.Nodes;
using System.Threading.Channels;
using MeshOps.Testing.KubeApi.Json;

namespace MeshOps.Testing.KubeApi.Storage;

/// <summary>
/// The in-memory etcd: objects by storage key (group/plural) and "namespace/name", a global resourceVersion counter,
/// a bounded event history for watches that start at a resourceVersion, and live watch subscribers.
/// All access goes through <see cref="Sync"/>; stored objects are replaced, never mutated, so snapshots stay valid.
/// </summary>
public sealed class ObjectStore
{
    /// <summary>Events kept for watches that resume from an older resourceVersion; older ones answer 410 Gone.</summary>
    public const int HistoryCapacity = 100_000;

    public object Sync { get; } = new();
    readonly Dictionary<string, SortedDictionary<string, JsonObject>> _byKey = new(StringComparer.Ordinal);
    // The same objects by storage key and namespace, so that a namespaced list (the controllers list one namespace's
    // pods on every pass, i.e. after every write) costs that namespace's objects, not every object of the kind.
    readonly Dictionary<string, Dictionary<string, SortedDictionary<string, JsonObject>>> _byNamespace = new(StringComparer.Ordinal);
    readonly Dictionary<string, (string Key, string Ns, string Name)> _byUid = new(StringComparer.Ordinal);
    readonly Queue<WatchEvent> _history = new();
    readonly List<Subscription> _subscribers = new();
    long _rv = 1000;
    long _oldestHistoryRv = 1000;

    /// <summary>Raised (outside no lock guarantee: under <see cref="Sync"/>) after each change, for controllers.</summary>
    public event Action<WatchEvent>? Changed;

    public long CurrentResourceVersion { get { lock (Sync) return _rv; } }

    static string Id(string ns, string name) => ns + "/" + name;

    public JsonObject? Get(string key, string ns, string name)
    {
        lock (Sync)
        {
            return _byKey.TryGetValue(key, out var m) && m.TryGetValue(Id(ns, name), out var o) ? o : null;
        }
    }

    /// <summary>Objects of a storage key, ordered by namespace/name; ns null means all namespaces.</summary>
    public List<JsonObject> List(string key, string? ns)
    {
        lock (Sync)
        {
            if (!_byKey.TryGetValue(key, out var m)) return new List<JsonObject>();
            if (string.IsNullOrEmpty(ns)) return m.Values.ToList();
            return _byNamespace[key].TryGetValue(ns, out var inNamespace) ? inNamespace.Values.ToList() : new List<JsonObject>();
        }
    }

    public IEnumerable<string> Keys { get { lock (Sync) return _byKey.Keys.ToList(); } }

    public (string Key, string Ns, string Name)? FindUid(string uid)
    {
        lock (Sync) return _byUid.TryGetValue(uid, out var r) ? r : null;
    }

    /// <summary>Stores obj (taking ownership), assigning the next resourceVersion; records ADDED or MODIFIED.</summary>
    public JsonObject Put(string key, JsonObject obj)
    {
        lock (Sync)
        {
            var ns = JsonTools.Namespace(obj);
            var name = JsonTools.Name(obj);
            if (!_byKey.TryGetValue(key, out var m))
            {
                _byKey[key] = m = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
                _byNamespace[key] = new Dictionary<string, SortedDictionary<string, JsonObject>>(StringComparer.Ordinal);
            }
            m.TryGetValue(Id(ns, name), out var previous);
            var rv = ++_rv;
            JsonTools.Meta(obj)["resourceVersion"] = rv.ToString();
            m[Id(ns, name)] = obj;
            var namespaces = _byNamespace[key];
            if (!namespaces.TryGetValue(ns, out var inNamespace)) namespaces[ns] = inNamespace = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            inNamespace[name] = obj;
            var uid = JsonTools.Str(obj, "metadata", "uid");
            if (uid != null) _byUid[uid] = (key, ns, name);
            Record(new WatchEvent(previous == null ? "ADDED" : "MODIFIED", key, ns, rv, obj, previous));
            return obj;
        }
    }

    /// <summary>Removes an object; records DELETED with a fresh resourceVersion as the real server does.</summary>
    public JsonObject? Remove(string key, string ns, string name)
    {
        lock (Sync)
        {
            if (!_byKey.TryGetValue(key, out var m) || !m.Remove(Id(ns, name), out var previous)) return null;
            var namespaces = _byNamespace[key];
            if (namespaces.TryGetValue(ns, out var inNamespace) && inNamespace.Remove(name) && inNamespace.Count == 0) namespaces.Remove(ns);
            var rv = ++_rv;
            var gone = JsonTools.CloneObj(previous);
            JsonTools.Meta(gone)["resourceVersion"] = rv.ToString();
            var uid = JsonTools.Str(previous, "metadata", "uid");
            if (uid != null) _byUid.Remove(uid);
            Record(new WatchEvent("DELETED", key, ns, rv, gone, previous));
            return gone;
        }
    }

    void Record(WatchEvent e)
    {
        _history.Enqueue(e);
        while (_history.Count > HistoryCapacity) _oldestHistoryRv = _history.Dequeue().ResourceVersion;
        foreach (var s in _subscribers)
        {
            if (s.Key == e.StorageKey && (s.Namespace == null || s.Namespace == e.Namespace)) s.Channel.Writer.TryWrite(e);
        }
        Changed?.Invoke(e);
    }

    /// <summary>
    /// Subscribes to changes after <paramref name="fromRv"/> (replaying history), or returns null when that
    /// resourceVersion is older than the history kept (the caller answers 410 Gone).
    /// </summary>
    public Subscription? Subscribe(string key, string? ns, long fromRv)
    {
        lock (Sync)
        {
            if (fromRv < _oldestHistoryRv) return null;
            var sub = new Subscription(this, key, string.IsNullOrEmpty(ns) ? null : ns);
            foreach (var e in _history)
            {
                if (e.ResourceVersion > fromRv && e.StorageKey == key && (sub.Namespace == null || sub.Namespace == e.Namespace))
                    sub.Channel.Writer.TryWrite(e);
            }
            _subscribers.Add(sub);
            return sub;
        }
    }

    internal void Unsubscribe(Subscription s)
    {
        lock (Sync) _subscribers.Remove(s);
        s.Channel.Writer.TryComplete();
    }

    /// <summary>A live watch registration; dispose to stop receiving events.</summary>
    public sealed class Subscription : IDisposable
    {
        readonly ObjectStore _store;
        internal Subscription(ObjectStore store, string key, string? ns) { _store = store; Key = key; Namespace = ns; }
        public string Key { get; }
        public string? Namespace { get; }
        public Channel<WatchEvent> Channel { get; } = System.Threading.Channels.Channel.CreateUnbounded<WatchEvent>();
        public void Dispose() => _store.Unsubscribe(this);
    }
}
