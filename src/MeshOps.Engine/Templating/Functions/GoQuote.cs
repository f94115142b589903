using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>strconv.Quote, which fmt's %q uses for strings: Go escapes, printable Unicode kept as is.</summary>
internal static class GoQuote
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            int rune = c;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = char.ConvertToUtf32(c, s[i + 1]);
                i++;
            }
            AppendRune(sb, rune);
        }
        sb.Append('"');
        return sb.ToString();
    }

    private static void AppendRune(StringBuilder sb, int r)
    {
        switch (r)
        {
            case '"': sb.Append("\\\""); return;
            case '\\': sb.Append("\\\\"); return;
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        if (r < ' ' || r == 0x7F) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r is >= 0xD800 and <= 0xDFFF) sb.Append("\\ufffd"); // a lone surrogate is invalid UTF-8 in Go
        else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r == ' ') return true;
        if (r is >= 0xD800 and <= 0xDFFF) return false;
        switch (CharUnicodeInfo.GetUnicodeCategory(r))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.OtherNumber:
            case UnicodeCategory.ConnectorPunctuation:
            case UnicodeCategory.DashPunctuation:
            case UnicodeCategory.OpenPunctuation:
            case UnicodeCategory.ClosePunctuation:
            case UnicodeCategory.InitialQuotePunctuation:
            case UnicodeCategory.FinalQuotePunctuation:
            case UnicodeCategory.OtherPunctuation:
            case UnicodeCategory.MathSymbol:
            case UnicodeCategory.CurrencySymbol:
            case UnicodeCategory.ModifierSymbol:
            case UnicodeCategory.OtherSymbol:
                return true;
            default:
                return false;
        }
    }
}
