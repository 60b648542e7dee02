using System.Buffers.Text;
using System.Text.Json;
using LivechatFunctions.Authentication;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// A <c>users</c> document as token documents (spec §4): one per entry of <c>services.resume.loginTokens</c> of
/// an active user, keyed by the digest Rocket.Chat already stores. Login tokens expire like Rocket.Chat's
/// (<c>when</c> + the login expiration setting) and carry a <c>ttl</c> so Cosmos DB deletes them then; personal
/// access tokens never expire and keep their <c>createdAt</c>. Each user with an <c>active</c> field also yields
/// the set of token ids that may stay: the user's other token documents are gone from Rocket.Chat.
/// </summary>
/// <param name="clock">"Now", for expiry and ttl.</param>
/// <param name="loginExpiration">Rocket.Chat's Accounts_LoginExpiration.</param>
/// <param name="departmentsByAgent">Departments per agent when the export includes them; <c>null</c> writes no departments field.</param>
public sealed class TokenConverter(TimeProvider clock, TimeSpan loginExpiration, IReadOnlyDictionary<string, IReadOnlyList<string>>? departmentsByAgent)
{
    public const string PersonalAccessTokenType = "personalAccessToken";

    private const int Sha256Bytes = 32;
    private const int Sha256Base64Length = 44;

    public UserConversion Convert(JsonElement user, string source)
    {
        if (!user.TryGetProperty("_id", out var idElement) || !ExtendedJson.TryGetString(idElement, out var userId)
            || !CosmosIds.IsStorablePartitionKey(userId))
        {
            return UserConversion.Skipped(SkipReasons.UserWithoutId);
        }

        if (!user.TryGetProperty("active", out var active) || active.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            // Nothing proves the user active or not: write nothing and take nothing away.
            return UserConversion.Skipped(SkipReasons.UserWithoutActiveField);
        }

        if (active.ValueKind == JsonValueKind.False)
        {
            // Rocket.Chat accepts no token of a deactivated user (deactivating empties loginTokens).
            return UserConversion.Skipped(SkipReasons.UserInactive) with
            {
                Reconciliation = new TokenReconciliation(userId, new HashSet<string>(StringComparer.Ordinal), DeletionReasons.TokenOfInactiveUser, source),
            };
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        var reconciliation = new TokenReconciliation(userId, kept, DeletionReasons.TokenNoLongerListed, source);
        if (!TryGetLoginTokens(user, out var loginTokens))
        {
            // Logged out everywhere (an empty list) or never logged in (no list): no token of this user is accepted.
            // A list that is not an array proves nothing.
            var proven = loginTokens.ValueKind is JsonValueKind.Array or JsonValueKind.Undefined;
            return UserConversion.Skipped(SkipReasons.UserWithoutTokens) with { Reconciliation = proven ? reconciliation : null };
        }

        var identity = new UserIdentity(
            userId,
            user.TryGetProperty("username", out var name) && ExtendedJson.TryGetString(name, out var username) ? username : null,
            StringsOf(user, "roles"),
            departmentsByAgent is null ? null : departmentsByAgent.GetValueOrDefault(userId, []));
        var now = clock.GetUtcNow();
        var documents = new List<ConvertedDocument>();
        var skips = new List<SkipReason>();
        foreach (var token in loginTokens.EnumerateArray())
        {
            if (ToDocument(token, identity, now, source) is { } document)
            {
                documents.Add(document);
                kept.Add(document.Id);
                continue;
            }

            var skip = SkipReasonOf(token, now);
            skips.Add(skip);
            // A token whose expiry cannot be told is not proven gone: an earlier document of it stays.
            if (skip == SkipReasons.TokenWithoutWhen && DigestOf(token) is { } undecided)
            {
                kept.Add(undecided);
            }
        }

        return new UserConversion(documents, skips) { Reconciliation = reconciliation };
    }

    private ConvertedDocument? ToDocument(JsonElement token, UserIdentity user, DateTimeOffset now, string source)
    {
        if (DigestOf(token) is not { } id)
        {
            return null;
        }

        var isPersonalAccessToken = IsPersonalAccessToken(token);
        // Rocket.Chat gives login tokens 'when' and personal access tokens 'createdAt'.
        var createdAt = InstantOf(token, isPersonalAccessToken ? "createdAt" : "when") ?? (isPersonalAccessToken ? InstantOf(token, "when") : null);
        DateTimeOffset? expiresAt = null;
        if (!isPersonalAccessToken)
        {
            if (createdAt is null)
            {
                return null;
            }

            expiresAt = createdAt.Value + loginExpiration;
            if (expiresAt <= now)
            {
                return null;
            }
        }

        var json = DocumentJson.Write(256, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("userId", user.UserId);
            if (user.Username is not null)
            {
                writer.WriteString("username", user.Username);
            }

            WriteStrings(writer, "roles", user.Roles);
            if (user.Departments is not null)
            {
                WriteStrings(writer, "departments", user.Departments);
            }

            if (createdAt is { } created)
            {
                writer.WriteString("createdAt", ExtendedJson.FormatInstant(created));
            }

            if (expiresAt is { } expires)
            {
                writer.WriteString("expiresAt", ExtendedJson.FormatInstant(expires));
                // Cosmos DB counts ttl from the document's last write, so each run gives the time left from now.
                writer.WriteNumber("ttl", (int)Math.Ceiling((expires - now).TotalSeconds));
            }

            writer.WriteEndObject();
        });
        return new ConvertedDocument(DocumentKind.Token, id, user.UserId, json, source);
    }

