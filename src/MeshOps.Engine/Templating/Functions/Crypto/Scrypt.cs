using System.Numerics;
using Org.BouncyCastle.Crypto.Generators;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// The scrypt key derivation function (RFC 7914), which .NET lacks, from BouncyCastle; the parameter checks and
/// their messages are golang.org/x/crypto/scrypt's.
/// </summary>
internal static class Scrypt
{
    public static byte[] DeriveKey(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int n, int r, int p, int length)
    {
        if (n < 2 || !BitOperations.IsPow2(n)) throw new ArgumentException("scrypt: N must be > 1 and a power of 2", nameof(n));
        if (r < 1 || p < 1 || (long)r * p >= 1 << 30 || r > int.MaxValue / 128 / p || r > int.MaxValue / 256 || n > int.MaxValue / 128 / r)
            throw new ArgumentException("scrypt: parameters are too large");
        return SCrypt.Generate(password.ToArray(), salt.ToArray(), n, r, p, length);
    }
}
