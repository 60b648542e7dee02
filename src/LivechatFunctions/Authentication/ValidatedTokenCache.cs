using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Authentication;

/// <summary>
/// Users of tokens this instance validated within the last <see cref="TokenCacheOptions.TokenCacheLifetime"/>, so an
/// agent's console paging through history skips the token read. Off by default: while an entry lives, a revoked
/// token still works and a changed role or department still reads as it was.
/// </summary>
/// <remarks>
/// Only tokens that passed every check are kept, each until its lifetime ends or the token expires, whichever
/// comes first; a refused token is read again on every request, so a token issued a moment ago works at once.
/// At most <see cref="Capacity"/> tokens are kept: past that a token is simply read, as with the cache off.
/// </remarks>
public sealed class ValidatedTokenCache : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache? _entries;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public ValidatedTokenCache(IOptions<TokenCacheOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _lifetime = options.Value.TokenCacheLifetime;
        _clock = clock;
        if (_lifetime > TimeSpan.Zero)
        {
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity });
        }
    }

    public bool IsEnabled => _entries is not null;

    /// <summary>The user of a token validated within the lifetime, or <c>null</c> when it must be read.</summary>
    public AuthenticatedUser? Find(string userId, string digest)
    {
        if (_entries is null || !_entries.TryGetValue((userId, digest), out Entry? entry) || entry is null)
        {
            return null;
        }

        // The cache's own expiry runs on the system clock and only frees memory; this check is the one that counts.
        if (_clock.GetUtcNow() >= entry.ValidUntil)
        {
            _entries.Remove((userId, digest));
            return null;
        }

        return entry.User;
    }

    /// <summary>Keeps a token that passed every check, never past <paramref name="tokenExpiresAt"/>.</summary>
    public void Remember(string userId, string digest, AuthenticatedUser user, DateTimeOffset? tokenExpiresAt)
    {
        if (_entries is null)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var validUntil = now + _lifetime;
        if (tokenExpiresAt is { } expiresAt && expiresAt < validUntil)
        {
            validUntil = expiresAt;
        }

        if (validUntil <= now)
        {
            return;
        }

        _entries.Set((userId, digest), new Entry(user, validUntil), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = validUntil - now,
        });
    }

    public void Dispose() => _entries?.Dispose();

    private sealed record Entry(AuthenticatedUser User, DateTimeOffset ValidUntil);
}
