using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshOps.Engine.Limits;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's string functions (strings.go and the string entries of functions.go).</summary>
internal static class SprigStringFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        t["abbrev"] = (_, a) =>
        {
            FuncArgs.Count("abbrev", a, 2);
            var width = FuncArgs.Int(a[0]);
            var s = FuncArgs.Str(a[1]);
            return width < 4 ? s : WordCase.AbbreviateFull(s, 0, width) ?? "";
        };
        t["abbrevboth"] = (_, a) =>
        {
            FuncArgs.Count("abbrevboth", a, 3);
            int left = FuncArgs.Int(a[0]), right = FuncArgs.Int(a[1]);
            var s = FuncArgs.Str(a[2]);
            if (right < 4 || left > 0 && right < 7) return s;
            return WordCase.AbbreviateFull(s, left, right) ?? "";
        };
        t["trunc"] = (_, a) =>
        {
            FuncArgs.Count("trunc", a, 2);
            var c = FuncArgs.Int(a[0]);
            var s = FuncArgs.Str(a[1]);
            var len = GoText.ByteLength(s);
            if (c < 0 && len + c > 0) return GoText.ByteSlice(s, len + c, len);
            if (c >= 0 && len > c) return GoText.ByteSlice(s, 0, c);
            return s;
        };
        Unary(t, "trim", GoText.TrimSpace);
        Unary(t, "upper", s => s.ToUpperInvariant());
        Unary(t, "lower", s => s.ToLowerInvariant());
        Unary(t, "title", GoText.Title);
        Unary(t, "untitle", WordCase.Uncapitalize);
        t["substr"] = (_, a) =>
        {
            FuncArgs.Count("substr", a, 3);
            int start = FuncArgs.Int(a[0]), end = FuncArgs.Int(a[1]);
            var s = FuncArgs.Str(a[2]);
            var len = GoText.ByteLength(s);
            if (start < 0) return GoText.ByteSlice(s, 0, end);
            if (end < 0 || end > len) return GoText.ByteSlice(s, start, len);
            return GoText.ByteSlice(s, start, end);
        };
        t["repeat"] = (_, a) =>
        {
            FuncArgs.Count("repeat", a, 2);
            return GoText.Repeat(FuncArgs.Str(a[1]), FuncArgs.Int(a[0]));
        };
        Binary(t, "trimall", (cut, s) => GoText.Trim(s, cut));
        Binary(t, "trimAll", (cut, s) => GoText.Trim(s, cut));
        Binary(t, "trimSuffix", (suffix, s) => suffix.Length > 0 && s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s);
        Binary(t, "trimPrefix", (prefix, s) => prefix.Length > 0 && s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s);
        Unary(t, "nospace", WordCase.DeleteWhiteSpace);
        Unary(t, "initials", WordCase.Initials);
        RandomString(t, "randAlphaNum", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
        RandomString(t, "randAlpha", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
        RandomString(t, "randNumeric", "0123456789");
        RandomString(t, "randAscii", string.Concat(Enumerable.Range(32, 95).Select(i => (char)i)));
        Unary(t, "swapcase", WordCase.SwapCase);
        Unary(t, "shuffle", Shuffle);
        Unary(t, "snakecase", s => WordCase.ToDelimitedLower(s, '_'));
        Unary(t, "camelcase", WordCase.ToPascalCase);
        Unary(t, "kebabcase", s => WordCase.ToDelimitedLower(s, '-'));
        t["wrap"] = (_, a) =>
        {
            FuncArgs.Count("wrap", a, 2);
            return WordCase.Wrap(FuncArgs.Str(a[1]), FuncArgs.Int(a[0]), "", false);
        };
        t["wrapWith"] = (_, a) =>
        {
            FuncArgs.Count("wrapWith", a, 3);
            return WordCase.Wrap(FuncArgs.Str(a[2]), FuncArgs.Int(a[0]), FuncArgs.Str(a[1]), true);
        };
        Binary(t, "contains", (sub, s) => s.Contains(sub, StringComparison.Ordinal));
        Binary(t, "hasPrefix", (p, s) => s.StartsWith(p, StringComparison.Ordinal));
        Binary(t, "hasSuffix", (p, s) => s.EndsWith(p, StringComparison.Ordinal));
        // quote/squote/cat skip nil arguments, so a missing value quotes to nothing.
        t["quote"] = (_, a) => string.Join(" ", a.Where(v => v != null).Select(v => GoQuote.Quote(SprigCast.Strval(v))));
        t["squote"] = (_, a) => string.Join(" ", a.Where(v => v != null).Select(v => "'" + SprigCast.Strval(v) + "'"));
        t["cat"] = (_, a) => JoinChecked("cat", " ", a.Where(v => v != null).Select(SprigCast.Strval).ToList());
        t["indent"] = (_, a) =>
        {
            FuncArgs.Count("indent", a, 2);
            return Indent(FuncArgs.Int(a[0]), FuncArgs.Str(a[1]));
        };
        t["nindent"] = (_, a) =>
        {
            FuncArgs.Count("nindent", a, 2);
            return Indent(FuncArgs.Int(a[0]), FuncArgs.Str(a[1]), newlineFirst: true);
        };
        t["replace"] = (_, a) =>
        {
            FuncArgs.Count("replace", a, 3);
            return GoText.ReplaceAll(FuncArgs.Str(a[2]), FuncArgs.Str(a[0]), FuncArgs.Str(a[1]));
        };
        t["plural"] = (_, a) =>
        {
            FuncArgs.Count("plural", a, 3);
            string one = FuncArgs.Str(a[0]), many = FuncArgs.Str(a[1]);
            return FuncArgs.Int(a[2]) == 1 ? one : many;
        };
        t["toString"] = (_, a) =>
        {
            FuncArgs.Count("toString", a, 1);
            return SprigCast.Strval(a[0]);
        };
        t["atoi"] = (_, a) =>
        {
            FuncArgs.Count("atoi", a, 1);
            return Atoi(FuncArgs.Str(a[0]));
        };
        t["int64"] = (_, a) =>
        {
            FuncArgs.Count("int64", a, 1);
            return SprigCast.ToInt64(a[0]);
        };
        t["int"] = (_, a) =>
        {
            FuncArgs.Count("int", a, 1);
            return SprigCast.ToInt(a[0]);
        };
        t["float64"] = (_, a) =>
        {
            FuncArgs.Count("float64", a, 1);
            return SprigCast.ToFloat64(a[0]);
        };
        t["toDecimal"] = (_, a) =>
        {
            FuncArgs.Count("toDecimal", a, 1);
            var text = a[0] is string s ? s : GoFormat.FormatValue(a[0]);
            return ParseOctal(text);
        };
        t["split"] = (_, a) =>
        {
            FuncArgs.Count("split", a, 2);
            return IndexedParts(GoText.SplitN(FuncArgs.Str(a[1]), FuncArgs.Str(a[0]), -1));
        };
        t["splitList"] = (_, a) =>
        {
            FuncArgs.Count("splitList", a, 2);
            return FuncArgs.StringList(GoText.SplitN(FuncArgs.Str(a[1]), FuncArgs.Str(a[0]), -1));
        };
        t["splitn"] = (_, a) =>
        {
            FuncArgs.Count("splitn", a, 3);
            var sep = FuncArgs.Str(a[0]);
            var n = FuncArgs.Int(a[1]);
            return IndexedParts(GoText.SplitN(FuncArgs.Str(a[2]), sep, n));
        };
        t["toStrings"] = (_, a) =>
        {
            FuncArgs.Count("toStrings", a, 1);
            return FuncArgs.StringList(SprigCast.StrSlice(a[0]));
        };
        t["join"] = (_, a) =>
        {
            FuncArgs.Count("join", a, 2);
            return JoinChecked("join", FuncArgs.Str(a[0]), SprigCast.StrSlice(a[1]));
        };
        t["sortAlpha"] = (_, a) =>
        {
            FuncArgs.Count("sortAlpha", a, 1);
            if (!FuncArgs.TryList(a[0], out var _)) return FuncArgs.StringList(new[] { SprigCast.Strval(a[0]) });
            var items = SprigCast.StrSlice(a[0]);
            items.Sort(GoValues.CompareUtf8);
            return FuncArgs.StringList(items);
        };
    }

    private static void Unary(IDictionary<string, TemplateFunc> t, string name, Func<string, object> f) =>
        t[name] = (_, a) =>
        {
            FuncArgs.Count(name, a, 1);
            return f(FuncArgs.Str(a[0]));
        };

    private static void Binary(IDictionary<string, TemplateFunc> t, string name, Func<string, string, object> f) =>
        t[name] = (_, a) =>
        {
            FuncArgs.Count(name, a, 2);
            return f(FuncArgs.Str(a[0]), FuncArgs.Str(a[1]));
        };

    private static void RandomString(IDictionary<string, TemplateFunc> t, string name, string alphabet) =>
        t[name] = (_, a) =>
        {
            FuncArgs.Count(name, a, 1);
            var count = FuncArgs.Int(a[0]);
            if (count <= 0) return "";
            var chars = new char[count];
            for (var i = 0; i < count; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            return new string(chars);
        };

    private static string Shuffle(string s)
    {
        var runes = GoText.Runes(s).ToArray();
        for (var i = runes.Length - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (runes[i], runes[j]) = (runes[j], runes[i]);
        }
        return string.Concat(runes);
    }

    /// <summary>Sprig's indent: the pad before the text and after every newline (so a trailing newline leaves a padded empty line).</summary>
    /// <summary>string.Join that refuses to build a string over the template value limit.</summary>
    private static string JoinChecked(string function, string separator, IReadOnlyList<string> parts)
    {
        long length = parts.Count > 0 ? (long)separator.Length * (parts.Count - 1) : 0;
        foreach (var p in parts) length += p.Length;
        TemplateLimits.CheckLength(length, function);
        return string.Join(separator, parts);
    }

    internal static string Indent(int spaces, string v, bool newlineFirst = false)
    {
        // pad + strings.Replace(v, "\n", "\n"+pad) (after "\n" for nindent), built in one allocation: charts indent
        // whole files this way, and each intermediate copy of those is garbage.
        var pad = Math.Max(spaces, 0);
        var length = (newlineFirst ? 1L : 0L) + (long)pad * (v.AsSpan().Count('\n') + 1) + v.Length;
        TemplateLimits.CheckLength(length, newlineFirst ? "nindent" : "indent");
        return string.Create((int)length, (v, pad, newlineFirst), static (span, state) =>
        {
            var (text, pad, newlineFirst) = state;
            if (newlineFirst)
            {
                span[0] = '\n';
                span = span[1..];
            }
            var rest = text.AsSpan();
            while (true)
            {
                span[..pad].Fill(' ');
                span = span[pad..];
                var newline = rest.IndexOf('\n');
                var line = newline < 0 ? rest : rest[..(newline + 1)];
                line.CopyTo(span);
                if (newline < 0) break;
                span = span[line.Length..];
                rest = rest[line.Length..];
            }
        });
    }

    /// <summary>Sprig's atoi: strconv.Atoi with the error dropped (0, or the clamped bound on overflow).</summary>
    internal static object Atoi(string s)
    {
        var body = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (body.Length == 0 || !body.All(char.IsAsciiDigit)) return 0;
        var neg = s[0] == '-';
        long value = 0;
        foreach (var c in body)
        {
            if (value > (long.MaxValue - (c - '0')) / 10)
            {
                return neg ? long.MinValue : long.MaxValue;
            }
            value = value * 10 + (c - '0');
        }
        if (neg) value = -value;
        return value is >= int.MinValue and <= int.MaxValue ? (object)(int)value : (object)value;
    }

    /// <summary>Sprig's toDecimal: strconv.ParseInt(text, 8, 64), 0 on error.</summary>
    private static long ParseOctal(string text)
    {
        var body = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        if (body.Length == 0 || body.Any(c => c is < '0' or > '7')) return 0;
        try
        {
            long v = 0;
            foreach (var c in body) v = checked(v * 8 + (c - '0'));
            return text[0] == '-' ? -v : v;
        }
        catch (OverflowException)
        {
            return 0;
        }
    }

    /// <summary>Sprig's split/splitn result: a map of "_0", "_1", ... to the parts.</summary>
    private static Dictionary<string, object?> IndexedParts(List<string> parts)
    {
        var map = FuncArgs.NewMap();
        for (var i = 0; i < parts.Count; i++) map["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        return map;
    }
}
