namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Go's net.ParseIP (strict: dotted decimal without leading zeros, IPv6 with at most one "::" and an optional
/// trailing dotted quad, no zone) and the form x509 writes into a SAN: 4 bytes for IPv4 and IPv4-mapped IPv6.
/// .NET's IPAddress.TryParse accepts much more ("1", "0x1.2", zones), so it is not used.
/// </summary>
internal static class GoIp
{
    /// <summary>The address as x509 encodes it, or null when Go's ParseIP rejects the text.</summary>
    public static byte[]? ParseForCertificate(string text)
    {
        var ip = text.Contains(':') ? ParseV6(text) : ParseV4(text);
        if (ip == null) return null;
        if (ip.Length == 16 && IsV4Mapped(ip)) return ip[12..];
        return ip;
    }

    private static bool IsV4Mapped(byte[] ip)
    {
        for (var i = 0; i < 10; i++) if (ip[i] != 0) return false;
        return ip[10] == 0xFF && ip[11] == 0xFF;
    }

    private static byte[]? ParseV4(string s)
    {
        var parts = s.Split('.');
        if (parts.Length != 4) return null;
        var ip = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0')) return null;
            var v = 0;
            foreach (var c in p)
            {
                if (c is < '0' or > '9') return null;
                v = v * 10 + (c - '0');
            }
            if (v > 255) return null;
            ip[i] = (byte)v;
        }
        return ip;
    }

    private static byte[]? ParseV6(string s)
    {
        var ip = new byte[16];
        var gap = s.IndexOf("::", StringComparison.Ordinal);
        if (gap >= 0 && s.IndexOf("::", gap + 1, StringComparison.Ordinal) >= 0) return null;
        var head = gap >= 0 ? s[..gap] : s;
        var tail = gap >= 0 ? s[(gap + 2)..] : "";
        var headGroups = head.Length == 0 ? new List<byte[]>() : Groups(head, allowV4: gap < 0);
        var tailGroups = tail.Length == 0 ? new List<byte[]>() : Groups(tail, allowV4: true);
        if (headGroups == null || tailGroups == null) return null;
        var headBytes = headGroups.Sum(g => g.Length);
        var tailBytes = tailGroups.Sum(g => g.Length);
        if (gap < 0 ? headBytes != 16 : headBytes + tailBytes > 14) return null;
        var at = 0;
        foreach (var g in headGroups) { g.CopyTo(ip, at); at += g.Length; }
        at = 16 - tailBytes;
        foreach (var g in tailGroups) { g.CopyTo(ip, at); at += g.Length; }
        return ip;
    }

    // Colon-separated hex groups of up to 4 digits; the last may be a dotted quad.
    private static List<byte[]>? Groups(string s, bool allowV4)
    {
        var parts = s.Split(':');
        var groups = new List<byte[]>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var p = parts[i];
            if (i == parts.Length - 1 && allowV4 && p.Contains('.'))
            {
                var v4 = ParseV4(p);
                if (v4 == null) return null;
                groups.Add(v4);
                continue;
            }
            if (p.Length is 0 or > 4) return null;
            var v = 0;
            foreach (var c in p)
            {
                var d = Uri.IsHexDigit(c) ? Convert.ToInt32(c.ToString(), 16) : -1;
                if (d < 0) return null;
                v = v * 16 + d;
            }
            groups.Add(new[] { (byte)(v >> 8), (byte)v });
        }
        return groups;
    }
}
