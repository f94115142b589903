using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeshOps.Testing.KubeApi.Json;
using MeshOps.Testing.KubeApi.Patching;

namespace MeshOps.Testing.KubeApi.Apply;

/// <summary>
/// A set of field paths in structured-merge-diff's shape: <see cref="Members"/> are owned path elements at this
/// level, <see cref="Children"/> descend into elements. Elements are "f:name", "k:{json key}", "v:json", "i:N".
/// Serialised as FieldsV1: a member with children gets ".": {} inside its child object.
/// </summary>
public sealed class FieldSet
{
    public SortedSet<string> Members { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, FieldSet> Children { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Members.Count == 0 && Children.Values.All(c => c.IsEmpty);

    public FieldSet Child(string element)
    {
        if (!Children.TryGetValue(element, out var c)) Children[element] = c = new FieldSet();
        return c;
    }

    /// <summary>The fields an object sets (leaves, list items, set values), with list semantics from <see cref="ListInfo"/>.</summary>
    public static FieldSet FromObject(JsonObject obj, bool custom)
    {
        var set = new FieldSet();
        Walk(obj, set, custom);
        return set;
    }

    static void Walk(JsonObject obj, FieldSet into, bool custom)
    {
        foreach (var (key, value) in obj)
        {
            var element = "f:" + key;
            switch (value)
            {
                case JsonObject o when o.Count > 0 && !IsAtomicMap(key, o):
                    Walk(o, into.Child(element), custom);
                    break;
                case JsonArray a when a.Count > 0:
                    var info = ListInfo.For(key, a, custom);
                    if (info.Type == ListType.Atomic || a.Any(i => info.Type == ListType.Map && i is not JsonObject)) { into.Members.Add(element); break; }
                    var child = into.Child(element);
                    foreach (var item in a)
                    {
                        if (info.Type == ListType.Set) { child.Members.Add(ValueElement(item)); continue; }
                        var ko = (JsonObject)item!;
                        var ke = KeyElement(ko, info);
                        child.Members.Add(ke);
                        Walk(ko, child.Child(ke), custom);
                    }
                    break;
                default:
                    into.Members.Add(element);
                    break;
            }
        }
    }

    /// <summary>Label selectors are atomic maps in the built-in schemas (x-kubernetes-map-type: atomic).</summary>
    static bool IsAtomicMap(string key, JsonObject o) => key == "selector" && (o.ContainsKey("matchLabels") || o.ContainsKey("matchExpressions"));

    public static string ValueElement(JsonNode? v) => "v:" + (v?.ToJsonString(JsonTools.Compact) ?? "null");

    public static string KeyElement(JsonObject item, ListInfo info)
    {
        var key = new JsonObject();
        foreach (var k in info.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            var v = ListInfo.KeyValue(item, k);
            if (v != null) key[k] = v.DeepClone();
        }
        return "k:" + key.ToJsonString(JsonTools.Compact);
    }

    public FieldSet Clone()
    {
        var c = new FieldSet();
        c.Members.UnionWith(Members);
        foreach (var (k, v) in Children) c.Children[k] = v.Clone();
        return c;
    }

    public FieldSet Union(FieldSet other)
    {
        var r = Clone();
        r.UnionWith(other);
        return r;
    }

    /// <summary>Adds <paramref name="other"/> into this set (its subtrees cloned where this set has none): one pass, no clone of what is already here.</summary>
    void UnionWith(FieldSet other)
    {
        Members.UnionWith(other.Members);
        foreach (var (k, v) in other.Children)
        {
            if (Children.TryGetValue(k, out var mine)) mine.UnionWith(v);
            else Children[k] = v.Clone();
        }
    }

    public FieldSet Difference(FieldSet other)
    {
        var r = new FieldSet();
        foreach (var m in Members) if (!other.Members.Contains(m)) r.Members.Add(m);
        foreach (var (k, v) in Children)
        {
            var d = other.Children.TryGetValue(k, out var o) ? v.Difference(o) : v.Clone();
            if (!d.IsEmpty) r.Children[k] = d;
        }
        return r;
    }

    /// <summary>
    /// What an apply prunes: the paths of this set (the manager's last applied set) that <paramref name="keep"/> (the new
    /// config, or another manager's set) neither holds nor holds anything beneath. A field applied before as an empty
    /// map (a member) and now with entries (children only) stays: structured-merge-diff's prune adds back every item a
    /// current owner holds (Updater.prune, addBackOwnedItems), where a plain difference would delete the whole map.
    /// </summary>
    public FieldSet NotCoveredBy(FieldSet keep)
    {
        var r = new FieldSet();
        foreach (var m in Members)
            if (!keep.Members.Contains(m) && !(keep.Children.TryGetValue(m, out var beneath) && !beneath.IsEmpty)) r.Members.Add(m);
        foreach (var (k, v) in Children)
        {
            var d = keep.Children.TryGetValue(k, out var o) ? v.NotCoveredBy(o) : v.Clone();
            if (!d.IsEmpty) r.Children[k] = d;
        }
        return r;
    }

    public FieldSet Intersect(FieldSet other)
    {
        var r = new FieldSet();
        foreach (var m in Members) if (other.Members.Contains(m)) r.Members.Add(m);
        foreach (var (k, v) in Children)
        {
            if (!other.Children.TryGetValue(k, out var o)) continue;
            var i = v.Intersect(o);
            if (!i.IsEmpty) r.Children[k] = i;
        }
        return r;
    }

    /// <summary>Every member as a path of elements, in sorted order.</summary>
    public IEnumerable<List<string>> MemberPaths()
    {
        var paths = new List<List<string>>();
        CollectMemberPaths(new List<string>(), paths);
        return paths;
    }

    // One walk with a shared prefix: each path is copied once, not re-built at every level above it.
    void CollectMemberPaths(List<string> prefix, List<List<string>> into)
    {
        foreach (var e in Elements())
        {
            prefix.Add(e);
            if (Members.Contains(e)) into.Add(new List<string>(prefix));
            if (Children.TryGetValue(e, out var c)) c.CollectMemberPaths(prefix, into);
            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    /// <summary>Members and child keys, each once, in ordinal order.</summary>
    internal IEnumerable<string> Elements()
    {
        if (Children.Count == 0) return Members;
        if (Members.Count == 0) return Children.Keys;
        var all = new SortedSet<string>(Members, StringComparer.Ordinal);
        all.UnionWith(Children.Keys);
        return all;
    }

    public bool HasChildrenAt(List<string> path)
    {
        var cur = this;
        foreach (var e in path)
        {
            if (!cur.Children.TryGetValue(e, out cur)) return false;
        }
        return !cur.IsEmpty;
    }

    public static FieldSet FromPaths(IEnumerable<List<string>> paths)
    {
        var r = new FieldSet();
        foreach (var p in paths)
        {
            var cur = r;
            for (var i = 0; i < p.Count - 1; i++) cur = cur.Child(p[i]);
            cur.Members.Add(p[^1]);
        }
        return r;
    }

    /// <summary>FieldsV1 JSON: {"f:metadata":{"f:labels":{"f:app":{}}}} with "." for members that also have children.</summary>
    public JsonObject ToFieldsV1()
    {
        // Built in place, each level once: a child's object is its own FieldsV1 plus "." when it is also a member.
        var o = new JsonObject();
        foreach (var k in Elements())
        {
            JsonObject? inner = null;
            if (Children.TryGetValue(k, out var c))
            {
                inner = c.ToFieldsV1();
                if (inner.Count == 0) inner = null; // an empty child set (no members anywhere beneath)
                else if (Members.Contains(k)) inner.Insert(0, ".", new JsonObject());
            }
            if (inner != null) o[k] = inner;
            else if (Members.Contains(k)) o[k] = new JsonObject();
        }
        return o;
    }

    public static FieldSet FromFieldsV1(JsonObject? json)
    {
        var r = new FieldSet();
        if (json == null) return r;
        foreach (var (k, v) in json)
        {
            if (k == ".") continue;
            if (v is JsonObject child && child.Count > 0)
            {
                if (child.ContainsKey(".")) r.Members.Add(k);
                var parsed = FromFieldsV1(child);
                if (!parsed.IsEmpty) r.Children[k] = parsed;
            }
            else r.Members.Add(k);
        }
        return r;
    }

    /// <summary>fieldpath.Path's String(): .spec.replicas, .containers[name="x"].image, [="v"], [0].</summary>
    public static string PathString(IEnumerable<string> path)
    {
        var sb = new StringBuilder();
        foreach (var e in path)
        {
            if (e.StartsWith("f:")) sb.Append('.').Append(e[2..]);
            else if (e.StartsWith("k:"))
            {
                var key = JsonNode.Parse(e[2..]) as JsonObject ?? new JsonObject();
                sb.Append('[').Append(string.Join(",", key.Select(kv => kv.Key + "=" + kv.Value?.ToJsonString(JsonTools.Compact)))).Append(']');
            }
            else if (e.StartsWith("v:")) sb.Append("[=").Append(e[2..]).Append(']');
            else if (e.StartsWith("i:")) sb.Append('[').Append(e[2..]).Append(']');
        }
        return sb.ToString();
    }

    /// <summary>
    /// One step of <see cref="ValueAt"/>: the value element <paramref name="element"/> points to beneath
    /// <paramref name="node"/> (null when absent), where <paramref name="field"/> is the last field name above it (for
    /// list keys); <paramref name="nextField"/> is the field name for the step below.
    /// </summary>
    internal static JsonNode? Step(JsonNode? node, string? field, string element, out string? nextField)
    {
        nextField = field;
        if (node == null) return null;
        if (element.StartsWith("f:"))
        {
            nextField = element[2..];
            return node is JsonObject o && o.TryGetPropertyValue(nextField, out var v) ? v : null;
        }
        if (element.StartsWith("k:") || element.StartsWith("v:"))
            return node is JsonArray a ? FindItem(a, field ?? "", element) : null;
        return null;
    }

    /// <summary>Finds the value a path points to in an object (null when absent).</summary>
    public static JsonNode? ValueAt(JsonNode? root, IEnumerable<string> path)
    {
        var cur = root;
        string? field = null;
        foreach (var e in path)
        {
            if (e.StartsWith("f:"))
            {
                field = e[2..];
                if (cur is not JsonObject o || !o.TryGetPropertyValue(field, out cur)) return null;
            }
            else if (e.StartsWith("k:") || e.StartsWith("v:"))
            {
                if (cur is not JsonArray a) return null;
                cur = FindItem(a, field ?? "", e);
                if (cur == null) return null;
            }
            else return null;
        }
        return cur;
    }

    static JsonNode? FindItem(JsonArray a, string field, string element)
    {
        if (element.StartsWith("v:"))
            return a.FirstOrDefault(i => ValueElement(i) == element) is { } found ? found : null;
        var info = ListInfo.For(field, a, custom: false);
        var keys = info.Keys.Length > 0 ? info : new ListInfo(ListType.Map, (JsonNode.Parse(element[2..]) as JsonObject)?.Select(k => k.Key).ToArray() ?? [], null);
        return a.OfType<JsonObject>().FirstOrDefault(i => KeyElement(i, keys) == element);
    }

    /// <summary>Removes every member of this set from obj (list items and set values by key), in place.</summary>
    public void RemoveFrom(JsonObject obj) => RemoveFrom((JsonNode)obj, null);

    void RemoveFrom(JsonNode node, string? field)
    {
        if (node is JsonObject o)
        {
            foreach (var m in Members.Where(m => m.StartsWith("f:"))) o.Remove(m[2..]);
            foreach (var (k, c) in Children)
                if (k.StartsWith("f:") && o[k[2..]] is { } child) c.RemoveFrom(child, k[2..]);
        }
        else if (node is JsonArray a)
        {
            for (var i = a.Count - 1; i >= 0; i--)
            {
                var item = a[i];
                var element = item is JsonObject io && Members.Concat(Children.Keys).FirstOrDefault(e => e.StartsWith("k:")) is { } sample
                    ? KeyElementLike(io, field ?? "", a, sample) : ValueElement(item);
                if (Members.Contains(element)) a.RemoveAt(i);
                else if (Children.TryGetValue(element, out var c) && item != null) c.RemoveFrom(item, null);
            }
        }
    }

    static string KeyElementLike(JsonObject item, string field, JsonArray list, string sample)
    {
        var info = ListInfo.For(field, list, custom: false);
        if (info.Keys.Length == 0)
            info = new ListInfo(ListType.Map, (JsonNode.Parse(sample[2..]) as JsonObject)?.Select(k => k.Key).ToArray() ?? [], null);
        return KeyElement(item, info);
    }
}
