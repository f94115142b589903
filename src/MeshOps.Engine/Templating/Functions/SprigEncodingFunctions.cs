using System.Security.Cryptography;
using System.Text;

namespace MeshOps.Engine.Templating.Functions;

/// <summary>Sprig's encodings, checksums, UUIDs and path helpers (crypto.go's hashes, strings.go, path/filepath entries).</summary>
internal static class SprigEncodingFunctions
{
    public static void Register(IDictionary<string, TemplateFunc> t)
    {
        // Go strings are bytes: encode and hash the bytes the string holds (GoBytes), decode to whatever bytes come out.
        Str(t, "b64enc", s => Convert.ToBase64String(GoBytes.Encode(s)));
        Str(t, "b64dec", s => GoBase64.TryDecode64(s, out var d, out var e) ? GoBytes.Decode(d) : e);
        Str(t, "b32enc", s => GoBase64.Encode32(GoBytes.Encode(s)));
        Str(t, "b32dec", s => GoBase64.TryDecode32(s, out var d, out var e) ? GoBytes.Decode(d) : e);
        Str(t, "sha1sum", s => Hex(SHA1.HashData(GoBytes.Encode(s))));
        Str(t, "sha256sum", s => Hex(SHA256.HashData(GoBytes.Encode(s))));
        Str(t, "sha512sum", s => Hex(SHA512.HashData(GoBytes.Encode(s))));
        Str(t, "adler32sum", s => Adler32(GoBytes.Encode(s)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        t["uuidv4"] = (_, a) =>
        {
            FuncArgs.Count("uuidv4", a, 0);
            return Guid.NewGuid().ToString("D"); // .NET's NewGuid is a random (version 4) UUID, lower-case like Go's
        };
        t["randBytes"] = (_, a) =>
        {
            FuncArgs.Count("randBytes", a, 1);
            var n = FuncArgs.Int(a[0]);
            if (n < 0) throw new TemplateFunctionException("randBytes: count must not be negative");
            return Convert.ToBase64String(RandomNumberGenerator.GetBytes(n));
        };
        Str(t, "base", GoPath.Base);
        Str(t, "dir", GoPath.Dir);
        Str(t, "clean", GoPath.Clean);
        Str(t, "ext", GoPath.Ext);
        Str(t, "isAbs", s => s.StartsWith('/'));
        // filepath on Linux, where Helm renders, behaves as path.
        Str(t, "osBase", GoPath.Base);
        Str(t, "osDir", GoPath.Dir);
        Str(t, "osClean", GoPath.Clean);
        Str(t, "osExt", GoPath.Ext);
        Str(t, "osIsAbs", s => s.StartsWith('/'));
    }

    private static void Str(IDictionary<string, TemplateFunc> t, string name, Func<string, object> f) =>
        t[name] = (_, a) =>
        {
            FuncArgs.Count(name, a, 1);
            return f(FuncArgs.Str(a[0]));
        };

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();

    private static uint Adler32(byte[] data)
    {
        const uint mod = 65521;
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % mod;
            b = (b + a) % mod;
        }
        return (b << 16) | a;
    }
}

/// <summary>Go's path package (slash-separated, lexical).</summary>
internal static class GoPath
{
    /// <summary>path.Clean: the shortest equivalent path; "." for empty.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var p in path.Split('/'))
        {
            if (p.Length == 0 || p == ".") continue;
            if (p == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
                else if (!rooted) parts.Add("..");
                continue;
            }
            parts.Add(p);
        }
        var joined = string.Join('/', parts);
        if (rooted) return "/" + joined;
        return joined.Length == 0 ? "." : joined;
    }

    /// <summary>path.Base: the last element after trailing slashes are removed; "/" or ".".</summary>
    public static string Base(string path)
    {
        if (path.Length == 0) return ".";
        path = path.TrimEnd('/');
        if (path.Length == 0) return "/";
        var i = path.LastIndexOf('/');
        return i >= 0 ? path[(i + 1)..] : path;
    }

    /// <summary>path.Dir: Clean of everything up to the last slash.</summary>
    public static string Dir(string path)
    {
        var i = path.LastIndexOf('/');
        return Clean(path[..(i + 1)]);
    }

    /// <summary>path.Ext: the suffix from the final dot of the last element.</summary>
    public static string Ext(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
            if (path[i] == '.') return path[i..];
        return "";
    }
}
