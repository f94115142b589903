using System.Globalization;
using System.Text.RegularExpressions;
using MeshOps.Engine.Yaml;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Operator;

/// <summary>
/// Reading and writing untyped value trees (Dictionary/List of the engine's value model) the way istioctl's
/// tpath package does: create-missing navigation, [key:value] selectors, append-on-list writes.
/// </summary>
internal static class TreeOps
{
    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    /// <summary>A deep copy; scalars are shared (immutable).</summary>
    public static object? Clone(object? value) => value switch
    {
        Dictionary<string, object?> map => CloneMap(map),
        List<object?> list => CloneList(list),
        _ => value,
    };

    private static List<object?> CloneList(List<object?> list)
    {
        using var nesting = NestingGuard.Enter();
        var copy = new List<object?>(list.Count);
        foreach (var item in list) copy.Add(Clone(item));
        return copy;
    }

    public static Dictionary<string, object?> CloneMap(Dictionary<string, object?> map)
    {
        using var nesting = NestingGuard.Enter();
        var copy = NewMap();
        foreach (var (k, v) in map) copy[k] = Clone(v);
        return copy;
    }

    /// <summary>tpath.Find: follows map keys and numeric list indexes; nil values count as not found.</summary>
    public static bool TryFind(object? tree, IReadOnlyList<string> path, out object? found)
    {
        found = null;
        if (path.Count == 0 || tree == null) return false;
        object? current = tree;
        for (var i = 0; i < path.Count; i++)
        {
            switch (current)
            {
                case Dictionary<string, object?> map:
                    if (!map.TryGetValue(path[i], out var next) || next == null) return false;
                    current = next;
                    break;
                case List<object?> list:
                    // Go's find returns "not found" for an index that is the last path element.
                    if (i == path.Count - 1) return false;
                    if (!int.TryParse(path[i], NumberStyles.None, CultureInfo.InvariantCulture, out var idx) || idx >= list.Count) return false;
                    current = list[idx];
                    break;
                default:
                    return false;
            }
        }
        found = current;
        return true;
    }

    public static bool TryFind(object? tree, string dottedPath, out object? found) => TryFind(tree, TreePath.Parse(dottedPath), out found);

    /// <summary>Map at a path, or null.</summary>
    public static Dictionary<string, object?>? FindMap(object? tree, string dottedPath) =>
        TryFind(tree, dottedPath, out var v) ? v as Dictionary<string, object?> : null;

    /// <summary>tpath.WriteNode: navigates creating missing maps, then writes (appending when the target is a list).</summary>
    public static void WriteNode(Dictionary<string, object?> tree, IReadOnlyList<string> path, object? value)
    {
        var ctx = GetPathContext(tree, path, createMissing: true);
        WritePathContext(ctx, value, merge: false);
    }

    /// <summary>tpath.MergeNode: like WriteNode, but an existing map or list element is merged (JSON merge patch).</summary>
    public static void MergeNode(Dictionary<string, object?> tree, IReadOnlyList<string> path, object? value)
    {
        var ctx = GetPathContext(tree, path, createMissing: true);
        WritePathContext(ctx, value, merge: true);
    }

