using LivechatFunctions.Authentication;

namespace LivechatFunctions.Tests.Authentication;

public class TokenDigestTests
{
    [Fact]
    public void Digest_is_sha256_of_utf8_in_base64url_without_padding()
    {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
        Assert.Equal("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", TokenDigest.Compute("abc"));
    }

    [Fact]
    public void Non_ascii_tokens_are_hashed_as_utf8()
    {
        // SHA-256 of the UTF-8 bytes C3 A9 ("é").
        Assert.Equal(TokenDigest.FromRocketChatHashedToken(Convert.ToBase64String(
            System.Security.Cryptography.SHA256.HashData("é"u8))), TokenDigest.Compute("é"));
    }

    [Fact]
    public void Rocket_chat_hashed_token_converts_by_swapping_characters()
    {
        // The standard base64 form of the digest above, as Rocket.Chat stores it in loginTokens[].hashedToken.
        Assert.Equal("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", TokenDigest.FromRocketChatHashedToken("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="));
    }
}
