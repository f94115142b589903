namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's dictionary functions (dict.go). Maps are Dictionary&lt;string, object?&gt; with ordinal keys.</summary>
internal static class SprigDictFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["dict"] = (_, a) =>
        {
            var d = FuncArgs.NewMap();
            for (var i = 0; i < a.Length; i += 2)
            {
                var key = SprigCast.Strval(a[i]);
                d[key] = i + 1 < a.Length ? a[i + 1] : "";
            }
            return d;
        };
        t["get"] = (_, a) =>
        {
            FuncArgs.Count("get", a, 2);
            var d = NilableMap(a[0]);
            return d != null && d.TryGetValue(FuncArgs.Str(a[1]), out var v) ? v : "";
        };
        t["set"] = (_, a) =>
        {
            FuncArgs.Count("set", a, 3);
            var d = NilableMap(a[0]) ?? throw new TemplateFunctionException("assignment to entry in nil map");
            d[FuncArgs.Str(a[1])] = a[2];
            return d;
        };
        t["unset"] = (_, a) =>
        {
            FuncArgs.Count("unset", a, 2);
            var d = NilableMap(a[0]);
            var key = FuncArgs.Str(a[1]);
            d?.Remove(key);
            // Go returns the nil map, which prints and serializes as an empty map.
            return d ?? FuncArgs.NewMap();
        };
        t["hasKey"] = (_, a) =>
        {
            FuncArgs.Count("hasKey", a, 2);
            var d = NilableMap(a[0]);
            var key = FuncArgs.Str(a[1]);
            return d != null && d.ContainsKey(key);
        };
        t["pluck"] = (_, a) =>
        {
            FuncArgs.AtLeast("pluck", a, 1);
            var key = FuncArgs.Str(a[0]);
            var res = new List<object?>();
            foreach (var m in a.Skip(1))
            {
                var d = NilableMap(m);
                if (d != null && d.TryGetValue(key, out var v)) res.Add(v);
            }
            return res;
        };
        t["keys"] = (_, a) =>
        {
            // Go's map order is random; we give each map's keys sorted so output is reproducible.
            var res = new List<object?>();
            foreach (var m in a)
            {
                var d = NilableMap(m);
                if (d == null) continue;
                var ks = d.Keys.ToList();
                ks.Sort(GoValues.CompareUtf8);
                res.AddRange(ks);
            }
            return res;
        };
        t["values"] = (_, a) =>
        {
            FuncArgs.Count("values", a, 1);
            var d = NilableMap(a[0]);
            var res = new List<object?>();
            if (d == null) return res;
            var ks = d.Keys.ToList();
            ks.Sort(GoValues.CompareUtf8);
            foreach (var k in ks) res.Add(d[k]);
            return res;
        };
        t["pick"] = (_, a) =>
        {
            FuncArgs.AtLeast("pick", a, 1);
            var d = NilableMap(a[0]);
            var res = FuncArgs.NewMap();
            foreach (var k in a.Skip(1).Select(FuncArgs.Str))
                if (d != null && d.TryGetValue(k, out var v)) res[k] = v;
            return res;
        };
        t["omit"] = (_, a) =>
        {
            FuncArgs.AtLeast("omit", a, 1);
            var d = NilableMap(a[0]);
            var omit = new HashSet<string>(a.Skip(1).Select(FuncArgs.Str), StringComparer.Ordinal);
            var res = FuncArgs.NewMap();
            if (d != null)
                foreach (var (k, v) in d)
                    if (!omit.Contains(k)) res[k] = v;
            return res;
        };
        RegisterMerge(t, MergoCompatibility.Current);
        t["deepCopy"] = (_, a) =>
        {
            FuncArgs.Count("deepCopy", a, 1);
            return SprigCast.DeepCopy(a[0]);
        };
        t["mustDeepCopy"] = t["deepCopy"];
        t["dig"] = (_, a) =>
        {
            if (a.Length < 3) throw new TemplateFunctionException("dig needs at least three arguments");
            var dict = a[^1] as Dictionary<string, object?> ?? throw InterfaceConversion(a[^1], FuncArgs.MapTypeName);
            var def = a[^2];
            var keys = a.Take(a.Length - 2).Select(k => k as string ?? throw InterfaceConversion(k, "string")).ToArray();
            object? current = dict;
            for (var i = 0; i < keys.Length; i++)
            {
                var m = current as Dictionary<string, object?> ?? throw InterfaceConversion(current, FuncArgs.MapTypeName);
                if (!m.TryGetValue(keys[i], out var step)) return def;
                current = step;
            }
            return current;
        };
    }

    /// <summary>(Re)defines merge, mustMerge, mergeOverwrite and mustMergeOverwrite with the given mergo rules.</summary>
    internal static void RegisterMerge(IDictionary<string, TemplateFunc> t, MergoCompatibility compatibility)
    {
        TemplateFunc merge(string name, bool overwrite) => (_, a) =>
        {
            FuncArgs.AtLeast(name, a, 1);
            var dst = NilableMap(a[0]) ?? FuncArgs.NewMap();
            foreach (var src in a.Skip(1))
            {
                var s = NilableMap(src);
                if (s != null) Mergo.Merge(dst, s, overwrite, compatibility);
            }
            return dst;
        };
        t["merge"] = merge("merge", false);
        t["mustMerge"] = merge("mustMerge", false);
        t["mergeOverwrite"] = merge("mergeOverwrite", true);
        t["mustMergeOverwrite"] = merge("mustMergeOverwrite", true);
    }

    /// <summary>A map[string]interface{} parameter: null is a nil map (the executor already refused a nil interface{}).</summary>
    private static Dictionary<string, object?>? NilableMap(object? v) => FuncArgs.Map(v);

    private static TemplateFunctionException InterfaceConversion(object? v, string target) =>
        new($"interface conversion: interface {{}} is {(v == null ? "nil" : GoValues.TypeOf(v))}, not {target}");
}
