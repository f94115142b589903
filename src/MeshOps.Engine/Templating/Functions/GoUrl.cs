using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>The parts of Go's net/url that Sprig's urlParse and urlJoin use.</summary>
internal sealed class GoUrl
{
    public string Scheme = "", Opaque = "", Host = "", Path = "", RawQuery = "", Fragment = "";
    public string? User; // userinfo as Userinfo.String() gives it; null when absent

    /// <summary>url.Parse; throws with Go's message on failure.</summary>
    public static GoUrl Parse(string raw)
    {
        var u = new GoUrl();
        var hash = raw.IndexOf('#');
        var rest = raw;
        if (hash >= 0)
        {
            u.Fragment = Unescape(raw[(hash + 1)..], raw);
            rest = raw[..hash];
        }
        if (rest.Any(c => c < 0x20 || c == 0x7F))
            throw new TemplateFunctionException($"parse {GoQuote.Quote(raw)}: net/url: invalid control character in URL");
        var colon = SchemeEnd(rest);
        if (colon == 0) throw new TemplateFunctionException($"parse {GoQuote.Quote(raw)}: missing protocol scheme");
        if (colon > 0)
        {
            u.Scheme = rest[..colon].ToLowerInvariant();
            rest = rest[(colon + 1)..];
        }
        var q = rest.IndexOf('?');
        if (q >= 0)
        {
            u.RawQuery = rest[(q + 1)..];
            rest = rest[..q];
        }
        if (!rest.StartsWith('/') && u.Scheme.Length > 0)
        {
            u.Opaque = rest;
            return u;
        }
        if (rest.StartsWith("//", StringComparison.Ordinal) && (u.Scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            rest = slash >= 0 ? authority[slash..] : "";
            authority = slash >= 0 ? authority[..slash] : authority;
            var at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                u.User = authority[..at];
                authority = authority[(at + 1)..];
            }
            u.Host = Unescape(authority, raw);
        }
        u.Path = Unescape(rest, raw);
        return u;
    }

    // getScheme: index of the ':' ending a valid scheme; -1 when there is none, 0 for a leading ':'.
    private static int SchemeEnd(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiLetter(c)) continue;
            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0) return -1;
                continue;
            }
            if (c == ':') return i;
            return -1;
        }
        return -1;
    }

    private static string Unescape(string s, string raw)
    {
        if (s.IndexOf('%') < 0) return s;
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%')
            {
                if (i + 2 >= s.Length || !Uri.IsHexDigit(s[i + 1]) || !Uri.IsHexDigit(s[i + 2]))
                {
                    var bad = s.Substring(i, Math.Min(3, s.Length - i));
                    throw new TemplateFunctionException($"parse {GoQuote.Quote(raw)}: invalid URL escape {GoQuote.Quote(bad)}");
                }
                bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(s[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>Hostname(): the host without port and IPv6 brackets.</summary>
    public string Hostname()
    {
        var host = Host;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            return close > 0 ? host[1..close] : host[1..];
        }
        var colon = host.LastIndexOf(':');
        return colon >= 0 ? host[..colon] : host;
    }

    /// <summary>URL.String().</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Scheme.Length > 0) sb.Append(Scheme).Append(':');
        if (Opaque.Length > 0)
        {
            sb.Append(Opaque);
        }
        else
        {
            if (Scheme.Length > 0 || Host.Length > 0 || User != null)
            {
                if (Host.Length > 0 || Path.Length > 0 || User != null) sb.Append("//");
                if (User != null) sb.Append(User).Append('@');
                sb.Append(Host);
            }
            var path = Escape(Path, "$&+,/:;=@");
            if (path.Length > 0 && path[0] != '/' && Host.Length > 0) sb.Append('/');
            if (sb.Length == 0)
            {
                // A first path segment with a colon would read as a scheme: Go prefixes "./".
                var seg = path.Split('/')[0];
                if (seg.Contains(':')) sb.Append("./");
            }
            sb.Append(path);
        }
        if (RawQuery.Length > 0) sb.Append('?').Append(RawQuery);
        if (Fragment.Length > 0) sb.Append('#').Append(Escape(Fragment, "$&+,/:;=?@!()*"));
        return sb.ToString();
    }

    private static string Escape(string s, string allowed)
    {
        var sb = new StringBuilder();
        foreach (var b in GoBytes.Encode(s))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~' || allowed.IndexOf(c) >= 0)) sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2"));
        }
        return sb.ToString();
    }
}
