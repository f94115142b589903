using System.Numerics;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Blowfish's initial subkeys are the hexadecimal digits of pi after the leading 3: the 18 words of the P-array,
/// then the four 256-word S-boxes. Computing them (Machin's formula, about 33,000 bits) replaces a table of 1,042
/// constants; bcrypt's test vectors check the result.
/// </summary>
internal static class PiWords
{
    /// <summary>18 P-array words plus 4 × 256 S-box words.</summary>
    public const int Count = 18 + 4 * 256;

    private static readonly Lazy<uint[]> Words = new(Compute);

    /// <summary>The first <see cref="Count"/> 32-bit words of pi's fraction, most significant first.</summary>
    public static ReadOnlySpan<uint> All => Words.Value;

    private static uint[] Compute()
    {
        const int fractionBits = Count * 32;
        const int guardBits = 64; // absorbs the truncation of every series term
        var one = BigInteger.One << (fractionBits + guardBits);
        var pi = 16 * ArcTanOfInverse(5, one) - 4 * ArcTanOfInverse(239, one);
        var fraction = (pi >> guardBits) & ((BigInteger.One << fractionBits) - 1);
        var bytes = fraction.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[Count * 4];
        bytes.CopyTo(padded, padded.Length - bytes.Length);
        var words = new uint[Count];
        for (var i = 0; i < Count; i++) words[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(padded.AsSpan(i * 4));
        return words;
    }

    /// <summary>arctan(1/x) scaled by <paramref name="one"/>, from its Taylor series.</summary>
    private static BigInteger ArcTanOfInverse(int x, BigInteger one)
    {
        var xSquared = x * x;
        var power = one / x;
        var sum = power;
        for (var k = 1; !power.IsZero; k++)
        {
            power /= xSquared;
            var term = power / (2 * k + 1);
            sum = (k & 1) == 1 ? sum - term : sum + term;
        }
        return sum;
    }
}
