using System.Collections;
using System.Globalization;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Yaml;

/// <summary>encoding/json's Marshal and MarshalIndent(v, "", "  ") for the engine's value model.</summary>
internal static class GoJsonWriter
{
    private const string Hex = "0123456789abcdef";

    public static string Write(object? value, bool indent)
    {
        var sb = new StringBuilder(256);
        WriteValue(sb, value, indent, 0, 0);
        return sb.ToString();
    }

    private static void WriteValue(StringBuilder sb, object? value, bool indent, int level, int depth)
    {
        if (depth > EngineLimits.MaxValueDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new Hosting.MeshException("ValueNestingTooDeep", Hosting.MeshErrorKind.LimitsExceeded,
                "json: unsupported value: encountered a cycle, or a value nested more than " + EngineLimits.MaxValueDepth +
                " maps or lists deep; flatten it, or copy the map instead of setting it into itself.");
        TemplateLimits.CheckLength(sb.Length, "json");
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case int i:
                sb.Append(i.ToString(CultureInfo.InvariantCulture));
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw JsonRoundTrip.Unsupported("json: unsupported value: " + GoNumbers.FormatG(d));
                }
                sb.Append(GoNumbers.FormatJson(d));
                break;
            case short or sbyte or byte or ushort or uint or ulong:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IGoJsonMarshaler marshaler:
                WriteValue(sb, marshaler.JsonValue, indent, level, depth + 1);
                break;
            case IDictionary or IDictionary<string, object?> when StringKeyedMap.TryView(value, out var keys, out var lookup):
                WriteMap(sb, keys, lookup, indent, level, depth);
                break;
            case IList list:
                WriteList(sb, list, indent, level, depth);
                break;
            case IGoJsonStruct structure:
                WriteStruct(sb, structure.JsonFields, indent, level, depth);
                break;
            default:
                throw JsonRoundTrip.Unsupported($"json: unsupported type: {value.GetType().Name} (only null, string, bool, numbers, maps with string keys and lists)");
        }
    }

    private static void WriteMap(StringBuilder sb, ICollection<string> mapKeys, Func<string, object?> lookup, bool indent, int level, int depth)
    {
        if (mapKeys.Count == 0)
        {
            sb.Append("{}");
            return;
        }
        var keys = new string[mapKeys.Count];
        mapKeys.CopyTo(keys, 0);
        // Go sorts map keys by their UTF-8 bytes; ordinal UTF-16 order differs only around surrogates.
        Array.Sort(keys, Utf8Order.Instance);
        sb.Append('{');
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0) sb.Append(',');
            if (indent) NewLine(sb, level + 1);
            WriteString(sb, keys[i]);
            sb.Append(indent ? ": " : ":");
            WriteValue(sb, lookup(keys[i]), indent, level + 1, depth + 1);
        }
        if (indent) NewLine(sb, level);
        sb.Append('}');
    }

    // A struct's fields keep their declaration order (only map keys are sorted).
    private static void WriteStruct(StringBuilder sb, IReadOnlyList<KeyValuePair<string, object?>> fields, bool indent, int level, int depth)
    {
        if (fields.Count == 0)
        {
            sb.Append("{}");
            return;
        }
        sb.Append('{');
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) sb.Append(',');
            if (indent) NewLine(sb, level + 1);
            WriteString(sb, fields[i].Key);
            sb.Append(indent ? ": " : ":");
            WriteValue(sb, fields[i].Value, indent, level + 1, depth + 1);
        }
        if (indent) NewLine(sb, level);
        sb.Append('}');
    }

    private static void WriteList(StringBuilder sb, IList list, bool indent, int level, int depth)
    {
        if (list.Count == 0)
        {
            sb.Append("[]");
            return;
        }
        sb.Append('[');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) sb.Append(',');
            if (indent) NewLine(sb, level + 1);
            WriteValue(sb, list[i], indent, level + 1, depth + 1);
        }
        if (indent) NewLine(sb, level);
        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, int level)
    {
        sb.Append('\n');
        sb.Append(' ', level * 2);
    }

    /// <summary>
    /// encodeState.string with HTML escaping: \" \\ \n \r \t \b \f (the last two since Go 1.22), other controls as
    /// \u00XX, &lt; &gt; &amp; and U+2028/U+2029 as \u escapes, invalid UTF-16 as U+FFFD, a byte that is not UTF-8 as \ufffd.
    /// </summary>
    internal static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            string? escape = null;
            if (c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029')
            {
                escape = c switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\r' => "\\r",
                    '\t' => "\\t",
                    // Go 1.22+ (Helm 4.1.4 is built with Go 1.25) writes these two short forms too.
                    '\b' => "\\b",
                    '\f' => "\\f",
                    _ => null,
                };
                if (escape == null)
                {
                    sb.Append(s, start, i - start);
                    sb.Append("\\u").Append(Hex[(c >> 12) & 0xF]).Append(Hex[(c >> 8) & 0xF]).Append(Hex[(c >> 4) & 0xF]).Append(Hex[c & 0xF]);
                    start = i + 1;
                    continue;
                }
            }
            else if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    i++;
                    continue;
                }
                // A byte that is not UTF-8 (GoBytes' escape): Go writes the escape \ufffd for it.
                escape = MeshOps.Engine.Templating.GoBytes.IsEscape(s, i) ? "\\ufffd" : "\ufffd";
            }
            if (escape != null)
            {
                sb.Append(s, start, i - start).Append(escape);
                start = i + 1;
            }
        }
        sb.Append(s, start, s.Length - start);
        sb.Append('"');
    }

    /// <summary>Orders strings as Go compares them: by UTF-8 bytes, i.e. by code point.</summary>
    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = x!;
            var b = y!;
            var n = Math.Min(a.Length, b.Length);
            for (var i = 0; i < n; i++)
            {
                var ca = a[i];
                var cb = b[i];
                if (ca == cb) continue;
                // Surrogates (U+D800-DFFF) encode code points above U+FFFF: they sort after U+E000-FFFF in UTF-8.
                var ka = char.IsSurrogate(ca) ? ca + 0x2000 : ca >= 0xE000 ? ca - 0x800 : ca;
                var kb = char.IsSurrogate(cb) ? cb + 0x2000 : cb >= 0xE000 ? cb - 0x800 : cb;
                return ka.CompareTo(kb);
            }
            return a.Length.CompareTo(b.Length);
        }
    }
}
