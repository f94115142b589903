using System.Collections;

namespace MeshOps.Engine.Templating;

/// <summary>
/// Go's view of the engine's CLR values (see TemplateContracts.cs): truth, kinds and type names, numeric
/// conversion, indexing and the comparison rules of text/template's eq/lt family. Errors that Go's builtins
/// return are thrown as <see cref="TemplateFunctionException"/> with Go's message.
/// </summary>
public static class GoValues
{
    /// <summary>Go's truth (text/template isTrue): nil, false, 0, "", empty map/slice are false; structs are true.</summary>
    public static bool IsTrue(object? v)
    {
        switch (v)
        {
            case null: return false;
            case bool b: return b;
            case string s: return s.Length > 0;
            case int i: return i != 0;
            case long l: return l != 0;
            case double d: return d != 0;
            case IGoObject: return true;
            case ICollection c: return c.Count > 0;
            case float f: return f != 0;
            case decimal m: return m != 0;
            case ulong ul: return ul != 0;
            case uint ui: return ui != 0;
            case short sh: return sh != 0;
            case ushort us: return us != 0;
            case byte by: return by != 0;
            case sbyte sb: return sb != 0;
            case char ch: return ch != 0;
            default: return true; // functions, other references: non-nil pointer-like values are true
        }
    }

    /// <summary>reflect.Kind's name of a value: "string", "bool", "int", "int64", "float64", "map", "slice", "ptr", "struct"; "invalid" for nil.</summary>
    public static string KindOf(object? v)
    {
        switch (v)
        {
            case null: return "invalid";
            case string: return "string";
            case bool: return "bool";
            case int: return "int";
            case long: return "int64";
            case double: return "float64";
            case float: return "float32";
            case short: return "int16";
            case sbyte: return "int8";
            case char: return "int32";
            case byte: return "uint8";
            case ushort: return "uint16";
            case uint: return "uint32";
            case ulong: return "uint64";
            // Helm's named map and slice types (engine.files, VersionSet) keep their kind.
            case IGoObject g: return g is IDictionary ? "map" : g is IList ? "slice" : g.GoTypeName.StartsWith('*') ? "ptr" : "struct";
            case IDictionary: return "map";
            case IList: return "slice";
            case Delegate: return "func";
            default: return "struct";
        }
    }

    /// <summary>Go's %T of a value: "string", "int", "int64", "float64", "bool", "map[string]interface {}", "[]interface {}", "&lt;nil&gt;", or IGoObject.GoTypeName.</summary>
    public static string TypeOf(object? v) => v switch
    {
        null => "<nil>",
        IGoObject g => g.GoTypeName,
        _ => TypeNameOf(v.GetType()),
    };

    /// <summary>Go's name of a CLR type under the engine's value model.</summary>
    internal static string TypeNameOf(Type t)
    {
        if (t == typeof(string)) return "string";
        if (t == typeof(object)) return "interface {}";
        if (t == typeof(bool)) return "bool";
        if (t == typeof(int)) return "int";
        if (t == typeof(long)) return "int64";
        if (t == typeof(double)) return "float64";
        if (t == typeof(float)) return "float32";
        if (t == typeof(short)) return "int16";
        if (t == typeof(sbyte)) return "int8";
        if (t == typeof(char)) return "int32";
        if (t == typeof(byte)) return "uint8";
        if (t == typeof(ushort)) return "uint16";
        if (t == typeof(uint)) return "uint32";
        if (t == typeof(ulong)) return "uint64";
        if (t.IsArray) return "[]" + TypeNameOf(t.GetElementType()!);
        if (t.IsGenericType)
        {
            var args = t.GetGenericArguments();
            if (args.Length == 2 && typeof(IDictionary).IsAssignableFrom(t))
                return "map[" + TypeNameOf(args[0]) + "]" + TypeNameOf(args[1]);
            if (args.Length == 1 && typeof(IList).IsAssignableFrom(t))
                return "[]" + TypeNameOf(args[0]);
        }
        if (typeof(TemplateFunc).IsAssignableFrom(t)) return "func(...interface {}) interface {}";
        if (typeof(IDictionary).IsAssignableFrom(t)) return "map[string]interface {}";
        if (typeof(IList).IsAssignableFrom(t)) return "[]interface {}";
        return t.Name;
    }

