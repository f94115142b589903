using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// bcrypt as golang.org/x/crypto/bcrypt writes it (Sprig's bcrypt and htpasswd): <c>$2a$</c>, a two-digit cost,
/// 16 random salt bytes and 23 of the 24 hash bytes, both in bcrypt's base64 alphabet without padding. The key is
/// the password plus its terminating NUL, as C implementations use it. BouncyCastle computes the raw hash; this
/// class only gives it Go's text form and checks.
/// </summary>
internal static class Bcrypt
{
    /// <summary>golang.org/x/crypto/bcrypt's DefaultCost, which Sprig uses.</summary>
    public const int DefaultCost = 10;

    /// <summary>GenerateFromPassword refuses longer passwords (bcrypt only reads 72 key bytes).</summary>
    public const int MaxPasswordBytes = 72;

    private const int SaltBytes = 16;
    private const int EncodedSaltLength = 22;
    private const int EncodedHashLength = 31;
    private const string StandardAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string BcryptAlphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>GenerateFromPassword with a fresh random salt; throws with Go's message for a password over 72 bytes.</summary>
    public static string Generate(ReadOnlySpan<byte> password, int cost = DefaultCost)
    {
        if (password.Length > MaxPasswordBytes) throw new ArgumentException("bcrypt: password length exceeds 72 bytes");
        return Hash(password, cost, RandomNumberGenerator.GetBytes(SaltBytes));
    }

    /// <summary>The full hash string for a given 16-byte salt (deterministic; test vectors use it).</summary>
    public static string Hash(ReadOnlySpan<byte> password, int cost, ReadOnlySpan<byte> salt)
    {
        if (cost is < 4 or > 31) throw new ArgumentOutOfRangeException(nameof(cost), "bcrypt cost must be between 4 and 31");
        if (salt.Length != SaltBytes) throw new ArgumentException("bcrypt salt must be 16 bytes", nameof(salt));
        return "$2a$" + cost.ToString("00", CultureInfo.InvariantCulture) + "$" + Encode(salt) + Encode(RawHash(password, cost, salt));
    }

    /// <summary>
    /// CompareHashAndPassword: true when <paramref name="hash"/> ("$2$", "$2a$", "$2b$", "$2y$"...) is well formed
    /// and was made from <paramref name="password"/>.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> password, string hash)
    {
        if (!TryParse(hash, out var cost, out var encodedSalt, out var encodedHash)) return false;
        byte[] salt;
        try
        {
            salt = Decode(encodedSalt);
        }
        catch (FormatException)
        {
            return false;
        }
        if (salt.Length != SaltBytes) return false;
        var expected = Encoding.ASCII.GetBytes(Encode(RawHash(password, cost, salt)));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(encodedHash));
    }

    // "$" major [minor] "$" two-digit cost "$" 22 salt characters, then the hash characters.
    private static bool TryParse(string hash, out int cost, out string salt, out string encodedHash)
    {
        cost = 0;
        salt = encodedHash = "";
        if (hash.Length < 59 || hash[0] != '$' || hash[1] != '2') return false;
        var n = hash[2] == '$' ? 3 : 4;
        if (n == 4 && hash[3] != '$') return false;
        if (!int.TryParse(hash.AsSpan(n, 2), NumberStyles.None, CultureInfo.InvariantCulture, out cost) || cost is < 4 or > 31) return false;
        if (hash[n + 2] != '$') return false;
        var start = n + 3;
        if (hash.Length - start != EncodedSaltLength + EncodedHashLength) return false;
        salt = hash.Substring(start, EncodedSaltLength);
        encodedHash = hash[(start + EncodedSaltLength)..];
        return true;
    }

    // Go's key is the password and its terminating NUL; Blowfish's key schedule reads at most 72 bytes of it, so the
    // same 72 bytes go to BouncyCastle unchanged.
    private static byte[] RawHash(ReadOnlySpan<byte> password, int cost, ReadOnlySpan<byte> salt)
    {
        var key = new byte[Math.Min(password.Length + 1, MaxPasswordBytes)];
        password[..Math.Min(password.Length, key.Length)].CopyTo(key);
        var hash = BCrypt.Generate(key, salt.ToArray(), cost, addTerminator: false);
        return hash[..23]; // the historical implementations encode 23 of the 24 bytes
    }

    /// <summary>Standard base64 bit packing over bcrypt's alphabet, without padding.</summary>
    internal static string Encode(ReadOnlySpan<byte> data)
    {
        var standard = Convert.ToBase64String(data).TrimEnd('=');
        var sb = new StringBuilder(standard.Length);
        foreach (var c in standard) sb.Append(BcryptAlphabet[StandardAlphabet.IndexOf(c)]);
        return sb.ToString();
    }

    internal static byte[] Decode(string text)
    {
        var sb = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            var i = BcryptAlphabet.IndexOf(c);
            if (i < 0) throw new FormatException("not bcrypt base64");
            sb.Append(StandardAlphabet[i]);
        }
        while (sb.Length % 4 != 0) sb.Append('=');
        return Convert.FromBase64String(sb.ToString());
    }
}
