using System.Numerics;
using System.Security.Cryptography;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Ed25519 signatures (RFC 8032) from a 32-byte seed, as Go's crypto/ed25519 makes them; .NET has no Ed25519.
/// Plain BigInteger arithmetic in extended twisted Edwards coordinates: certificates sign a few hundred bytes, so
/// speed does not matter, and no secret-dependent timing matters for keys a template writes into its output.
/// </summary>
internal static class Ed25519
{
    public const int SeedSize = 32;

    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger L = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    /// <summary>The 32-byte public key of a seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed) => Encode(Multiply(ExpandSeed(seed, out _), Base));

    /// <summary>The 64-byte signature of <paramref name="message"/>.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var a = ExpandSeed(seed, out var prefix);
        var publicKey = Encode(Multiply(a, Base));
        var r = HashToScalar(prefix, message.ToArray());
        var encodedR = Encode(Multiply(r, Base));
        var k = HashToScalar(encodedR, publicKey, message.ToArray());
        var s = (r + k * a) % L;
        var signature = new byte[64];
        encodedR.CopyTo(signature, 0);
        Little(s).CopyTo(signature, 32);
        return signature;
    }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        if (!TryDecode(publicKey, out var a) || !TryDecode(signature[..32], out var r)) return false;
        var s = new BigInteger(signature[32..], isUnsigned: true);
        if (s >= L) return false;
        var k = HashToScalar(signature[..32].ToArray(), publicKey.ToArray(), message.ToArray());
        var left = Encode(Multiply(s, Base));
        var right = Encode(Add(r, Multiply(k, a)));
        return left.AsSpan().SequenceEqual(right);
    }

    // SHA-512 of the seed: the clamped first half is the secret scalar, the second half the nonce prefix.
    private static BigInteger ExpandSeed(ReadOnlySpan<byte> seed, out byte[] prefix)
    {
        if (seed.Length != SeedSize) throw new ArgumentException("an Ed25519 seed is 32 bytes", nameof(seed));
        var h = SHA512.HashData(seed);
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        prefix = h[32..];
        return new BigInteger(h.AsSpan(0, 32), isUnsigned: true);
    }

    // SHA-512 of the concatenated parts, as a little-endian integer modulo the group order.
    private static BigInteger HashToScalar(params byte[][] parts)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        foreach (var part in parts) sha.AppendData(part);
        return new BigInteger(sha.GetHashAndReset(), isUnsigned: true) % L;
    }

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(2 * D * p.T * q.T);
        var d = Mod(2 * p.Z * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(BigInteger scalar, Point point)
    {
        var result = new Point(0, 1, 1, 0);
        while (scalar > 0)
        {
            if (!scalar.IsEven) result = Add(result, point);
            point = Add(point, point);
            scalar >>= 1;
        }
        return result;
    }

    // y in little-endian with the low bit of x in the top bit.
    private static byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var y = Mod(point.Y * zInverse);
        var bytes = Little(y);
        if (!x.IsEven) bytes[31] |= 0x80;
        return bytes;
    }

    private static bool TryDecode(ReadOnlySpan<byte> encoded, out Point point)
    {
        point = default;
        var bytes = encoded.ToArray();
        var sign = bytes[31] >> 7;
        bytes[31] &= 0x7F;
        var y = new BigInteger(bytes, isUnsigned: true);
        if (y >= P || !TryRecoverX(y, sign, out var x)) return false;
        point = new Point(x, y, 1, Mod(x * y));
        return true;
    }

    // x from y on -x² + y² = 1 + d x² y²: x² = (y² - 1) / (d y² + 1), square root by (p+3)/8 exponent.
    private static bool TryRecoverX(BigInteger y, int sign, out BigInteger x)
    {
        var y2 = y * y;
        var x2 = Mod((y2 - 1) * Inverse(Mod(D * y2 + 1)));
        x = 0;
        if (x2.IsZero) return sign == 0;
        x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (!Mod(x * x - x2).IsZero) x = Mod(x * SqrtMinusOne);
        if (!Mod(x * x - x2).IsZero) return false;
        if ((int)(x & 1) != sign) x = P - x;
        return true;
    }

    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        TryRecoverX(y, 0, out var x);
        return new Point(x, y, 1, Mod(x * y));
    }

    private static byte[] Little(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    private static BigInteger Mod(BigInteger value)
    {
        var m = value % P;
        return m.Sign < 0 ? m + P : m;
    }

    private static BigInteger Inverse(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);
}
