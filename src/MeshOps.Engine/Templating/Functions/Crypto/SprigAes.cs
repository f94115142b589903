using System.Security.Cryptography;
using System.Text;

namespace MeshOps.Engine.Templating.Functions.Crypto;

/// <summary>
/// Sprig's encryptAES and decryptAES: AES-256-CBC with the password's bytes zero-padded (or cut) to 32 as the key,
/// PKCS#7 padding, and base64 of IV + ciphertext. Decryption strips as many bytes as the last byte says without
/// checking the padding, and fails with the Go runtime panics Sprig's code hits on short or misaligned input.
/// </summary>
internal static class SprigAes
{
    private const int BlockSize = 16;

    public static string Encrypt(string password, string plaintext)
    {
        if (plaintext.Length == 0) return "";
        using var aes = Aes.Create();
        aes.Key = Key(password);
        var iv = RandomNumberGenerator.GetBytes(BlockSize);
        var ciphertext = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String(iv.Concat(ciphertext).ToArray());
    }

    public static string Decrypt(string password, string crypt64)
    {
        if (crypt64.Length == 0) return "";
        if (!GoBase64.TryDecode64(crypt64, out var data, out var error)) throw new TemplateFunctionException(error);
        if (data.Length < BlockSize)
        {
            // Go slices the IV out of a buffer sized DecodedLen(len(input)).
            var capacity = Encoding.UTF8.GetByteCount(crypt64) / 4 * 3;
            throw new TemplateFunctionException($"runtime error: slice bounds out of range [:{BlockSize}] with capacity {capacity}");
        }
        var body = data.AsSpan(BlockSize);
        if (body.Length % BlockSize != 0) throw new TemplateFunctionException("crypto/cipher: input not full blocks");
        using var aes = Aes.Create();
        aes.Key = Key(password);
        var plain = aes.DecryptCbc(body, data.AsSpan(0, BlockSize), PaddingMode.None);
        if (plain.Length == 0) throw new TemplateFunctionException("runtime error: index out of range [-1]");
        var end = plain.Length - plain[^1];
        if (end < 0) throw new TemplateFunctionException($"runtime error: slice bounds out of range [:{end}]");
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    private static byte[] Key(string password)
    {
        var key = new byte[32];
        var bytes = Encoding.UTF8.GetBytes(password);
        bytes.AsSpan(0, Math.Min(bytes.Length, key.Length)).CopyTo(key);
        return key;
    }
}
