using System.Collections;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Go's text/template checks a function's argument count and converts each argument to the parameter's Go type
/// before the call (exec.go evalCall/validateType). Our functions take object?[], so each one checks here, with
/// Go's words for the failures.
/// </summary>
internal static class FuncArgs
{
    internal const string MapTypeName = "map[string]interface {}";

    /// <summary>Exactly <paramref name="want"/> arguments.</summary>
    public static void Count(string name, object?[] args, int want)
    {
        if (args.Length != want)
            throw new TemplateArgumentException($"wrong number of args for {name}: want {want} got {args.Length}");
    }

    /// <summary>A variadic function: at least <paramref name="want"/> arguments.</summary>
    public static void AtLeast(string name, object?[] args, int want)
    {
        if (args.Length < want)
            throw new TemplateArgumentException($"wrong number of args for {name}: want at least {want} got {args.Length}");
    }

    /// <summary>A Go <c>string</c> parameter.</summary>
    public static string Str(object? v) => v switch
    {
        string s => s,
        // A nil value (missing key under missingkey=zero, or null in values) reaches a typed parameter as a nil interface.
        null => throw WrongType("string", null),
        _ => throw WrongType("string", v),
    };

    /// <summary>
    /// A Go <c>string</c> parameter at written position <paramref name="index"/>: a wrong type is reported where Go
    /// reports it, at that argument and in Go's words for a literal.
    /// </summary>
    public static string StrAt(object? v, int index) =>
        v as string ?? throw new TemplateArgumentException(WrongType("string", v).Message, index, "string");

    /// <summary>A Go <c>int</c> parameter at written position <paramref name="index"/> (see <see cref="StrAt"/>).</summary>
    public static int IntAt(object? v, int index) => v is int or long
        ? Int(v)
        : throw new TemplateArgumentException(WrongType("int", v).Message, index, "int");

    /// <summary>A parameter of another Go type at written position <paramref name="index"/>: the wrong-type failure.</summary>
    public static TemplateArgumentException WrongTypeAt(string expected, object? got, int index) =>
        new(WrongType(expected, got).Message, index, expected);

    /// <summary>A Go <c>int</c> parameter (template literals are int; a literal beyond Int32 is long).</summary>
    public static int Int(object? v) => v switch
    {
        int i => i,
        long l when l >= int.MinValue && l <= int.MaxValue => (int)l,
        long => throw new TemplateFunctionException("integer overflow: value out of the supported int range"),
        _ => throw WrongType("int", v),
    };

    /// <summary>A Go <c>bool</c> parameter.</summary>
    public static bool Bool(object? v) => v is bool b ? b : throw WrongType("bool", v);

    /// <summary>
    /// A Go <c>map[string]interface{}</c> parameter; null is a nil map (read as empty; writing to it panics as in Go).
    /// Whether a nil argument may reach the parameter at all is text/template's rule, applied before the call by the
    /// executor from <see cref="GoSignatures"/>.
    /// </summary>
    public static Dictionary<string, object?>? Map(object? v) => v switch
    {
        null => null,
        Dictionary<string, object?> d => d,
        _ => throw WrongType(MapTypeName, v),
    };

    /// <summary>The Go error text for an argument of the wrong type.</summary>
    public static TemplateFunctionException WrongType(string expected, object? got) =>
        new($"wrong type for value; expected {expected}; got {(got == null ? "interface {}" : GoValues.TypeOf(got))}");

    /// <summary>Go's reflect.TypeOf(x).Kind() on a nil interface dereferences nil: Sprig's list functions panic so.</summary>
    public static TemplateFunctionException NilDereference() =>
        new("runtime error: invalid memory address or nil pointer dereference");

    /// <summary>A Go slice or array (our []interface{} is List&lt;object?&gt;; string[] stands for []string).</summary>
    public static bool TryList(object? v, out IList list)
    {
        if (v is IList l && v is not IDictionary) { list = l; return true; }
        list = Array.Empty<object?>();
        return false;
    }

    /// <summary>A new Go map[string]interface{}.</summary>
    public static Dictionary<string, object?> NewMap() => new(StringComparer.Ordinal);

    /// <summary>A new []interface{}; also how Sprig's []string results are represented.</summary>
    public static List<object?> StringList(IEnumerable<string> items) => new(items);
}
