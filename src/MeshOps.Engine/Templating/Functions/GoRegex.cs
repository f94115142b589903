using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>
/// Go's regexp (RE2 syntax) on .NET: the pattern is translated where the two dialects differ (ASCII \d \w \s,
/// POSIX classes, (?P&lt;name&gt;), \pL, \Q..\E, \x{...}, '$' at end of text only), Perl-only constructs that Go rejects
/// are rejected, and FindAll/ReplaceAll/Split skip an empty match right after a previous match as Go does.
/// </summary>
internal static partial class GoRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>regexp.Compile; throws <see cref="RegexSyntaxException"/> with a Go-style message.</summary>
    public static Regex Compile(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var cached)) return cached;
        var translated = Translate(pattern);
        Regex regex;
        try
        {
            regex = new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new RegexSyntaxException("error parsing regexp: " + e.Message.Split('\n')[0].TrimEnd() + ": `" + pattern + "`");
        }
        if (Cache.Count < 1000) Cache[pattern] = regex;
        return regex;
    }

    /// <summary>P[..I] ends with a class escape (\d \D \w \W \s \S, a POSIX class, \pX or \p{...}) rather than one character.</summary>
    private static bool AfterClassEscape(string p, int i)
    {
        if (i >= 2 && p[i - 2] == '\\' && "dDwWsS".Contains(p[i - 1]) && !EscapedBackslash(p, i - 2)) return true;
        if (i >= 2 && p[i - 1] == ']' && p[i - 2] == ':') return true; // [:alpha:]
        if (i >= 3 && p[i - 3] == '\\' && p[i - 2] is 'p' or 'P' && !EscapedBackslash(p, i - 3)) return true; // \pL
        if (p[i - 1] == '}')
        {
            var open = p.LastIndexOf('{', i - 1);
            if (open >= 2 && p[open - 2] == '\\' && p[open - 1] is 'p' or 'P') return true; // \p{Greek}
        }
        return false;
    }

    /// <summary>The backslash at P[AT] is itself escaped (preceded by an odd number of backslashes).</summary>
    private static bool EscapedBackslash(string p, int at)
    {
        var count = 0;
        for (var k = at - 1; k >= 0 && p[k] == '\\'; k--) count++;
        return count % 2 == 1;
    }

    // Source-generated rather than parsed (and cached by Regex's static methods) at the first template regex of a session.
    [GeneratedRegex(@"\(\?[a-zA-Z]*m[a-zA-Z]*[:)]")]
    private static partial Regex MultilineFlag();

    /// <summary>Rewrites RE2 syntax into an equivalent .NET pattern.</summary>
    internal static string Translate(string p)
    {
        var sb = new StringBuilder(p.Length + 16);
        var multiline = MultilineFlag().IsMatch(p);
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            // RE2: a '-' right after a class escape (\w, [:alpha:], \pL) inside [...] is a literal '-', never a range.
            if (inClass && c == '-' && i > 0 && i + 1 < p.Length && p[i + 1] != ']' && AfterClassEscape(p, i))
            {
                sb.Append(@"\-");
                continue;
            }
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                i++;
                switch (n)
                {
                    case 'd': sb.Append(inClass ? "0-9" : "[0-9]"); continue;
                    case 'D': sb.Append(inClass ? @"\D" : "[^0-9]"); continue;
                    case 'w': sb.Append(inClass ? "0-9A-Za-z_" : "[0-9A-Za-z_]"); continue;
                    case 'W': sb.Append(inClass ? @"\W" : "[^0-9A-Za-z_]"); continue;
                    case 's': sb.Append(inClass ? @"\t\n\f\r " : @"[\t\n\f\r ]"); continue;
                    case 'S': sb.Append(inClass ? @"\S" : @"[^\t\n\f\r ]"); continue;
                    case 'z': sb.Append(@"\z"); continue;
                    case 'Z': throw Unsupported(@"invalid escape sequence: `\Z`", p);
                    case 'p':
                    case 'P':
                        if (i + 1 < p.Length && p[i + 1] != '{')
                        {
                            sb.Append('\\').Append(n).Append('{').Append(p[i + 1]).Append('}');
                            i++;
                            continue;
                        }
                        sb.Append('\\').Append(n);
                        continue;
                    case 'Q':
                    {
                        var end = p.IndexOf(@"\E", i + 1, StringComparison.Ordinal);
                        var literal = end < 0 ? p[(i + 1)..] : p[(i + 1)..end];
                        sb.Append(inClass ? literal.Replace(@"\", @"\\").Replace("]", @"\]") : Regex.Escape(literal));
                        i = end < 0 ? p.Length : end + 1;
                        continue;
                    }
                    case 'x':
                        if (i + 1 < p.Length && p[i + 1] == '{')
                        {
                            var close = p.IndexOf('}', i + 2);
                            if (close < 0) throw Unsupported(@"invalid escape sequence: `\x{`", p);
                            var code = int.Parse(p[(i + 2)..close], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                            sb.Append(Regex.Escape(char.ConvertFromUtf32(code)));
                            i = close;
                            continue;
                        }
                        sb.Append(@"\x");
                        continue;
                    case >= '1' and <= '9' when !inClass && (i + 1 >= p.Length || p[i + 1] < '0' || p[i + 1] > '7'):
                        throw Unsupported($"invalid escape sequence: `\\{n}`", p);
                    default:
                        sb.Append('\\').Append(n);
                        continue;
                }
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < p.Length && p[i + 1] == ':')
                {
                    var close = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (close > 0)
                    {
                        sb.Append(PosixClass(p[(i + 2)..close], p));
                        i = close + 1;
                        continue;
                    }
                }
                if (c == '[') { sb.Append(@"\["); continue; }
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    if (i + 1 < p.Length && p[i + 1] == '^') sb.Append(p[++i]);
                    if (i + 1 < p.Length && p[i + 1] == ']') { sb.Append(@"\]"); i++; } // a leading ']' is literal
                    continue;
                case '$':
                    sb.Append(multiline ? "(?=\\n|\\z)" : @"\z");
                    continue;
                case '(' when i + 1 < p.Length && p[i + 1] == '?':
                {
                    var rest = p[(i + 2)..];
                    if (rest.StartsWith("P<", StringComparison.Ordinal))
                    {
                        sb.Append("(?<");
                        i += 3;
                        continue;
                    }
                    if (rest.StartsWith('=') || rest.StartsWith('!') || rest.StartsWith("<=") || rest.StartsWith("<!") || rest.StartsWith('>'))
                        throw Unsupported("invalid or unsupported Perl syntax: `(?" + rest[..Math.Min(rest.Length, rest.StartsWith('<') ? 2 : 1)] + "`", p);
                    if (rest.Length > 0 && rest[0] is not '<' && rest.TakeWhile(ch => ch != ')' && ch != ':').Any(ch => ch is 'U'))
                        throw Unsupported("the (?U) flag is not supported by MeshOps", p);
                    sb.Append(c);
                    continue;
                }
                default:
                    sb.Append(c);
                    continue;
            }
        }
        return sb.ToString();
    }

    private static string PosixClass(string name, string pattern)
    {
        var negate = name.StartsWith('^');
        var body = (negate ? name[1..] : name) switch
        {
            "alnum" => "0-9A-Za-z",
            "alpha" => "A-Za-z",
            "ascii" => @"\x00-\x7F",
            "blank" => @"\t ",
            "cntrl" => @"\x00-\x1F\x7F",
            "digit" => "0-9",
            "graph" => @"!-~",
            "lower" => "a-z",
            "print" => @" -~",
            "punct" => @"!-/:-@\[-`{-~",
            "space" => @"\t\n\v\f\r ",
            "upper" => "A-Z",
            "word" => "0-9A-Za-z_",
            "xdigit" => "0-9A-Fa-f",
            _ => throw Unsupported("invalid character class range: `[:" + name + ":]`", pattern),
        };
        if (negate) throw Unsupported("negated POSIX classes are not supported by MeshOps: `[:" + name + ":]`", pattern);
        return body;
    }

    private static RegexSyntaxException Unsupported(string what, string pattern) => new("error parsing regexp: " + what);

    /// <summary>The matches Go's FindAll would report: at most n (all when n &lt; 0), no empty match right after a match.</summary>
    public static List<Match> FindAll(Regex re, string s, int n)
    {
        var result = new List<Match>();
        if (n == 0) return result;
        var prevEnd = -1;
        try
        {
            for (var m = re.Match(s); m.Success; m = m.NextMatch())
            {
                var accept = !(m.Length == 0 && m.Index == prevEnd);
                prevEnd = m.Index + m.Length;
                if (!accept) continue;
                result.Add(m);
                if (n > 0 && result.Count >= n) break;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new TemplateFunctionException("regexp: matching took too long (over 5s); simplify the pattern");
        }
        return result;
    }

    /// <summary>Regexp.ReplaceAllString (template expansion) or ReplaceAllLiteralString.</summary>
    public static string ReplaceAll(Regex re, string src, string repl, bool literal)
    {
        var sb = new StringBuilder();
        var lastEnd = 0;
        try
        {
            for (var m = re.Match(src); m.Success; m = m.NextMatch())
            {
                var end = m.Index + m.Length;
                sb.Append(src, lastEnd, m.Index - lastEnd);
                if (end > lastEnd || m.Index == 0)
                {
                    if (literal) sb.Append(repl);
                    else Expand(sb, re, m, repl);
                }
                lastEnd = end;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new TemplateFunctionException("regexp: matching took too long (over 5s); simplify the pattern");
        }
        sb.Append(src, lastEnd, src.Length - lastEnd);
        return sb.ToString();
    }

    /// <summary>Regexp.Expand: $1, ${1}, $name, ${name} ($name takes the longest run of letters, digits and '_'), $$ for '$'.</summary>
    private static void Expand(StringBuilder sb, Regex re, Match m, string template)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                continue;
            }
            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }
            string? name = null;
            var next = i + 1;
            if (template[next] == '{')
            {
                var close = template.IndexOf('}', next + 1);
                if (close > next + 1 && template[(next + 1)..close].All(IsNameChar))
                {
                    name = template[(next + 1)..close];
                    next = close + 1;
                }
            }
            else
            {
                var j = next;
                while (j < template.Length && IsNameChar(template[j])) j++;
                if (j > next)
                {
                    name = template[next..j];
                    next = j;
                }
            }
            if (name == null)
            {
                sb.Append('$'); // a malformed reference is copied as is
                continue;
            }
            Group? g = null;
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var num))
            {
                if (num < m.Groups.Count && re.GetGroupNumbers().Contains(num)) g = m.Groups[num];
            }
            else if (re.GroupNumberFromName(name) >= 0)
            {
                g = m.Groups[name];
            }
            if (g is { Success: true }) sb.Append(g.Value);
            i = next - 1;
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    /// <summary>Regexp.Split.</summary>
    public static List<string> Split(Regex re, string pattern, string s, int n)
    {
        if (n == 0) return new List<string>();
        if (pattern.Length > 0 && s.Length == 0) return new List<string> { "" };
        var matches = FindAll(re, s, n);
        var parts = new List<string>();
        int beg = 0, end = 0;
        foreach (var m in matches)
        {
            if (n > 0 && parts.Count == n - 1) break;
            end = m.Index;
            if (m.Index + m.Length != 0) parts.Add(s[beg..end]);
            beg = m.Index + m.Length;
        }
        if (end != s.Length) parts.Add(s[beg..]);
        return parts;
    }

    /// <summary>regexp.QuoteMeta: backslash before every character of \.+*?()|[]{}^$.</summary>
    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".IndexOf(c) >= 0) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>A pattern Go's regexp would not compile.</summary>
internal sealed class RegexSyntaxException : TemplateFunctionException
{
    public RegexSyntaxException(string message) : base(message) { }
}
