using LivechatFunctions.Storage;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Authentication;

/// <summary>
/// Turns the <c>X-User-Id</c>/<c>X-Auth-Token</c> pair into a user with one point read (spec §2.1, §4), or none
/// when the token was validated within the lifetime of <see cref="ValidatedTokenCache"/> (off by default).
/// </summary>
public sealed partial class TokenAuthenticator(TokenStore tokens, ValidatedTokenCache cache, TimeProvider clock, ILogger<TokenAuthenticator> logger)
{
    /// <summary>Returns the user, or <c>null</c> when the caller is not logged in.</summary>
    public async Task<AuthenticatedUser?> AuthenticateAsync(string? userId, string? token, CancellationToken cancellationToken)
    {
        // No token document can be stored under a user id longer than a partition key may be, and asking for one
        // makes stores answer with errors (431, 400) instead of "not found".
        if (!StoreLimits.CanBePartitionKey(userId) || string.IsNullOrEmpty(token))
        {
            return null;
        }

        var digest = TokenDigest.Compute(token);
        if (cache.Find(userId, digest) is { } known)
        {
            return known;
        }

        var record = await tokens.FindAsync(userId, digest, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // The partition already scopes the read to this user; the check guards a document written into the wrong one.
        if (!string.Equals(record.UserId, userId, StringComparison.Ordinal))
        {
            LogOwnerMismatch(logger);
            return null;
        }

        if (!record.HasValidExpiry || (record.ExpiresAt is { } expiresAt && clock.GetUtcNow() >= expiresAt))
        {
            return null;
        }

        var user = new AuthenticatedUser(userId, record.Roles, record.Departments);
        cache.Remember(userId, digest, user, record.ExpiresAt);
        return user;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token document's userId does not match its partition; the token was refused")]
    private static partial void LogOwnerMismatch(ILogger logger);
}
