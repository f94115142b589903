using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating;

/// <summary>Go's strconv quoting: Quote, QuoteToASCII, QuoteRune, Unquote, UnquoteChar, CanBackquote, IsPrint.</summary>
internal static class GoQuote
{
    private const string LowerHex = "0123456789abcdef";

    /// <summary>strconv.Quote: a double-quoted Go string literal; non-printable runes escaped.</summary>
    public static string Quote(string s) => QuoteWith(s, '"', asciiOnly: false);

    /// <summary>strconv.QuoteToASCII.</summary>
    public static string QuoteToAscii(string s) => QuoteWith(s, '"', asciiOnly: true);

    /// <summary>strconv.QuoteRune / QuoteRuneToASCII.</summary>
    public static string QuoteRune(int r, bool asciiOnly)
    {
        if (r < 0 || r > 0x10FFFF || r is >= 0xD800 and <= 0xDFFF) r = 0xFFFD;
        var sb = new StringBuilder(8);
        sb.Append('\'');
        AppendEscapedRune(sb, r, '\'', asciiOnly);
        sb.Append('\'');
        return sb.ToString();
    }

    private static string QuoteWith(string s, char quote, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        for (var i = 0; i < s.Length; i++)
        {
            int r = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else if (GoBytes.IsEscape(s, i))
            {
                // A byte that is not UTF-8: strconv.Quote writes it as \xXX.
                sb.Append("\\x").Append(((int)s[i] - 0xDC00).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                continue;
            }
            else if (char.IsSurrogate(s[i]))
            {
                r = 0xFFFD; // a lone surrogate cannot be UTF-8; Go would see an invalid byte sequence
            }
            AppendEscapedRune(sb, r, quote, asciiOnly);
        }
        sb.Append(quote);
        return sb.ToString();
    }

    private static void AppendEscapedRune(StringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (asciiOnly)
        {
            if (r < 0x80 && IsPrint(r))
            {
                sb.Append((char)r);
                return;
            }
        }
        else if (IsPrint(r))
        {
            AppendRune(sb, r);
            return;
        }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7F)
        {
            sb.Append("\\x").Append(LowerHex[r >> 4]).Append(LowerHex[r & 0xF]);
        }
        else if (r < 0x10000)
        {
            sb.Append("\\u");
            for (var s = 12; s >= 0; s -= 4) sb.Append(LowerHex[(r >> s) & 0xF]);
        }
        else
        {
            sb.Append("\\U");
            for (var s = 28; s >= 0; s -= 4) sb.Append(LowerHex[(r >> s) & 0xF]);
        }
    }

    internal static void AppendRune(StringBuilder sb, int r)
    {
        if (r < 0x10000) sb.Append((char)r);
        else sb.Append(char.ConvertFromUtf32(r));
    }

    /// <summary>Go's strconv.IsPrint (unicode.IsPrint): letters, marks, numbers, punctuation, symbols and ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x20) return false;
        if (r < 0x7F) return true;
        if (r < 0xA1) return false; // DEL, C1 controls, U+00A0 (a space other than ASCII space)
        if (r > 0x10FFFF || r is >= 0xD800 and <= 0xDFFF) return false;
        var cat = r < 0x10000 ? CharUnicodeInfo.GetUnicodeCategory((char)r) : CharUnicodeInfo.GetUnicodeCategory(r);
        switch (cat)
        {
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.SpaceSeparator:
                return false;
            default:
                return true;
        }
    }

    /// <summary>strconv.CanBackquote: no control characters other than tab, no backquote, no U+FEFF.</summary>
    public static bool CanBackquote(string s)
    {
        foreach (var c in s)
        {
            if (c == '`' || c == '\uFEFF') return false;
            if ((c < ' ' && c != '\t') || c == 0x7F) return false;
        }
        return true;
    }

    /// <summary>strconv.Unquote of a "..." or `...` literal; false on Go's "invalid syntax".</summary>
    public static bool TryUnquote(string quoted, out string result)
    {
        result = "";
        if (quoted.Length < 2) return false;
        var q = quoted[0];
        if (q != quoted[^1]) return false;
        var body = quoted.Substring(1, quoted.Length - 2);
        if (q == '`')
        {
            if (body.IndexOf('`') >= 0) return false;
            result = body.IndexOf('\r') >= 0 ? body.Replace("\r", "") : body;
            return true;
        }
        if (q != '"') return false;
        if (body.IndexOf('\\') < 0 && body.IndexOf('\n') < 0)
        {
            if (q == '"' && body.IndexOf('"') < 0)
            {
                result = body;
                return true;
            }
        }
        var bytes = new List<byte>(body.Length);
        var rest = body;
        while (rest.Length > 0)
        {
            if (!TryUnquoteChar(rest, q, out var value, out var multibyte, out var tail)) return false;
            // \x and octal escapes are single bytes; everything else is a rune written as UTF-8.
            if (!multibyte || value < 0x80) bytes.Add((byte)value);
            else bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32(value)));
            rest = tail;
        }
        result = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    /// <summary>
    /// strconv.UnquoteChar: decodes the first character or escape of s. multibyte is false for \x and octal escapes,
    /// which denote single bytes.
    /// </summary>
    public static bool TryUnquoteChar(string s, char quote, out int value, out bool multibyte, out string tail)
    {
        value = 0;
        multibyte = true;
        tail = "";
        if (s.Length == 0) return false;
        var c = s[0];
        if (c == quote && (quote == '\'' || quote == '"')) return false;
        if (c >= 0x80 || c != '\\')
        {
            if (c == '\n' && quote != '`') return false;
            if (char.IsHighSurrogate(c) && s.Length > 1 && char.IsLowSurrogate(s[1]))
            {
                value = char.ConvertToUtf32(c, s[1]);
                tail = s.Substring(2);
                return true;
            }
            value = c;
            tail = s.Substring(1);
            return true;
        }
        if (s.Length <= 1) return false;
        var e = s[1];
        s = s.Substring(2);
        switch (e)
        {
            case 'a': value = '\a'; break;
            case 'b': value = '\b'; break;
            case 'f': value = '\f'; break;
            case 'n': value = '\n'; break;
            case 'r': value = '\r'; break;
            case 't': value = '\t'; break;
            case 'v': value = '\v'; break;
            case 'x':
            case 'u':
            case 'U':
            {
                var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                if (s.Length < n) return false;
                var v = 0;
                for (var j = 0; j < n; j++)
                {
                    var x = HexValue(s[j]);
                    if (x < 0) return false;
                    v = (v << 4) | x;
                }
                s = s.Substring(n);
                if (e == 'x')
                {
                    value = v;
                    multibyte = false;
                    break;
                }
                if (v > 0x10FFFF || v is >= 0xD800 and <= 0xDFFF) return false;
                value = v;
                break;
            }
            case >= '0' and <= '7':
            {
                var v = e - '0';
                if (s.Length < 2) return false;
                for (var j = 0; j < 2; j++)
                {
                    var x = s[j] - '0';
                    if (x < 0 || x > 7) return false;
                    v = (v << 3) | x;
                }
                s = s.Substring(2);
                if (v > 255) return false;
                value = v;
                multibyte = false;
                break;
            }
            case '\\': value = '\\'; break;
            case '\'':
            case '"':
                if (e != quote) return false;
                value = e;
                break;
            default:
                return false;
        }
        tail = s;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