    /// <summary>Removes the node at a plain map path; true when something was removed.</summary>
    public static bool Delete(Dictionary<string, object?> tree, IReadOnlyList<string> path)
    {
        object? current = tree;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (current is not Dictionary<string, object?> m || !m.TryGetValue(path[i], out current)) return false;
        }
        return current is Dictionary<string, object?> parent && parent.Remove(path[^1]);
    }

    /// <summary>One step of a navigation: the node reached, and how its parent holds it.</summary>
    internal sealed class PathContext
    {
        public PathContext? Parent;
        public object? Node;
        public object? KeyToChild;
    }

    /// <summary>tpath.GetPathContext. Throws <see cref="TreePathException"/> when the path cannot be followed.</summary>
    /// <param name="selectorsMustMatch">
    /// For -Set: a [key:value] selector where there is no list at all fails with <see cref="SelectorNoMatchException"/>,
    /// as one that matches no entry of a list does. istioctl creates a map there and fails later, saying only that
    /// the field is a map where a list is expected.
    /// </param>
    public static PathContext GetPathContext(object root, IReadOnlyList<string> path, bool createMissing, bool selectorsMustMatch = false)
    {
        var ctx = new PathContext { Node = root };
        return Walk(ctx, path, 0, createMissing, selectorsMustMatch);
    }

    private static PathContext Walk(PathContext nc, IReadOnlyList<string> full, int at, bool createMissing, bool selectorsMustMatch)
    {
        if (at == full.Count) return nc;
        var pe = full[at];
        if (nc.Node == null)
        {
            if (!createMissing) throw new TreePathException($"node {pe} is zero");
            nc.Node = TreePath.TryIndex(pe, out _) || TreePath.IsKeyValue(pe) ? new List<object?>() : NewMap();
            SetInParent(nc);
        }

        if (nc.Node is List<object?> list)
        {
            if (TreePath.TryIndex(pe, out var idx))
            {
                object? found;
                if (idx >= list.Count || idx < 0)
                {
                    if (!createMissing) throw new TreePathException($"index {idx} exceeds list length {list.Count} at path {TreePath.Join(full.Skip(at))}");
                    idx = list.Count;
                    found = NewMap();
                }
                else
                {
                    found = list[idx];
                }
                nc.KeyToChild = idx;
                return Walk(new PathContext { Parent = nc, Node = found }, full, at + 1, createMissing, selectorsMustMatch);
            }
            for (var i = 0; i < list.Count; i++)
            {
                var le = list[i];
                if (le is Dictionary<string, object?> lm)
                {
                    if (!TreePath.TryKeyValue(pe, out var k, out var v))
                        throw new TreePathException($"path {TreePath.Join(full)}: {pe} is not a valid key:value path element");
                    lm.TryGetValue(k, out var actual);
                    if (GoText.Sprint(actual) != v) continue;
                    nc.KeyToChild = i;
                    var nn = new PathContext { Parent = nc, Node = lm, KeyToChild = k };
                    if (at == full.Count - 1) return nn;
                    return Walk(nn, full, at + 1, createMissing, selectorsMustMatch);
                }
                if (!TreePath.TryValueSelector(pe, out var pattern))
                    throw new TreePathException($"path {TreePath.Join(full)}: {pe} is not a valid value path element");
                if (RegexMatches(pattern, GoText.Sprint(le)))
                {
                    nc.KeyToChild = i;
                    return Walk(new PathContext { Parent = nc, Node = le }, full, at + 1, createMissing, selectorsMustMatch);
                }
            }
            if (TreePath.IsKeyValue(pe))
                throw new SelectorNoMatchException(
                    $"the selector {pe} matched none of the {list.Count} entries of {TreePath.Join(full.Take(at))}" + Names(list, pe) + "; check the value it selects by");
            throw new TreePathException($"path {TreePath.Join(full)}: element {pe} not found");
        }

        if (nc.Node is Dictionary<string, object?> map)
        {
            // istioctl would make "[abc]" a map key here and fail much later ("... is a map; it must be a list").
            if (selectorsMustMatch && pe.StartsWith('[') && !map.ContainsKey(pe))
                throw new TreePathException(TreePath.TryIndex(pe, out _) || TreePath.IsKeyValue(pe)
                    ? $"{pe} selects a list item, but {TreePath.Join(full.Take(at))} is a map"
                    : $"{pe} is neither a list index nor a [key:value] selector, and {TreePath.Join(full.Take(at))} holds no list of strings " +
                      "it could match (in the IstioOperator files or earlier -Set values)");
            if (!map.TryGetValue(pe, out var child))
            {
                if (selectorsMustMatch && at < full.Count - 1 && TreePath.IsKeyValue(full[at + 1]))
                    throw new SelectorNoMatchException(
                        $"the selector {full[at + 1]} matched no entry: there is no list at {TreePath.Join(full.Take(at + 1))} to select from " +
                        "(as in istioctl, selectors see the IstioOperator files and earlier -Set values, not the profile); list the entries in an IstioOperator file");
                if (!createMissing && at != full.Count - 1)
                    throw new TreePathException($"path not found at element {pe} in path {TreePath.Join(full)}");
                var nextIsIndex = at < full.Count - 1 && TreePath.TryIndex(full[at + 1], out _);
                child = nextIsIndex ? new List<object?>() : NewMap();
                map[pe] = child;
            }
            nc.KeyToChild = pe;
            return Walk(new PathContext { Parent = nc, Node = child }, full, at + 1, createMissing, selectorsMustMatch);
        }

        throw new TreePathException($"leaf type {GoText.TypeName(nc.Node)} in non-leaf Node {TreePath.Join(full.Skip(at))}");
    }

    // The names of the entries a [key:value] selector could have matched, for the message.
    private static string Names(List<object?> list, string selector)
    {
        if (!TreePath.TryKeyValue(selector, out var key, out _)) return "";
        var names = list.OfType<Dictionary<string, object?>>().Select(m => m.TryGetValue(key, out var v) ? GoText.Sprint(v) : null)
            .Where(n => !string.IsNullOrEmpty(n)).Take(10).ToList();
        return names.Count == 0 ? "" : $" (their {key}s: {string.Join(", ", names)})";
    }

    // A node created in place of nil must be stored back into its parent (Go does it through the *any it walks).
    private static void SetInParent(PathContext nc)
    {
        if (nc.Parent == null) return;
        switch (nc.Parent.Node)
        {
            case Dictionary<string, object?> m when nc.Parent.KeyToChild is string key: m[key] = nc.Node; break;
            case List<object?> l when nc.Parent.KeyToChild is int i && i < l.Count: l[i] = nc.Node; break;
        }
    }

    /// <summary>tpath.WritePathContext: sets the value at the navigated position.</summary>
    /// <param name="appendToLists">
    /// True for map[string]interface{} trees (--set, translation), where istioctl appends onto an existing list;
    /// false for the go-yaml map[interface{}]interface{} trees of k8s overlays, where it replaces it.
    /// </param>
    public static void WritePathContext(PathContext nc, object? value, bool merge, bool appendToLists = true)
    {
        if (nc.Parent == null) return;
        var (vv, mapFromString) = TryUnmarshalStringToYaml(value);
        switch (nc.Parent.Node)
        {
            case List<object?> parentList:
            {
                var idx = nc.Parent.KeyToChild is int i ? i : -1;
                if (idx == -1) idx = parentList.Count;
                while (idx >= parentList.Count) parentList.Add(null);
                var mergedValue = MergeConditional(vv, nc.Node, merge);
                parentList[idx] = mergedValue;
                nc.Node = mergedValue;
                break;
            }
            case Dictionary<string, object?> parentMap:
            {
                var key = (string)nc.Parent.KeyToChild!;
                if (appendToLists && nc.Node is List<object?> existing && !mapFromString)
                {
                    // istioctl appends whatever is written onto an existing list (a map, a scalar or a whole list).
                    existing.Add(vv);
                    break;
                }
                if (mapFromString && !appendToLists)
                {
                    // go-yaml's map[interface{}]interface{} trees (k8s overlays) just take the parsed map as the value.
                    parentMap[key] = vv;
                    nc.Node = vv;
                    break;
                }
                if (mapFromString)
                {
                    parentMap.Remove(key);
                    var vm = (Dictionary<string, object?>)vv!;
                    var newKey = vm.Keys.First();
                    parentMap[newKey] = vm[newKey];
                    return;
                }
                parentMap[key] = vv;
                nc.Node = vv;
                break;
            }
            default:
                throw new TreePathException($"don't know about type {GoText.TypeName(nc.Parent.Node)}");
        }
        StoreUpwards(nc.Parent);
    }

    // setPathContext re-stores every ancestor in its parent, which is how a node created past the end of a list
    // (an index beyond its length) gets appended.
    private static void StoreUpwards(PathContext? nc)
    {
        for (; nc?.Parent != null; nc = nc.Parent)
        {
            switch (nc.Parent.Node)
            {
                case List<object?> list when nc.Parent.KeyToChild is int idx:
                    if (idx < 0) idx = list.Count;
                    while (idx >= list.Count) list.Add(null);
                    list[idx] = nc.Node;
                    break;
                case Dictionary<string, object?> map when nc.Parent.KeyToChild is string key:
                    map[key] = nc.Node;
                    break;
            }
        }
    }

    private static object? MergeConditional(object? newVal, object? original, bool merge)
    {
        if (!merge || GoText.IsNilOrDefault(original)) return newVal;
        if (GoText.IsNilOrDefault(newVal)) return original;
        return JsonMergePatch.Apply(Clone(original), newVal);
    }

    // tryToUnmarshalStringToYAML: a string that looks like "k: v" and is not a JSON object is parsed as a YAML map.
    private static (object? Value, bool MapFromString) TryUnmarshalStringToYaml(object? value)
    {
        if (value is not string s) return (value, false);
        var lines = s.Split('\n');
        if (!((lines.Length == 1 && s.Contains(": ", StringComparison.Ordinal)) || (lines.Length > 1 && s.Contains(':')))) return (value, false);
        try
        {
            if (GoJson.Parse(s) is Dictionary<string, object?>) return (value, false);
        }
        catch (Exception) { /* not JSON: try YAML */ }
        try
        {
            if (GoYaml.Parse(s) is Dictionary<string, object?> m && m.Count > 0) return (m, true);
        }
        catch (Exception) { /* not YAML either: keep the string */ }
        return (value, false);
    }

    private static bool RegexMatches(string pattern, string input)
    {
        try
        {
            return Regex.IsMatch(input, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return false; // istioctl logs "bad regex expression" and treats it as no match
        }
    }
}

/// <summary>A path that cannot be followed in a tree; callers wrap it into a MeshException with context.</summary>
internal class TreePathException : Exception
{
    public TreePathException(string message) : base(message) { }
}

/// <summary>A [key:value] selector that matched no list entry (or found no list to select from).</summary>
internal sealed class SelectorNoMatchException : TreePathException
{
    public SelectorNoMatchException(string message) : base(message) { }
}
