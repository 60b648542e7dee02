using System.Text.Json;
using LivechatFunctions.Authentication;

namespace LivechatFunctions.Storage;

/// <summary>Reads token documents (spec §4): one point read by digest in the user's partition.</summary>
public sealed class TokenStore(LivechatContainers containers)
{
    /// <summary>The token document, or <c>null</c> when there is none for this user and digest.</summary>
    public Task<TokenRecord?> FindAsync(string userId, string digest, CancellationToken cancellationToken) =>
        StoreCall.ReadDocumentAsync(containers.Tokens, digest, userId, "token read", Read, cancellationToken);

    private static TokenRecord Read(JsonElement token)
    {
        var expiresAt = default(DateTimeOffset?);
        var validExpiry = true;
        if (token.TryGetProperty("expiresAt", out var expiry) && expiry.ValueKind != JsonValueKind.Null)
        {
            // A date that cannot be read is treated as expired: refusing is the safe side.
            validExpiry = false;
            if (expiry.ValueKind == JsonValueKind.String && expiry.TryGetDateTimeOffset(out var parsed))
            {
                validExpiry = true;
                expiresAt = parsed;
            }
        }

        return new TokenRecord(
            UserId: token.TryGetProperty("userId", out var userId) && userId.ValueKind == JsonValueKind.String ? userId.GetString()! : string.Empty,
            Roles: StringArray(token, "roles"),
            Departments: StringArray(token, "departments"),
            ExpiresAt: expiresAt,
            HasValidExpiry: validExpiry);
    }

    // Every request reads these two arrays: one array of the right size, filled in place, rather than a LINQ chain.
    private static string[] StringArray(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var values = new string[array.GetArrayLength()];
        var strings = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values[strings++] = item.GetString()!;
            }
        }

        return strings == values.Length ? values : values[..strings];
    }
}
