using System.Security.Cryptography;
using System.Text;

namespace ExternalDns.Core.Registry;

/// <summary>
/// Encryption of TXT ownership values as upstream's <c>endpoint/crypto.go</c>: the plain value is gzipped, then
/// sealed with AES-256-GCM under a 12-byte nonce; the stored text is <c>base64(nonce ‖ ciphertext ‖ 16-byte tag)</c>.
/// <para>
/// Compatibility: values written by upstream decrypt here and values written here decrypt in upstream. Encryption
/// is deterministic for a given key, nonce and plaintext, but Go's deflate and .NET's produce different bytes, so a
/// value re-encrypted here differs from the one upstream stored. <see cref="TxtRegistry"/> therefore re-uses the
/// exact stored text whenever it rewrites a value it read (same nonce and plaintext), so switching from upstream
/// causes no TXT churn and deletes carry the exact stored value.
/// </para>
/// </summary>
public static class TxtEncryption
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>
    /// Parses <c>--txt-encrypt-aes-key</c> as upstream: 32 raw (UTF-8) bytes, or base64 of 32 bytes. Returns null for an
    /// empty key. The exception names the flag and never contains the key.
    /// </summary>
    public static byte[]? ParseKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var raw = Encoding.UTF8.GetBytes(key);
        if (raw.Length == KeySize)
        {
            return raw;
        }

        var decoded = new byte[raw.Length];
        if (!Convert.TryFromBase64String(key, decoded, out var written) || written != KeySize)
        {
            throw new RegistryConfigurationException(
                "--txt-encrypt-aes-key must be 32 bytes long, in either plain text or base64-encoded format");
        }

        return decoded[..KeySize];
    }

    /// <summary>A fresh random nonce, base64-encoded (the form kept in the <c>txt-encryption-nonce</c> label).</summary>
    public static string GenerateNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(NonceSize));

    /// <summary>True when <paramref name="nonce"/> is the base64 of exactly <see cref="NonceSize"/> bytes.</summary>
    public static bool IsValidNonce(string? nonce)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[NonceSize + 3];
        return Convert.TryFromBase64String(nonce, buffer, out var written) && written == NonceSize;
    }

    /// <summary>Encrypts <paramref name="text"/> (without quotes) under the base64 <paramref name="nonce"/>.</summary>
    public static string Encrypt(string text, byte[] key, string nonce)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValidNonce(nonce))
        {
            throw new ArgumentException("the nonce must be base64 of 12 bytes", nameof(nonce));
        }

        var nonceBytes = Convert.FromBase64String(nonce);
        var plain = GoGzip.Compress(Encoding.UTF8.GetBytes(text));
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        nonceBytes.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(
            nonceBytes,
            plain,
            sealedBytes.AsSpan(NonceSize, plain.Length),
            sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>
    /// Decrypts a value written by <see cref="Encrypt"/> or by upstream. Returns false (never throws) when the text is
    /// not base64, too short, fails authentication under <paramref name="key"/>, or does not decompress.
    /// </summary>
    public static bool TryDecrypt(string text, byte[] key, out string plaintext, out string nonce)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(key);
        plaintext = string.Empty;
        nonce = string.Empty;
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length <= NonceSize + TagSize)
        {
            return false;
        }

        var data = buffer.AsSpan(0, length);
        var cipher = data[NonceSize..^TagSize];
        var compressed = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(data[..NonceSize], cipher, data[^TagSize..], compressed);
            plaintext = Encoding.UTF8.GetString(GoGzip.Decompress(compressed));
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }

        nonce = Convert.ToBase64String(data[..NonceSize]);
        return true;
    }
}
