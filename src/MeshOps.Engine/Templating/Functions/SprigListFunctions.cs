using System.Collections;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Sprig's list functions (list.go). The plain names panic where the must* names return an error; inside a
/// template both end execution with the same message, so one implementation serves both.
/// </summary>
internal static class SprigListFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["list"] = (_, a) => new List<object?>(a);
        t["tuple"] = t["list"];
        Both(t, "push", (_, a) =>
        {
            FuncArgs.Count("push", a, 2);
            var l = Items(a[0], "Cannot push on type {0}");
            l.Add(a[1]);
            return l;
        });
        Both(t, "append", t["push"]);
        Both(t, "prepend", (_, a) =>
        {
            FuncArgs.Count("prepend", a, 2);
            var l = Items(a[0], "Cannot prepend on type {0}");
            l.Insert(0, a[1]);
            return l;
        });
        Both(t, "chunk", (_, a) =>
        {
            FuncArgs.Count("chunk", a, 2);
            var size = FuncArgs.Int(a[0]);
            var l = Items(a[1], "Cannot chunk type {0}");
            return Chunk(size, l);
        });
        Both(t, "last", (_, a) =>
        {
            FuncArgs.Count("last", a, 1);
            var l = Items(a[0], "Cannot find last on type {0}");
            return l.Count == 0 ? null : l[^1];
        });
        Both(t, "first", (_, a) =>
        {
            FuncArgs.Count("first", a, 1);
            var l = Items(a[0], "Cannot find first on type {0}");
            return l.Count == 0 ? null : l[0];
        });
        Both(t, "rest", (_, a) =>
        {
            FuncArgs.Count("rest", a, 1);
            var l = Items(a[0], "Cannot find rest on type {0}");
            return l.Count == 0 ? new List<object?>() : l.GetRange(1, l.Count - 1); // Go: a nil []interface{}, printed []
        });
        Both(t, "initial", (_, a) =>
        {
            FuncArgs.Count("initial", a, 1);
            var l = Items(a[0], "Cannot find initial on type {0}");
            return l.Count == 0 ? new List<object?>() : l.GetRange(0, l.Count - 1);
        });
        Both(t, "reverse", (_, a) =>
        {
            FuncArgs.Count("reverse", a, 1);
            var l = Items(a[0], "Cannot find reverse on type {0}");
            l.Reverse();
            return l;
        });
        Both(t, "compact", (_, a) =>
        {
            FuncArgs.Count("compact", a, 1);
            return Items(a[0], "Cannot compact on type {0}").Where(v => !SprigCast.Empty(v)).ToList();
        });
        Both(t, "uniq", (_, a) =>
        {
            FuncArgs.Count("uniq", a, 1);
            var dest = new List<object?>();
            foreach (var item in Items(a[0], "Cannot find uniq on type {0}"))
                if (!dest.Any(d => SprigCast.DeepEqual(item, d))) dest.Add(item);
            return dest;
        });
        Both(t, "without", (_, a) =>
        {
            FuncArgs.AtLeast("without", a, 1);
            var omit = a.Skip(1).ToList();
            return Items(a[0], "Cannot find without on type {0}").Where(v => !omit.Any(o => SprigCast.DeepEqual(v, o))).ToList();
        });
        Both(t, "has", (_, a) =>
        {
            FuncArgs.Count("has", a, 2);
            if (a[1] == null) return false;
            return Items(a[1], "Cannot find has on type {0}").Any(v => SprigCast.DeepEqual(a[0], v));
        });
        Both(t, "slice", (_, a) =>
        {
            FuncArgs.AtLeast("slice", a, 1);
            var l = Items(a[0], "list should be type of slice or array but {0}");
            if (l.Count == 0) return null;
            var start = a.Length > 1 ? SprigCast.ToInt32(a[1]) : 0;
            var end = a.Length > 2 ? SprigCast.ToInt32(a[2]) : l.Count;
            if (start < 0 || end > l.Count || start > end)
                throw new TemplateFunctionException($"reflect.Value.Slice: slice index out of bounds");
            return l.GetRange(start, end - start);
        });
        t["concat"] = (_, a) =>
        {
            var result = new List<object?>(); // Go's nil []interface{}: still a slice, printed []
            foreach (var v in a)
            {
                if (v == null) throw FuncArgs.NilDereference();
                if (!FuncArgs.TryList(v, out var l)) throw new TemplateFunctionException($"Cannot concat type {GoValues.KindOf(v)} as list");
                TemplateLimits.CheckCount((long)result.Count + l.Count, "concat");
                foreach (var item in l) result.Add(item);
            }
            return result;
        };
        t["until"] = (_, a) =>
        {
            FuncArgs.Count("until", a, 1);
            var count = FuncArgs.Int(a[0]);
            return UntilStep(0, count, count < 0 ? -1 : 1);
        };
        t["untilStep"] = (_, a) =>
        {
            FuncArgs.Count("untilStep", a, 3);
            return UntilStep(FuncArgs.Int(a[0]), FuncArgs.Int(a[1]), FuncArgs.Int(a[2]));
        };
        t["seq"] = (_, a) => Seq(a.Select(FuncArgs.Int).ToArray());
    }

    private static void Both(IDictionary<string, TemplateFunc> t, string name, TemplateFunc f)
    {
        t[name] = f;
        t["must" + char.ToUpperInvariant(name[0]) + name[1..]] = f;
    }

    /// <summary>A copy of a slice argument's elements; Go's "Cannot ... on type KIND" otherwise.</summary>
    private static List<object?> Items(object? v, string errorFormat)
    {
        if (v == null) throw FuncArgs.NilDereference();
        if (!FuncArgs.TryList(v, out var l)) throw new TemplateFunctionException(string.Format(errorFormat, GoValues.KindOf(v)));
        var copy = new List<object?>(l.Count);
        foreach (var item in l) copy.Add(item);
        return copy;
    }

    private static List<object?> Chunk(int size, List<object?> l)
    {
        // Sprig computes the chunk count in float64; a size below 1 ends in a negative make() length.
        if (size <= 0) throw new TemplateFunctionException("runtime error: makeslice: len out of range");
        var result = new List<object?>();
        for (var i = 0; i < l.Count; i += size)
            result.Add(l.GetRange(i, Math.Min(size, l.Count - i)));
        return result;
    }

    internal static List<object?> UntilStep(int start, int stop, int step)
    {
        if (step != 0 && (stop - (long)start) / step > 0) TemplateLimits.CheckCount((stop - (long)start) / step, "until");
        var v = new List<object?>();
        if (stop < start)
        {
            if (step >= 0) return v;
            for (long i = start; i > stop; i += step) v.Add((int)i);
            return v;
        }
        if (step <= 0) return v;
        for (long i = start; i < stop; i += step) v.Add((int)i);
        return v;
    }

    private static string Seq(int[] p)
    {
        List<object?> values;
        switch (p.Length)
        {
            case 1:
            {
                var inc = p[0] < 1 ? -1 : 1;
                values = UntilStep(1, p[0] + inc, inc);
                break;
            }
            case 2:
            {
                var step = p[1] < p[0] ? -1 : 1;
                values = UntilStep(p[0], p[1] + step, step);
                break;
            }
            case 3:
            {
                var inc = 1;
                if (p[2] < p[0])
                {
                    inc = -1;
                    if (p[1] > 0) return "";
                }
                values = UntilStep(p[0], p[2] + inc, p[1]);
                break;
            }
            default:
                return "";
        }
        return string.Join(" ", values.Select(v => ((int)v!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
