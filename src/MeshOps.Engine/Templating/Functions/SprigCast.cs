using System.Collections;
using System.Globalization;
using System.Numerics;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// The conversions Sprig relies on: spf13/cast (v1.7, ToInt64/ToInt/ToFloat64 swallow errors into 0), Sprig's strval
/// and strslice, its empty(), reflect.DeepEqual and copystructure's deep copy, all over the engine's value model.
/// </summary>
internal static class SprigCast
{
    /// <summary>cast.ToInt64: integers, floats truncated, bools 1/0, strings parsed as Go integer literals (base prefix, "1.0" allowed); else 0.</summary>
    public static long ToInt64(object? v)
    {
        switch (v)
        {
            case null: return 0;
            case bool b: return b ? 1 : 0;
            case double d: return TruncateToInt64(d);
            case float f: return TruncateToInt64(f);
            case string s: return TryParseGoInt(TrimZeroDecimal(s), out var r) ? r : 0;
            case GoTimeUnit u: return u.Value; // cast handles time.Month and time.Weekday as ints
        }
        if (v is ulong ul) return unchecked((long)ul);
        return GoValues.TryToInt64(v, out var l) ? l : 0;
    }

    /// <summary>cast.ToInt: as ToInt64; the result is a Go int (Int32 here, long when it does not fit).</summary>
    public static object ToInt(object? v)
    {
        var l = ToInt64(v);
        return l is >= int.MinValue and <= int.MaxValue ? (object)(int)l : (object)l;
    }

    /// <summary>cast.ToInt as a C# int for indices (values beyond Int32 saturate).</summary>
    public static int ToInt32(object? v)
    {
        var l = ToInt64(v);
        return l > int.MaxValue ? int.MaxValue : l < int.MinValue ? int.MinValue : (int)l;
    }

    /// <summary>cast.ToFloat64: numbers, bools 1/0, strings by strconv.ParseFloat; else 0.</summary>
    public static double ToFloat64(object? v)
    {
        switch (v)
        {
            case null: return 0;
            case bool b: return b ? 1 : 0;
            case string s: return GoStrconv.TryParseFloat(s, out var d) ? d : 0;
            case GoTimeUnit u: return u.Value;
        }
        return GoValues.TryToDouble(v, out var x) ? x : 0;
    }

    // Go's int64(f) for out-of-range floats is platform-defined; amd64 gives MinInt64, which we mirror.
    private static long TruncateToInt64(double d) =>
        double.IsNaN(d) || d >= 9.2233720368547758E18 || d < -9.2233720368547758E18 ? long.MinValue : (long)d;

