using System.Collections;
using System.Text;

namespace MeshOps.Engine.Templating.Exec;

/// <summary>How the executor treats a builtin: its arity (Go's reflect signature) and special evaluation.</summary>
internal sealed class Builtin
{
    public Builtin(string name, int fixedArgs, bool variadic, TemplateFunc func)
    {
        Name = name;
        FixedArgs = fixedArgs;
        Variadic = variadic;
        Func = func;
    }

    public string Name { get; }

    /// <summary>Go's NumIn, minus the variadic parameter when there is one.</summary>
    public int FixedArgs { get; }

    public bool Variadic { get; }
    public TemplateFunc Func { get; }
}

/// <summary>Go's text/template builtin functions (funcs.go).</summary>
internal static class Builtins
{
    public static readonly Dictionary<string, Builtin> All = Create();

    private static Dictionary<string, Builtin> Create()
    {
        var list = new[]
        {
            // and/or/call are evaluated by the executor itself (short-circuit, callee name); these bodies are not reached.
            new Builtin("and", 1, true, (_, a) => a[^1]),
            new Builtin("or", 1, true, (_, a) => a[^1]),
            new Builtin("call", 1, true, (_, a) => null),
            new Builtin("not", 1, false, (_, a) => !GoValues.IsTrue(a[0])),
            new Builtin("len", 1, false, (_, a) => GoValues.Len(a[0])),
            new Builtin("index", 1, true, (_, a) => GoValues.Index(a[0], a.AsSpan(1).ToArray())),
            new Builtin("slice", 1, true, (_, a) => Slice(a[0], a.AsSpan(1).ToArray())),
            new Builtin("print", 0, true, (_, a) => GoFormat.Sprint(a)),
            new Builtin("printf", 1, true, (_, a) => GoFormat.Sprintf((string)a[0]!, a.AsSpan(1).ToArray())),
            new Builtin("println", 0, true, (_, a) => GoFormat.Sprintln(a)),
            new Builtin("html", 0, true, (_, a) => HtmlEscape(EvalArgs(a))),
            new Builtin("js", 0, true, (_, a) => JsEscape(EvalArgs(a))),
            new Builtin("urlquery", 0, true, (_, a) => QueryEscape(EvalArgs(a))),
            new Builtin("eq", 1, true, (_, a) => GoValues.Eq(a[0], a.AsSpan(1).ToArray())),
            new Builtin("ne", 2, false, (_, a) => GoValues.Ne(a[0], a[1])),
            new Builtin("lt", 2, false, (_, a) => GoValues.Lt(a[0], a[1])),
            new Builtin("le", 2, false, (_, a) => GoValues.Le(a[0], a[1])),
            new Builtin("gt", 2, false, (_, a) => GoValues.Gt(a[0], a[1])),
            new Builtin("ge", 2, false, (_, a) => GoValues.Ge(a[0], a[1])),
        };
        var d = new Dictionary<string, Builtin>(StringComparer.Ordinal);
        foreach (var b in list) d[b.Name] = b;
        return d;
    }

    /// <summary>Go's slice builtin: slice x 1 2 is x[1:2].</summary>
    internal static object? Slice(object? item, object?[] indexes)
    {
        if (item == null) throw new TemplateFunctionException("slice of untyped nil");
        if (indexes.Length > 3) throw new TemplateFunctionException("too many slice indexes: " + indexes.Length);
        int cap;
        byte[]? bytes = null;
        IList? list = null;
        switch (item)
        {
            case string s:
                if (indexes.Length == 3) throw new TemplateFunctionException("cannot 3-index slice a string");
                bytes = GoBytes.Encode(s);
                cap = bytes.Length;
                break;
            case IList l:
                list = l;
                cap = l.Count;
                break;
            default:
                throw new TemplateFunctionException("can't slice item of type " + GoValues.TypeOf(item));
        }
        var idx = new[] { 0, cap, 0 };
        for (var i = 0; i < indexes.Length; i++) idx[i] = GoValues.IndexArg(indexes[i], cap);
        if (idx[0] > idx[1]) throw new TemplateFunctionException("invalid slice index: " + idx[0] + " > " + idx[1]);
        if (indexes.Length == 3 && idx[1] > idx[2]) throw new TemplateFunctionException("invalid slice index: " + idx[1] + " > " + idx[2]);
        if (bytes != null) return GoBytes.Decode(bytes.AsSpan(idx[0], idx[1] - idx[0]));
        var result = new List<object?>(idx[1] - idx[0]);
        for (var i = idx[0]; i < idx[1]; i++) result.Add(list![i]);
        return result;
    }

    /// <summary>Go's evalArgs for html/js/urlquery: one string as is, otherwise Sprint with missing values as "&lt;no value&gt;".</summary>
    internal static string EvalArgs(object?[] args)
    {
        if (args.Length == 1 && args[0] is string s) return s;
        var printable = new object?[args.Length];
        for (var i = 0; i < args.Length; i++) printable[i] = args[i] ?? "<no value>";
        return GoFormat.Sprint(printable);
    }

    /// <summary>template.HTMLEscapeString.</summary>
    internal static string HtmlEscape(string s)
    {
        if (s.IndexOfAny(new[] { '\'', '"', '&', '<', '>', '\0' }) < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\0': sb.Append('\uFFFD'); break;
                case '"': sb.Append("&#34;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>template.JSEscapeString.</summary>
    internal static string JsEscape(string s)
    {
        const string hex = "0123456789ABCDEF";
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '\\': sb.Append("\\\\"); continue;
                case '\'': sb.Append("\\'"); continue;
                case '"': sb.Append("\\\""); continue;
                case '<': sb.Append("\\u003C"); continue;
                case '>': sb.Append("\\u003E"); continue;
                case '&': sb.Append("\\u0026"); continue;
                case '=': sb.Append("\\u003D"); continue;
            }
            if (c < ' ')
            {
                sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xF]);
                continue;
            }
            if (c < 0x80)
            {
                sb.Append(c);
                continue;
            }
            int r = c;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(c, s[i + 1]);
                width = 2;
            }
            else if (char.IsSurrogate(c))
            {
                r = 0xFFFD;
            }
            if (GoQuote.IsPrint(r)) sb.Append(s, i, width);
            else sb.Append("\\u").Append(r.ToString(r > 0xFFFF ? "X" : "X4", System.Globalization.CultureInfo.InvariantCulture));
            i += width - 1;
        }
        return sb.ToString();
    }

    /// <summary>url.QueryEscape: unreserved characters kept, space as '+', the rest %XX of their UTF-8 bytes.</summary>
    internal static string QueryEscape(string s)
    {
        const string hex = "0123456789ABCDEF";
        var sb = new StringBuilder(s.Length + 16);
        foreach (var b in GoBytes.Encode(s))
        {
            var c = (char)b;
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_' or '.' or '~') sb.Append(c);
            else if (c == ' ') sb.Append('+');
            else sb.Append('%').Append(hex[b >> 4]).Append(hex[b & 0xF]);
        }
        return sb.ToString();
    }
}
