using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Sprig's derivePassword: the Master Password algorithm (Maarten Billemont). scrypt turns the master password and
/// user name into a key; HMAC-SHA256 of the site name and counter is the seed that picks a template of character
/// classes and one character per class.
/// </summary>
internal static class MasterPassword
{
    private const string Scope = "com.lyndir.masterpassword";

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["maximum"] = new[] { "anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno" },
        ["long"] = new[]
        {
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno",
            "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno",
            "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno",
            "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        },
        ["medium"] = new[] { "CvcnoCvc", "CvcCvcno" },
        ["short"] = new[] { "Cvcn" },
        ["basic"] = new[] { "aaanaaan", "aannaaan", "aaannaaa" },
        ["pin"] = new[] { "nnnn" },
    };

    private static readonly Dictionary<char, string> CharacterClasses = new()
    {
        ['V'] = "AEIOU",
        ['C'] = "BCDFGHJKLMNPQRSTVWXYZ",
        ['v'] = "aeiou",
        ['c'] = "bcdfghjklmnpqrstvwxyz",
        ['A'] = "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        ['a'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        ['n'] = "0123456789",
        ['o'] = "@&%?,=[]_:-+*$#!'^~;()/.",
        ['x'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    /// <summary>The site password; an unknown type gives Sprig's message as the result, as Sprig does.</summary>
    public static string Derive(uint counter, string passwordType, string password, string user, string site)
    {
        if (!Templates.TryGetValue(passwordType, out var templates)) return "cannot find password template " + passwordType;
        var key = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), ScopedName(user, null), 32768, 8, 2, 64);
        var seed = HMACSHA256.HashData(key, ScopedName(site, counter));
        var template = templates[seed[0] % templates.Length];
        var sb = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var characters = CharacterClasses[template[i]];
            sb.Append(characters[seed[i + 1] % characters.Length]);
        }
        return sb.ToString();
    }

    // scope, big-endian byte length of the name, the name, and (for the site) the big-endian counter.
    private static byte[] ScopedName(string name, uint? counter)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new List<byte>(Scope.Length + 8 + nameBytes.Length);
        buffer.AddRange(Encoding.ASCII.GetBytes(Scope));
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)nameBytes.Length);
        buffer.AddRange(number.ToArray());
        buffer.AddRange(nameBytes);
        if (counter is { } c)
        {
            BinaryPrimitives.WriteUInt32BigEndian(number, c);
            buffer.AddRange(number.ToArray());
        }
        return buffer.ToArray();
    }
}
