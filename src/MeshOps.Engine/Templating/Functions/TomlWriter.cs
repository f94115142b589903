using System.Collections;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// BurntSushi/toml's Encoder (Helm's toToml) for the engine's values: scalar keys first then sub-tables, keys sorted,
/// nested tables indented by two spaces, arrays of maps as [[tables]], nil values skipped, float64 always with a
/// decimal point. A top-level value that is not a map is written inline, as the encoder does for any value.
/// </summary>
internal static class TomlWriter
{
    public static string Write(object? value)
    {
        var sb = new StringBuilder();
        switch (value)
        {
            case null:
                // The encoder reflects on the nil interface and panics; text/template reports the panic.
                throw new TemplateFunctionException("reflect: call of reflect.Value.Type on zero Value");
            case Dictionary<string, object?> map:
                WriteTable(sb, new List<string>(), map);
                return sb.ToString();
            default:
                WriteElement(sb, value);
                return sb.ToString();
        }
    }

    private static bool IsTable(object? v) => v is IDictionary;

    private static bool IsTableArray(object? v) =>
        v is IList l && v is not IDictionary && l.Count > 0 && l.Cast<object?>().All(e =>
            e == null ? throw new TomlEncodeException("toml: cannot encode array with nil element") : e is IDictionary);

    private static void Newline(StringBuilder sb)
    {
        if (sb.Length > 0) sb.Append('\n');
    }

    private static void WriteTable(StringBuilder sb, List<string> key, Dictionary<string, object?> map)
    {
        using var nesting = NestingGuard.Enter();
        var direct = new List<string>();
        var sub = new List<string>();
        foreach (var (k, v) in map)
        {
            if (v == null) continue;
            (IsTable(v) || IsTableArray(v) ? sub : direct).Add(k);
        }
        direct.Sort(string.CompareOrdinal);
        sub.Sort(string.CompareOrdinal);
        foreach (var k in direct)
        {
            sb.Append(Indent(key.Count)).Append(QuoteKey(k)).Append(" = ");
            WriteElement(sb, map[k]);
            Newline(sb);
        }
        foreach (var k in sub)
        {
            var child = new List<string>(key) { k };
            var v = map[k];
            if (v is Dictionary<string, object?> m)
            {
                if (child.Count == 1) Newline(sb);
                sb.Append(Indent(child.Count - 1)).Append('[').Append(KeyString(child)).Append(']');
                Newline(sb);
                WriteTable(sb, child, m);
            }
            else
            {
                foreach (var item in (IList)v!)
                {
                    Newline(sb);
                    sb.Append(Indent(child.Count - 1)).Append("[[").Append(KeyString(child)).Append("]]");
                    Newline(sb);
                    WriteTable(sb, child, (Dictionary<string, object?>)item!);
                }
            }
        }
    }

    private static string Indent(int depth) => depth <= 0 ? "" : new string(' ', 2 * depth);

    private static void WriteElement(StringBuilder sb, object? v)
    {
        using var nesting = NestingGuard.Enter();
        switch (v)
        {
            case string s: sb.Append(Quote(s)); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case double d: sb.Append(FormatFloat(d)); break;
            case float f: sb.Append(FormatFloat(f)); break;
            case Dictionary<string, object?> m:
            {
                sb.Append('{');
                var keys = m.Where(e => e.Value != null).Select(e => e.Key).ToList();
                keys.Sort(string.CompareOrdinal);
                for (var i = 0; i < keys.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(QuoteKey(keys[i])).Append(" = ");
                    WriteElement(sb, m[keys[i]]);
                }
                sb.Append('}');
                break;
            }
            case IList l:
            {
                sb.Append('[');
                for (var i = 0; i < l.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    if (l[i] == null) throw new TomlEncodeException("toml: cannot encode array with nil element");
                    WriteElement(sb, l[i]);
                }
                sb.Append(']');
                break;
            }
            default:
                if (GoValues.TryToInt64(v, out var n)) sb.Append(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                else throw new TomlEncodeException("toml: unsupported type: " + GoValues.KindOf(v));
                break;
        }
    }

    private static string FormatFloat(double f)
    {
        if (double.IsNaN(f)) return "nan";
        if (double.IsInfinity(f)) return f < 0 ? "-inf" : "inf";
        var s = GoFloat.Format(f, 'g', -1);
        return s.Contains('e') || s.Contains('.') ? s : s + ".0";
    }

    private static bool IsBare(string k) => k.Length > 0 && k.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string QuoteKey(string k) => k.Length == 0 ? "\"\"" : IsBare(k) ? k : Quote(k);

    private static string KeyString(List<string> key) => string.Join('.', key.Select(QuoteKey));

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}

/// <summary>An error the TOML encoder returns (toToml prints it); other failures are panics that fail the template.</summary>
internal sealed class TomlEncodeException : TemplateFunctionException
{
    public TomlEncodeException(string message) : base(message) { }
}
