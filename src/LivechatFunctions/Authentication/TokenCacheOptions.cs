namespace LivechatFunctions.Authentication;

/// <summary>The cache of validated tokens (configuration section "Authentication"); off unless a lifetime is set.</summary>
public sealed class TokenCacheOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The longest lifetime accepted: the cache saves round trips between a console's requests, it is not a session.</summary>
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a validated token is taken on trust without reading it again. Zero (the default) reads every
    /// token on every request, so a revoked token stops working at once.
    /// </summary>
    public TimeSpan TokenCacheLifetime { get; set; } = TimeSpan.Zero;

    /// <summary>Whether <see cref="TokenCacheLifetime"/> is one the app accepts: zero, or up to <see cref="LongestLifetime"/>.</summary>
    public bool IsValid => TokenCacheLifetime >= TimeSpan.Zero && TokenCacheLifetime <= LongestLifetime;
}
