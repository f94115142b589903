namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Blowfish with bcrypt's expensive key schedule (Provos and Mazières, "A Future-Adaptable Password Scheme"):
/// the state starts from pi's digits and is re-keyed with the key and the salt; blocks are big-endian word pairs.
/// </summary>
internal sealed class EksBlowfish
{
    private readonly uint[] _p = new uint[18];
    private readonly uint[] _s = new uint[4 * 256];

    public EksBlowfish()
    {
        var pi = PiWords.All;
        pi[..18].CopyTo(_p);
        pi[18..].CopyTo(_s);
    }

    /// <summary>
    /// Mixes <paramref name="key"/> (cycled) into the P-array, then re-derives P and S by encrypting a running block
    /// that absorbs <paramref name="salt"/> (cycled) when one is given.
    /// </summary>
    public void ExpandKey(ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt)
    {
        var k = 0;
        for (var i = 0; i < _p.Length; i++) _p[i] ^= NextWord(key, ref k);
        uint l = 0, r = 0;
        var s = 0;
        for (var i = 0; i < _p.Length; i += 2)
        {
            Absorb(salt, ref s, ref l, ref r);
            Encrypt(ref l, ref r);
            _p[i] = l;
            _p[i + 1] = r;
        }
        for (var i = 0; i < _s.Length; i += 2)
        {
            Absorb(salt, ref s, ref l, ref r);
            Encrypt(ref l, ref r);
            _s[i] = l;
            _s[i + 1] = r;
        }
    }

    /// <summary>Encrypts one 64-bit block given as its two big-endian halves.</summary>
    public void Encrypt(ref uint left, ref uint right)
    {
        var l = left ^ _p[0];
        var r = right;
        for (var i = 1; i <= 16; i += 2)
        {
            r ^= Feistel(l) ^ _p[i];
            l ^= Feistel(r) ^ _p[i + 1];
        }
        left = r ^ _p[17];
        right = l;
    }

    private uint Feistel(uint x) =>
        ((_s[x >> 24] + _s[256 + ((x >> 16) & 0xFF)]) ^ _s[512 + ((x >> 8) & 0xFF)]) + _s[768 + (x & 0xFF)];

    private static void Absorb(ReadOnlySpan<byte> salt, ref int position, ref uint l, ref uint r)
    {
        if (salt.IsEmpty) return;
        l ^= NextWord(salt, ref position);
        r ^= NextWord(salt, ref position);
    }

    private static uint NextWord(ReadOnlySpan<byte> data, ref int position)
    {
        uint word = 0;
        for (var i = 0; i < 4; i++)
        {
            word = (word << 8) | data[position];
            position = (position + 1) % data.Length;
        }
        return word;
    }
}