    private SkipReason SkipReasonOf(JsonElement token, DateTimeOffset now)
    {
        if (DigestOf(token) is null)
        {
            return SkipReasons.TokenWithoutDigest;
        }

        return token.TryGetProperty("when", out var when) && ExtendedJson.TryGetInstant(when, out var created) && created + loginExpiration <= now
            ? SkipReasons.TokenExpired
            : SkipReasons.TokenWithoutWhen;
    }

    private static string? DigestOf(JsonElement token)
    {
        if (token.ValueKind != JsonValueKind.Object || !token.TryGetProperty("hashedToken", out var hashed) || hashed.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        // Standard base64 of 32 bytes is 44 characters; Base64.IsValid alone would also let whitespace through.
        var text = hashed.GetString()!;
        return text.Length == Sha256Base64Length && Base64.IsValid(text, out var length) && length == Sha256Bytes
            ? TokenDigest.FromRocketChatHashedToken(text)
            : null;
    }

    private static DateTimeOffset? InstantOf(JsonElement token, string name) =>
        token.TryGetProperty(name, out var value) && ExtendedJson.TryGetInstant(value, out var instant) ? instant : null;

    private static bool IsPersonalAccessToken(JsonElement token) =>
        token.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(PersonalAccessTokenType);

    private static bool TryGetLoginTokens(JsonElement user, out JsonElement loginTokens)
    {
        loginTokens = default;
        return user.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Object
            && services.TryGetProperty("resume", out var resume) && resume.ValueKind == JsonValueKind.Object
            && resume.TryGetProperty("loginTokens", out loginTokens) && loginTokens.ValueKind == JsonValueKind.Array
            && loginTokens.GetArrayLength() > 0;
    }

    /// <summary>Whether the exported user has <c>services.resume.loginTokens</c> at all (an empty list counts).</summary>
    public static bool HasLoginTokensField(JsonElement user)
    {
        return user.ValueKind == JsonValueKind.Object
            && user.TryGetProperty("services", out var services) && services.ValueKind == JsonValueKind.Object
            && services.TryGetProperty("resume", out var resume) && resume.ValueKind == JsonValueKind.Object
            && resume.TryGetProperty("loginTokens", out _);
    }

    private static string[] StringsOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private sealed record UserIdentity(string UserId, string? Username, IReadOnlyList<string> Roles, IReadOnlyList<string>? Departments);
}
