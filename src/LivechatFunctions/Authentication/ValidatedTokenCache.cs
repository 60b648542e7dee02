using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Authentication;

/// <summary>
/// Users of tokens this instance validated within the last <see cref="TokenCacheOptions.TokenCacheLifetime"/>, so an
/// agent's console paging through history skips the token read. Off by default: while an entry lives, a revoked
/// token still works, and a changed role, department or expiry still reads as it was when the token was read.
/// </summary>
/// <remarks>
/// Only tokens that passed every check are kept, each until its lifetime ends or the token reaches the expiry it had
/// when it was read, whichever comes first; a refused token is read again on every request, so a token issued a
/// moment ago works at once. At most <see cref="Capacity"/> tokens are kept: a token that finds the cache full is
/// read as with the cache off, while the cache frees room in the background.
/// </remarks>
public sealed partial class ValidatedTokenCache : IDisposable
{
    public const int Capacity = 10_000;

    private readonly MemoryCache? _entries;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    public ValidatedTokenCache(IOptions<TokenCacheOptions> options, TimeProvider clock, ILogger<ValidatedTokenCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        _lifetime = options.Value.TokenCacheLifetime;
        _clock = clock;
        if (_lifetime > TimeSpan.Zero)
        {
            _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity });
            // It changes what revoking a token means, so it says so in the log of every instance that runs with it.
            LogEnabled(logger, _lifetime);
        }
    }

    public bool IsEnabled => _entries is not null;

    /// <summary>Tokens held now.</summary>
    internal int Count => _entries?.Count ?? 0;

    /// <summary>The user of a token validated within the lifetime, or <c>null</c> when it must be read.</summary>
    public AuthenticatedUser? Find(string userId, string digest)
    {
        if (_entries is null || !_entries.TryGetValue((userId, digest), out Entry? entry) || entry is null)
        {
            return null;
        }

        // The lifetime runs on the monotonic clock, so a wall clock set back cannot stretch it; the token's own expiry
        // is a wall-clock date. The cache's own expiry only frees memory.
        if (_clock.GetElapsedTime(entry.ReadAt) >= _lifetime || (entry.ExpiresAt is { } expiresAt && _clock.GetUtcNow() >= expiresAt))
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

        var keepFor = tokenExpiresAt is { } expiresAt ? TimeSpan.FromTicks(Math.Min(_lifetime.Ticks, (expiresAt - _clock.GetUtcNow()).Ticks)) : _lifetime;

        if (keepFor <= TimeSpan.Zero)
        {
            return;
        }

        _entries.Set((userId, digest), new Entry(user, _clock.GetTimestamp(), tokenExpiresAt), new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = keepFor,
        });
    }

    public void Dispose() => _entries?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Token cache on: a validated token is not read again for {Lifetime}, so a revoked token keeps working that long")]
    private static partial void LogEnabled(ILogger logger, TimeSpan lifetime);

    private sealed record Entry(AuthenticatedUser User, long ReadAt, DateTimeOffset? ExpiresAt);
}
