using System.Globalization;
using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// The word-level string helpers Sprig takes from Masterminds/goutils (abbreviate, initials, wrap, uncapitalize,
/// swapcase, delete whitespace) and huandu/xstrings (snake, kebab and Pascal case).
/// </summary>
internal static class WordCase
{
    /// <summary>goutils.AbbreviateFull; null means goutils returned an error (Sprig then yields "").</summary>
    public static string? AbbreviateFull(string str, int offset, int maxWidth)
    {
        if (str.Length == 0) return "";
        if (maxWidth < 4) return null;
        if (str.Length <= maxWidth) return str;
        if (offset > str.Length) offset = str.Length;
        if (str.Length - offset < maxWidth - 3) offset = str.Length - (maxWidth - 3);
        const string marker = "...";
        if (offset <= 4) return str[..(maxWidth - 3)] + marker;
        if (maxWidth < 7) return null;
        if (offset + maxWidth - 3 < str.Length)
            return marker + AbbreviateFull(str[offset..], 0, maxWidth - 3);
        return marker + str[(str.Length - (maxWidth - 3))..];
    }

    /// <summary>goutils.Initials: the first character of the string and of every whitespace-separated word.</summary>
    public static string Initials(string s)
    {
        var sb = new StringBuilder();
        var gap = true;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) gap = true;
            else if (gap) { sb.Append(c); gap = false; }
        }
        return sb.ToString();
    }

    /// <summary>goutils.Uncapitalize: lower-cases the first letter of each whitespace-separated word.</summary>
    public static string Uncapitalize(string s)
    {
        var chars = s.ToCharArray();
        var next = true;
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsWhiteSpace(chars[i])) next = true;
            else if (next) { chars[i] = char.ToLowerInvariant(chars[i]); next = false; }
        }
        return new string(chars);
    }

    /// <summary>goutils.SwapCase: upper to lower; lower to upper, except title case at a word start.</summary>
    public static string SwapCase(string s)
    {
        var chars = s.ToCharArray();
        var whitespace = true;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            var cat = char.GetUnicodeCategory(c);
            if (cat is UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter)
            {
                chars[i] = char.ToLowerInvariant(c);
                whitespace = false;
            }
            else if (cat == UnicodeCategory.LowercaseLetter)
            {
                chars[i] = char.ToUpperInvariant(c); // ToTitle equals ToUpper outside a few digraphs
                whitespace = false;
            }
            else
            {
                whitespace = char.IsWhiteSpace(c);
            }
        }
        return new string(chars);
    }

    /// <summary>goutils.DeleteWhiteSpace.</summary>
    public static string DeleteWhiteSpace(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>goutils.WrapCustom: wraps at spaces to lines of at most wrapLength; long words stay whole unless wrapLongWords.</summary>
    public static string Wrap(string str, int wrapLength, string newLine, bool wrapLongWords)
    {
        if (str.Length == 0) return "";
        if (newLine.Length == 0) newLine = "\n";
        if (wrapLength < 1) wrapLength = 1;
        var len = str.Length;
        var offset = 0;
        var sb = new StringBuilder();
        while (len - offset > wrapLength)
        {
            if (str[offset] == ' ')
            {
                offset++;
                continue;
            }
            var end = Math.Min(wrapLength + offset + 1, len);
            var spaceAt = str.LastIndexOf(' ', end - 1, end - offset);
            if (spaceAt >= offset)
            {
                sb.Append(str, offset, spaceAt - offset).Append(newLine);
                offset = spaceAt + 1;
            }
            else if (wrapLongWords)
            {
                sb.Append(str, offset, wrapLength).Append(newLine);
                offset += wrapLength;
            }
            else
            {
                var index = str.IndexOf(' ', wrapLength + offset);
                if (index < 0)
                {
                    sb.Append(str, offset, len - offset);
                    offset = len;
                }
                else
                {
                    sb.Append(str, offset, index - offset).Append(newLine);
                    offset = index + 1;
                }
            }
        }
        sb.Append(str, offset, len - offset);
        return sb.ToString();
    }

    // ---- xstrings ----

    private static bool IsConnector(char r) => r == '-' || r == '_' || char.IsWhiteSpace(r);

    /// <summary>xstrings.ToPascalCase (Sprig's camelcase): connectors removed, the following letter upper-cased; leading connectors kept.</summary>
    public static string ToPascalCase(string str)
    {
        if (str.Length == 0) return "";
        var sb = new StringBuilder();
        var i = 0;
        char r0 = '\0';
        var found = false;
        while (i < str.Length)
        {
            r0 = str[i++];
            if (!IsConnector(r0))
            {
                r0 = char.ToUpperInvariant(r0);
                found = true;
                break;
            }
            sb.Append(r0);
        }
        if (!found) return sb.ToString();
        if (i >= str.Length) return sb.Append(r0).ToString();
        while (i < str.Length)
        {
            var r1 = r0;
            r0 = str[i++];
            if (IsConnector(r0) && IsConnector(r1))
            {
                sb.Append(r1);
                continue;
            }
            if (IsConnector(r1)) r0 = char.ToUpperInvariant(r0);
            else sb.Append(r1);
        }
        sb.Append(r0);
        return sb.ToString();
    }

    private enum WordType { Invalid, Number, UpperCase, Alphabet, Connector, Punct, Other }

    private static bool IsPunct(char c) => char.IsPunctuation(c);

    private static (WordType Type, string Word, string Remaining) NextWord(string str)
    {
        if (str.Length == 0) return (WordType.Invalid, "", "");
        var r = str[0];
        var offset = 1;
        WordType wt;
        if (IsConnector(r))
        {
            wt = WordType.Connector;
            while (offset < str.Length && IsConnector(str[offset])) offset++;
        }
        else if (IsPunct(r))
        {
            wt = WordType.Punct;
            while (offset < str.Length && IsPunct(str[offset])) offset++;
        }
        else if (char.IsUpper(r))
        {
            wt = WordType.UpperCase;
            if (offset < str.Length)
            {
                var n = str[offset];
                if (char.IsUpper(n))
                {
                    offset++;
                    while (offset < str.Length && char.IsUpper(str[offset])) offset++;
                    // "HTTPServer": the last upper-case letter starts the next word.
                    if (offset < str.Length && char.IsLetter(str[offset])) offset--;
                }
                else if (char.IsLetter(n))
                {
                    offset++;
                    while (offset < str.Length && char.IsLetter(str[offset]) && !char.IsUpper(str[offset])) offset++;
                }
            }
        }
        else if (char.IsLetter(r))
        {
            wt = WordType.Alphabet;
            while (offset < str.Length && char.IsLetter(str[offset]) && !char.IsUpper(str[offset])) offset++;
        }
        else if (char.IsNumber(r))
        {
            wt = WordType.Number;
            while (offset < str.Length && char.IsNumber(str[offset])) offset++;
        }
        else
        {
            wt = WordType.Other;
            while (offset < str.Length)
            {
                var c = str[offset];
                if (IsConnector(c) || char.IsLetter(c) || char.IsNumber(c) || IsPunct(c)) break;
                offset++;
            }
        }
        return (wt, str[..offset], str[offset..]);
    }

    private static void ToLower(StringBuilder sb, WordType wt, string word, char connector)
    {
        if (wt != WordType.UpperCase && wt != WordType.Connector)
        {
            sb.Append(word);
            return;
        }
        foreach (var c in word)
        {
            if (IsConnector(c)) sb.Append(connector);
            else if (char.IsUpper(c)) sb.Append(char.ToLowerInvariant(c));
            else sb.Append(c);
        }
    }

    /// <summary>xstrings' camelCaseToLowerCase, behind ToSnakeCase ('_') and ToKebabCase ('-').</summary>
    public static string ToDelimitedLower(string str, char connector)
    {
        if (str.Length == 0) return "";
        var sb = new StringBuilder();
        var (wt, word, remaining) = NextWord(str);
        while (remaining.Length > 0)
        {
            if (wt != WordType.Connector) ToLower(sb, wt, word, connector);
            var prev = wt;
            var last = word;
            (wt, word, remaining) = NextWord(remaining);
            switch (prev)
            {
                case WordType.Number:
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(sb, wt, word, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }
                    if (wt is not WordType.Invalid and not WordType.Punct and not WordType.Connector) sb.Append(connector);
                    break;
                case WordType.Connector:
                    ToLower(sb, prev, last, connector);
                    break;
                case WordType.Punct:
                    break;
                default:
                    if (wt != WordType.Number)
                    {
                        if (wt is not WordType.Connector and not WordType.Punct) sb.Append(connector);
                        break;
                    }
                    if (remaining.Length == 0) break;
                    var lastNumber = word;
                    (wt, word, remaining) = NextWord(remaining);
                    if (wt != WordType.Alphabet)
                    {
                        ToLower(sb, WordType.Number, lastNumber, connector);
                        if (wt is not WordType.Connector and not WordType.Punct) sb.Append(connector);
                        break;
                    }
                    sb.Append(connector);
                    ToLower(sb, WordType.Number, lastNumber, connector);
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(sb, wt, word, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }
                    if (wt is not WordType.Invalid and not WordType.Connector and not WordType.Punct) sb.Append(connector);
                    break;
            }
        }
        ToLower(sb, wt, word, connector);
        return sb.ToString();
    }
}
