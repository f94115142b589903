using System.Text;
using System.Text.RegularExpressions;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>gobwas/glob with '/' as separator (Helm's Files.Glob): *, **, ?, [abc], [!a-z], {a,b} and \ escapes.</summary>
internal static class GlobPattern
{
    /// <summary>The glob as an anchored regex; null when gobwas/glob would fail to compile it.</summary>
    public static Regex? Compile(string pattern)
    {
        var sb = new StringBuilder("^");
        var braces = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    if (i + 1 < pattern.Length && pattern[i + 1] == '*')
                    {
                        sb.Append(".*");
                        i++;
                    }
                    else
                    {
                        sb.Append("[^/]*");
                    }
                    break;
                case '?':
                    sb.Append("[^/]");
                    break;
                case '[':
                {
                    var close = pattern.IndexOf(']', i + 1);
                    if (close < 0) return null;
                    var body = pattern[(i + 1)..close];
                    var negate = body.StartsWith('!');
                    if (negate) body = body[1..];
                    if (body.Length == 0) return null;
                    sb.Append('[').Append(negate ? "^" : "").Append(body.Replace("\\", "\\\\").Replace("[", "\\[")).Append(']');
                    i = close;
                    break;
                }
                case '{':
                    braces++;
                    sb.Append("(?:");
                    break;
                case '}' when braces > 0:
                    braces--;
                    sb.Append(')');
                    break;
                case ',' when braces > 0:
                    sb.Append('|');
                    break;
                case '\\':
                    if (i + 1 >= pattern.Length) return null;
                    sb.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        if (braces != 0) return null;
        sb.Append("\\z");
        try
        {
            return new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(5));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
