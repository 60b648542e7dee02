using LivechatFunctions.Authentication;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authentication;

/// <summary>The cache of validated tokens: off by default, and never longer than its lifetime or the token.</summary>
public sealed class TokenCacheTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Digest = TokenDigest.Compute("secret");

    private readonly FixedClock _clock = new(Now);
    private readonly FakeStore _store = new();
    private readonly List<ValidatedTokenCache> _caches = [];

    public void Dispose() => _caches.ForEach(cache => cache.Dispose());

    private ValidatedTokenCache CreateCache(TimeSpan lifetime, CapturingLogger<ValidatedTokenCache>? log = null)
    {
        var cache = new ValidatedTokenCache(
            Options.Create(new TokenCacheOptions { TokenCacheLifetime = lifetime }), _clock, log ?? new CapturingLogger<ValidatedTokenCache>());
        _caches.Add(cache);
        return cache;
    }

    private TokenAuthenticator CreateAuthenticator(TimeSpan lifetime) =>
        new(new TokenStore(_store.Containers), CreateCache(lifetime), _clock, new CapturingLogger<TokenAuthenticator>());

    private static Task<AuthenticatedUser?> Authenticate(TokenAuthenticator authenticator, string userId = "u1", string token = "secret") =>
        authenticator.AuthenticateAsync(userId, token, CancellationToken.None);

    private void StoreToken(string userId = "u1", string? expiresAt = null, string owner = "u1") =>
        _store.AddToken(userId, Digest, Seed.Token(owner, "livechat-agent", expiresAt, "dep1"));

    [Fact]
    public async Task By_default_every_request_reads_its_token()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(new TokenCacheOptions().TokenCacheLifetime);
        Assert.NotNull(await Authenticate(authenticator));
        Assert.NotNull(await Authenticate(authenticator));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task By_default_a_revoked_token_stops_working_at_once()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(new TokenCacheOptions().TokenCacheLifetime);
        Assert.NotNull(await Authenticate(authenticator));
        _store.RemoveToken("u1", Digest);
        Assert.Null(await Authenticate(authenticator));
    }

    [Fact]
    public async Task With_a_lifetime_a_repeated_request_skips_the_token_read_and_gets_the_same_user()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        var first = await Authenticate(authenticator);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var second = await Authenticate(authenticator);
        Assert.Equal(1, _store.PointReads);
        Assert.NotNull(second);
        Assert.Equal(first!.Id, second.Id);
        Assert.Equal(["livechat-agent"], second.Roles);
        Assert.Equal(["dep1"], second.Departments);
    }

    [Fact]
    public async Task With_a_lifetime_a_revoked_token_works_until_the_lifetime_ends()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        await Authenticate(authenticator);
        _store.RemoveToken("u1", Digest);
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.NotNull(await Authenticate(authenticator));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await Authenticate(authenticator));
    }

    [Fact]
    public async Task A_wall_clock_set_back_does_not_stretch_the_lifetime()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        await Authenticate(authenticator);
        _store.RemoveToken("u1", Digest);
        _clock.Now = Now.AddHours(-1);
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await Authenticate(authenticator));
    }

    [Fact]
    public async Task A_cached_token_is_refused_from_the_moment_the_token_itself_expires()
    {
        StoreToken(expiresAt: "2025-01-01T12:00:10.000Z");
        var authenticator = CreateAuthenticator(TimeSpan.FromMinutes(1));
        Assert.NotNull(await Authenticate(authenticator));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(await Authenticate(authenticator));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered_so_a_token_issued_after_it_works_at_once()
    {
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.Null(await Authenticate(authenticator));
        StoreToken();
        Assert.NotNull(await Authenticate(authenticator));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_token_with_an_unreadable_expiry_is_read_and_refused_every_time()
    {
        StoreToken(expiresAt: "not a date");
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.Null(await Authenticate(authenticator));
        Assert.Null(await Authenticate(authenticator));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_token_document_of_another_owner_is_read_and_refused_every_time()
    {
        StoreToken(owner: "someone-else");
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.Null(await Authenticate(authenticator));
        Assert.Null(await Authenticate(authenticator));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_cached_token_counts_only_for_the_user_it_was_read_for()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.NotNull(await Authenticate(authenticator));
        Assert.Null(await Authenticate(authenticator, userId: "u2"));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_cached_user_does_not_answer_for_another_token_of_the_same_user()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.NotNull(await Authenticate(authenticator));
        Assert.Null(await Authenticate(authenticator, token: "other"));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public void The_cache_holds_no_more_tokens_than_its_capacity()
    {
        var cache = CreateCache(TimeSpan.FromSeconds(30));
        var user = new AuthenticatedUser("u", [], []);
        for (var i = 0; i < ValidatedTokenCache.Capacity + 500; i++)
        {
            cache.Remember("u" + i, Digest, user, null);
        }

        Assert.InRange(cache.Count, 1, ValidatedTokenCache.Capacity);
    }

    [Fact]
    public void Turning_the_cache_on_is_logged_with_its_lifetime_and_leaving_it_off_is_not()
    {
        var on = new CapturingLogger<ValidatedTokenCache>();
        var off = new CapturingLogger<ValidatedTokenCache>();
        CreateCache(TimeSpan.FromSeconds(30), on);
        CreateCache(TimeSpan.Zero, off);
        Assert.Contains("00:00:30", on.AllText, StringComparison.Ordinal);
        Assert.Empty(off.Lines);
    }

    [Fact]
    public void Without_the_setting_the_cache_is_off()
    {
        using var services = Services(null);
        Assert.False(services.GetRequiredService<ValidatedTokenCache>().IsEnabled);
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("00:05:00")]
    [InlineData("00:00:00")]
    public void The_lifetime_is_read_from_configuration(string lifetime)
    {
        using var services = Services(lifetime);
        Assert.Equal(TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture),
            services.GetRequiredService<IOptions<TokenCacheOptions>>().Value.TokenCacheLifetime);
        Assert.Equal(lifetime != "00:00:00", services.GetRequiredService<ValidatedTokenCache>().IsEnabled);
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:05:01")]
    [InlineData("1.00:00:00")]
    public async Task A_lifetime_that_is_negative_or_not_short_stops_the_host_at_start(string lifetime)
    {
        // No defaults: the test's own settings only, not this machine's environment variables.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings(lifetime));
        builder.Services.AddLivechatSearch(builder.Configuration);
        using var host = builder.Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Authentication:TokenCacheLifetime", error.Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(string? lifetime)
    {
        var settings = new Dictionary<string, string?> { ["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/" };
        if (lifetime is not null)
        {
            settings["Authentication:TokenCacheLifetime"] = lifetime;
        }

        return settings;
    }

    private static ServiceProvider Services(string? lifetime) => new ServiceCollection()
        .AddLogging()
        .AddLivechatSearch(new ConfigurationBuilder().AddInMemoryCollection(Settings(lifetime)).Build())
        .BuildServiceProvider();
}
