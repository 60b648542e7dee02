using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace LivechatFunctions.Authentication;

/// <summary>
/// The id of a token document: SHA-256 of the UTF-8 token, base64url without padding (spec §4). Rocket.Chat
/// keeps the same digest as standard base64, so <see cref="FromRocketChatHashedToken"/> only swaps characters.
/// </summary>
public static class TokenDigest
{
    public static string Compute(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(token.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var length = Encoding.UTF8.GetBytes(token, rented);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(rented.AsSpan(0, length), hash);
            return Base64Url.EncodeToString(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>Converts Rocket.Chat's <c>hashedToken</c> (standard base64) to this store's id.</summary>
    public static string FromRocketChatHashedToken(string hashedToken)
    {
        ArgumentNullException.ThrowIfNull(hashedToken);
        return hashedToken.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}
