namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// The Go parameter types of the Sprig and Helm functions whose parameters are not <c>interface{}</c>. text/template
/// converts every argument to its parameter's type before the call (exec.go evalArg/validateType), and that
/// conversion decides what nil means: a nil that is "no value" (a parenthesized pipeline, a variable, the piped value,
/// the literal nil) becomes the zero value of a map, slice, pointer or func parameter (a nil map, which functions read
/// as empty), while a nil of static type interface{} (a map field such as <c>.Values.missing</c>, a range element) is
/// the wrong type. The executor applies that rule once, here, for every function listed; the functions themselves
/// then only ever see a value of the declared type, or null for a nil map or slice.
/// </summary>
internal static class GoSignatures
{
    /// <summary>One Go parameter type.</summary>
    internal sealed class GoType
    {
        private GoType(string name, Func<object?, bool>? accepts, bool nilable)
        {
            Name = name;
            _accepts = accepts;
            Nilable = nilable;
        }

        private readonly Func<object?, bool>? _accepts;

        /// <summary>Go's spelling, as reflect prints it in errors.</summary>
        public string Name { get; }

        /// <summary>Map, slice, pointer, func, chan or interface: the zero value is nil.</summary>
        public bool Nilable { get; }

        /// <summary>interface{}: every value, and a nil interface, is accepted as it is.</summary>
        public bool IsInterface => _accepts == null;

        public bool Accepts(object? v) => _accepts == null || _accepts(v);

        public static readonly GoType Interface = new("interface {}", null, true);
        public static readonly GoType Map = new(FuncArgs.MapTypeName, v => v is Dictionary<string, object?>, true);
        public static readonly GoType Slice = new("[]interface {}", v => v is List<object?>, true);
        public static readonly GoType String = new("string", v => v is string, false);
        // A literal beyond Int32 is long in our model but still a Go int.
        public static readonly GoType Int = new("int", v => v is int or long, false);

        public static GoType Parse(string name) => name switch
        {
            "interface {}" => Interface,
            FuncArgs.MapTypeName => Map,
            "[]interface {}" => Slice,
            "string" => String,
            "int" => Int,
            _ => throw new ArgumentException("no Go type " + name + " in GoSignatures"),
        };
    }

    /// <summary>A function's parameters; with <see cref="Variadic"/> the last one repeats (Go's ...T).</summary>
    internal sealed class Signature
    {
        public Signature(GoType[] parameters, bool variadic)
        {
            Parameters = parameters;
            Variadic = variadic;
        }

        public GoType[] Parameters { get; }

        public bool Variadic { get; }

        /// <summary>The type argument <paramref name="index"/> is converted to; null past the end (the count check fails later).</summary>
        public GoType? At(int index)
        {
            if (index < Parameters.Length - (Variadic ? 1 : 0)) return Parameters[index];
            return Variadic ? Parameters[^1] : null;
        }
    }

    private const string M = FuncArgs.MapTypeName;

    // Sprig v3.3.0 (dict.go, url.go, crypto.go) signatures; "..." marks the variadic last parameter. Only functions
    // with a parameter that is not interface{} need an entry.
    private static readonly (string Name, string Params)[] Declared =
    {
        ("get", M + ", string"),
        ("set", M + ", string, interface {}"),
        ("unset", M + ", string"),
        ("hasKey", M + ", string"),
        ("pluck", "string, ..." + M),
        ("keys", "..." + M),
        ("pick", M + ", ...string"),
        ("omit", M + ", ...string"),
        ("values", M),
        ("merge", M + ", ..." + M),
        ("mustMerge", M + ", ..." + M),
        ("mergeOverwrite", M + ", ..." + M),
        ("mustMergeOverwrite", M + ", ..." + M),
        ("urlJoin", M),
        ("genSelfSignedCert", "string, []interface {}, []interface {}, int"),
        ("genSelfSignedCertWithKey", "string, []interface {}, []interface {}, int, string"),
        ("genSignedCert", "string, []interface {}, []interface {}, int, interface {}"),
        ("genSignedCertWithKey", "string, []interface {}, []interface {}, int, interface {}, string"),
    };

    private static readonly Dictionary<string, Signature> Table = Build();

    private static Dictionary<string, Signature> Build()
    {
        var table = new Dictionary<string, Signature>(StringComparer.Ordinal);
        foreach (var (name, text) in Declared)
        {
            var parts = text.Split(", ");
            var variadic = parts[^1].StartsWith("...", StringComparison.Ordinal);
            if (variadic) parts[^1] = parts[^1][3..];
            table[name] = new Signature(parts.Select(GoType.Parse).ToArray(), variadic);
        }
        return table;
    }

    /// <summary>The declared signature of the function registered under <paramref name="name"/>, if it has typed parameters.</summary>
    public static bool TryGet(string name, out Signature signature) => Table.TryGetValue(name, out signature!);

    /// <summary>
    /// Go's validateType for an evaluated argument: null when it converts, else Go's error text.
    /// <paramref name="nilInterface"/>: the value is a nil of static type interface{} rather than "no value".
    /// </summary>
    public static string? Check(GoType type, object? value, bool nilInterface)
    {
        if (value == null)
        {
            if (nilInterface) return type.IsInterface ? null : "wrong type for value; expected " + type.Name + "; got interface {}";
            return type.Nilable ? null : "invalid value; expected " + type.Name;
        }
        return type.Accepts(value) ? null : "wrong type for value; expected " + type.Name + "; got " + GoValues.TypeOf(value);
    }
}