    /// <summary>cast's trimZeroDecimal: "12.000" becomes "12"; anything else is unchanged.</summary>
    public static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    if (foundZero) return s[..(i - 1)];
                    break;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }
        return s;
    }

    /// <summary>strconv.ParseInt(s, 0, 64): optional sign, 0x/0o/0b/0 prefixes, underscores only between digits after a prefix.</summary>
    public static bool TryParseGoInt(string s, out long result)
    {
        result = 0;
        var body = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (body.Length == 0) return false;
        var radix = 10;
        var digits = body;
        if (body.Length > 1 && body[0] == '0')
        {
            switch (char.ToLowerInvariant(body[1]))
            {
                case 'x': radix = 16; digits = body[2..]; break;
                case 'o': radix = 8; digits = body[2..]; break;
                case 'b': radix = 2; digits = body[2..]; break;
                default: radix = 8; digits = body[1..]; break;
            }
        }
        if (body.Contains('_'))
        {
            // Go allows '_' only with a base prefix, and only between digits (or right after the prefix).
            if (body[0] != '0' || body.EndsWith('_') || body.Contains("__")) return false;
        }
        digits = digits.Replace("_", "");
        if (digits.Length == 0) return radix == 8 && body.Length == 1; // "0" alone
        BigInteger value = 0;
        foreach (var c in digits)
        {
            var d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 99;
            if (d >= radix) return false;
            value = value * radix + d;
        }
        if (s[0] == '-') value = -value;
        if (value > long.MaxValue || value < long.MinValue) return false;
        result = (long)value;
        return true;
    }

    /// <summary>Sprig's strval: strings as they are, Stringers by String(), everything else by fmt's %v.</summary>
    public static string Strval(object? v)
    {
        switch (v)
        {
            case string s: return s;
            case byte[] bytes: return GoBytes.Decode(bytes);
            case IGoObject g when g.TryGetMethod("String", out var m) && m != null:
                return m(NullCallContext.Instance, Array.Empty<object?>()) as string ?? "";
            default: return GoFormat.FormatValue(v);
        }
    }

    /// <summary>Sprig's strslice: a list becomes its non-nil elements as strings; nil an empty list; anything else a one-element list.</summary>
    public static List<string> StrSlice(object? v)
    {
        if (FuncArgs.TryList(v, out var list))
        {
            var result = new List<string>(list.Count);
            foreach (var item in list)
                if (item != null) result.Add(Strval(item));
            return result;
        }
        return v == null ? new List<string>() : new List<string> { Strval(v) };
    }

    /// <summary>Sprig's empty(): nil, false, 0, "" and empty collections; structs never.</summary>
    public static bool Empty(object? v) => v switch
    {
        null => true,
        string s => s.Length == 0,
        bool b => !b,
        double d => d == 0,
        float f => f == 0,
        IGoObject => false,
        ICollection c => c.Count == 0,
        _ => GoValues.TryToDouble(v, out var x) ? x == 0 : false,
    };

    /// <summary>reflect.DeepEqual: same Go type and equal content; maps by key set, slices element-wise.</summary>
    public static bool DeepEqual(object? a, object? b)
    {
        using var nesting = NestingGuard.Enter();
        if (a == null || b == null) return a == null && b == null;
        if (ReferenceEquals(a, b)) return true;
        if (a.GetType() != b.GetType()) return false;
        switch (a)
        {
            case string s: return s == (string)b;
            case double d: return d == (double)b; // NaN != NaN, as in Go
            case IDictionary da:
            {
                var db = (IDictionary)b;
                if (da.Count != db.Count) return false;
                foreach (DictionaryEntry e in da)
                {
                    if (!db.Contains(e.Key)) return false;
                    if (!DeepEqual(e.Value, db[e.Key])) return false;
                }
                return true;
            }
            case IList la:
            {
                var lb = (IList)b;
                if (la.Count != lb.Count) return false;
                for (var i = 0; i < la.Count; i++)
                    if (!DeepEqual(la[i], lb[i])) return false;
                return true;
            }
            default: return a.Equals(b);
        }
    }

    /// <summary>copystructure.Copy for our values: maps and lists copied recursively, scalars and Go objects shared.</summary>
    public static object? DeepCopy(object? v) => v switch
    {
        Dictionary<string, object?> d => CopyMap(d),
        List<object?> l => CopyList(l),
        string[] sa => (string[])sa.Clone(),
        _ => v,
    };

    // A map set into itself (set $m "self" $m) would be copied forever: the guard ends it at the depth limit.
    private static List<object?> CopyList(List<object?> l)
    {
        using var nesting = NestingGuard.Enter();
        var copy = new List<object?>(l.Count);
        foreach (var item in l) copy.Add(DeepCopy(item));
        return copy;
    }

    private static Dictionary<string, object?> CopyMap(Dictionary<string, object?> d)
    {
        using var nesting = NestingGuard.Enter();
        var copy = new Dictionary<string, object?>(d.Count, StringComparer.Ordinal);
        foreach (var (k, val) in d) copy[k] = DeepCopy(val);
        return copy;
    }
}

/// <summary>A call context for calling a Go object's methods where no template is running (String() of a value).</summary>
internal sealed class NullCallContext : TemplateCallContext
{
    public static readonly NullCallContext Instance = new();
    public override string TemplateName => "";
    public override string ExecuteTemplate(string name, object? data) => throw new TemplateFunctionException("no template is executing");
    public override string ExecuteInline(string text, object? data) => throw new TemplateFunctionException("no template is executing");
    public override CancellationToken Cancellation => CancellationToken.None;
}