    /// <summary>The value of a Go integer (int, int64 and the other sized integers); false for every other value (floats included).</summary>
    public static bool TryToInt64(object? v, out long result)
    {
        switch (v)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case short s: result = s; return true;
            case sbyte sb: result = sb; return true;
            case char c: result = c; return true;
            case byte b: result = b; return true;
            case ushort us: result = us; return true;
            case uint ui: result = ui; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            default: result = 0; return false;
        }
    }

    /// <summary>The value of any Go number (integers and floats) as float64; false for non-numbers.</summary>
    public static bool TryToDouble(object? v, out double result)
    {
        switch (v)
        {
            case double d: result = d; return true;
            case float f: result = f; return true;
            case ulong ul: result = ul; return true;
            default:
                if (TryToInt64(v, out var l)) { result = l; return true; }
                result = 0;
                return false;
        }
    }

    /// <summary>Go's <c>len</c> builtin: length of a string (in bytes, as Go counts), map or slice.</summary>
    public static int Len(object? item) => item switch
    {
        null => throw new TemplateFunctionException("len of nil pointer"),
        string s => Utf8Length(s),
        ICollection c => c.Count,
        _ => throw new TemplateFunctionException("len of type " + TypeOf(item)),
    };

    /// <summary>Length of a string in UTF-8 bytes, as Go's len gives it.</summary>
    internal static int Utf8Length(string s)
    {
        return GoBytes.ByteCount(s);
    }

    /// <summary>
    /// Go's <c>index</c> builtin: <c>index x 1 2</c> is x[1][2]. Missing map keys give the element's zero value (nil);
    /// indexing a string gives a byte (uint8). Errors use Go's words.
    /// </summary>
    public static object? Index(object? item, params object?[] indexes)
    {
        if (item == null) throw new TemplateFunctionException("index of untyped nil");
        foreach (var index in indexes)
        {
            switch (item)
            {
                case null:
                    throw new TemplateFunctionException("index of nil pointer");
                case string s:
                {
                    var bytes = GoBytes.Encode(s);
                    var x = IndexArg(index, bytes.Length);
                    if (x == bytes.Length) throw new TemplateFunctionException("reflect: string index out of range");
                    item = bytes[x];
                    break;
                }
                case IList list:
                {
                    var x = IndexArg(index, list.Count);
                    if (x == list.Count) throw new TemplateFunctionException("reflect: slice index out of range");
                    item = list[x];
                    break;
                }
                case IDictionary map:
                    item = MapIndex(map, index);
                    break;
                default:
                    throw new TemplateFunctionException("can't index item of type " + TypeOf(item));
            }
        }
        return item;
    }

    private static object? MapIndex(IDictionary map, object? index)
    {
        var (keyType, valueType) = MapTypes(map);
        if (index == null)
        {
            if (keyType.IsValueType || keyType == typeof(string))
                throw new TemplateFunctionException("value is nil; should be of type " + TypeNameOf(keyType));
        }
        else if (!keyType.IsInstanceOfType(index))
        {
            throw new TemplateFunctionException("value has type " + TypeOf(index) + "; should be " + TypeNameOf(keyType));
        }
        if (index != null && map.Contains(index)) return map[index];
        return ZeroOf(valueType);
    }

    internal static (Type Key, Type Value) MapTypes(IDictionary map)
    {
        if (map is Dictionary<string, object?>) return (typeof(string), typeof(object));
        var t = map.GetType();
        if (t.IsGenericType)
        {
            var a = t.GetGenericArguments();
            if (a.Length == 2) return (a[0], a[1]);
        }
        return (typeof(string), typeof(object));
    }

    /// <summary>Go's zero value of a CLR type under the value model: nil for interfaces, maps, slices; "" for string.</summary>
    internal static object? ZeroOf(Type t)
    {
        if (t == typeof(object)) return null;
        if (t == typeof(string)) return "";
        return t.IsValueType ? Activator.CreateInstance(t) : null;
    }

    /// <summary>Go's indexArg: an integer index within 0..cap (cap itself is allowed; callers decide).</summary>
    internal static int IndexArg(object? index, int cap)
    {
        long x;
        if (index == null) throw new TemplateFunctionException("cannot index slice/array with nil");
        if (index is ulong ul) x = ul > long.MaxValue ? -1 : (long)ul;
        else if (!TryToInt64(index, out x))
            throw new TemplateFunctionException("cannot index slice/array with type " + TypeOf(index));
        if (x < 0 || x > cap) throw new TemplateFunctionException("index out of range: " + x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (int)x;
    }

    // ---- comparisons (text/template funcs.go: basicKind, eq, lt) ----

    private enum BasicKind { Invalid, Bool, Int, Float, String, Uint }

    private static BasicKind KindForCompare(object? v) => v switch
    {
        bool => BasicKind.Bool,
        int or long or short or sbyte or char => BasicKind.Int,
        double or float => BasicKind.Float,
        string => BasicKind.String,
        byte or ushort or uint or ulong => BasicKind.Uint,
        _ => BasicKind.Invalid,
    };

    private static ulong ToUInt64(object v) => v switch
    {
        byte b => b,
        ushort us => us,
        uint ui => ui,
        ulong ul => ul,
        _ => 0,
    };

    /// <summary>Go's <c>eq</c>: true when a equals any of others. Ints compare across sizes; int vs float is an error.</summary>
    public static bool Eq(object? a, params object?[] others)
    {
        if (others.Length == 0) throw new TemplateFunctionException("missing argument for comparison");
        var k1 = KindForCompare(a);
        foreach (var b in others)
        {
            var k2 = KindForCompare(b);
            bool truth = false;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    TryToInt64(a, out var i1);
                    truth = i1 >= 0 && (ulong)i1 == ToUInt64(b!);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    TryToInt64(b, out var i2);
                    truth = i2 >= 0 && ToUInt64(a!) == (ulong)i2;
                }
                else if (a != null && b != null)
                {
                    throw new TemplateFunctionException("incompatible types for comparison: " + TypeOf(a) + " and " + TypeOf(b));
                }
            }
            else
            {
                switch (k1)
                {
                    case BasicKind.Bool: truth = (bool)a! == (bool)b!; break;
                    case BasicKind.Float:
                        TryToDouble(a, out var d1); TryToDouble(b, out var d2);
                        truth = d1 == d2;
                        break;
                    case BasicKind.Int:
                        TryToInt64(a, out var l1); TryToInt64(b, out var l2);
                        truth = l1 == l2;
                        break;
                    case BasicKind.String: truth = string.Equals((string)a!, (string)b!, StringComparison.Ordinal); break;
                    case BasicKind.Uint: truth = ToUInt64(a!) == ToUInt64(b!); break;
                    default: truth = EqualNonBasic(a, b); break;
                }
            }
            if (truth) return true;
        }
        return false;
    }

    private static bool EqualNonBasic(object? a, object? b)
    {
        if (a != null && b != null && KindOf(a) != KindOf(b))
            throw new TemplateFunctionException(GoFormat.Sprintf("non-comparable types %s: %v, %s: %v", a, TypeOf(a), TypeOf(b), b));
        if (a == null || b == null) return a == null && b == null;
        if (a is IDictionary || a is IList || a is Delegate || b is IDictionary || b is IList || b is Delegate)
            throw new TemplateFunctionException(GoFormat.Sprintf("non-comparable type %s: %v", b, TypeOf(b)));
        return ReferenceEquals(a, b) || a.Equals(b);
    }

    /// <summary>Go's <c>ne</c>.</summary>
    public static bool Ne(object? a, object? b) => !Eq(a, b);

    /// <summary>Go's <c>lt</c>: numbers of one basic kind, or strings; bools and nil are "invalid type for comparison".</summary>
    public static bool Lt(object? a, object? b)
    {
        var k1 = KindForCompare(a);
        if (k1 == BasicKind.Invalid) throw new TemplateFunctionException("invalid type for comparison");
        var k2 = KindForCompare(b);
        if (k2 == BasicKind.Invalid) throw new TemplateFunctionException("invalid type for comparison");
        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                TryToInt64(a, out var i1);
                return i1 < 0 || (ulong)i1 < ToUInt64(b!);
            }
            if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                TryToInt64(b, out var i2);
                return i2 >= 0 && ToUInt64(a!) < (ulong)i2;
            }
            throw new TemplateFunctionException("incompatible types for comparison: " + TypeOf(a) + " and " + TypeOf(b));
        }
        switch (k1)
        {
            case BasicKind.Bool: throw new TemplateFunctionException("invalid type for comparison");
            case BasicKind.Float:
                TryToDouble(a, out var d1); TryToDouble(b, out var d2);
                return d1 < d2;
            case BasicKind.Int:
                TryToInt64(a, out var l1); TryToInt64(b, out var l2);
                return l1 < l2;
            case BasicKind.Uint: return ToUInt64(a!) < ToUInt64(b!);
            default: return CompareUtf8((string)a!, (string)b!) < 0;
        }
    }

    /// <summary>Go compares strings bytewise (UTF-8); ordinal UTF-16 differs only for surrogate pairs vs U+E000..U+FFFF.</summary>
    internal static int CompareUtf8(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            // Surrogates (U+D800..DFFF) encode code points above U+FFFF, which sort after U+E000..U+FFFF in UTF-8.
            bool xs = char.IsSurrogate(x), ys = char.IsSurrogate(y);
            if (xs != ys && (x >= 0xE000 || y >= 0xE000)) return xs ? 1 : -1;
            return x < y ? -1 : 1;
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Go's <c>le</c>: lt or eq.</summary>
    public static bool Le(object? a, object? b) => Lt(a, b) || Eq(a, b);

    /// <summary>Go's <c>gt</c>: not le.</summary>
    public static bool Gt(object? a, object? b) => !Le(a, b);

    /// <summary>Go's <c>ge</c>: not lt.</summary>
    public static bool Ge(object? a, object? b) => !Lt(a, b);
}
