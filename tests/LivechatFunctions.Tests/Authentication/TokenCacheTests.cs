using LivechatFunctions.Authentication;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authentication;

/// <summary>The cache of validated tokens (issue 6): off by default, and never longer than its lifetime or the token.</summary>
public class TokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Digest = TokenDigest.Compute("secret");

    private readonly FixedClock _clock = new(Now);
    private readonly FakeStore _store = new();

    private TokenAuthenticator CreateAuthenticator(TimeSpan lifetime) => new(
        new TokenStore(_store.Containers),
        new ValidatedTokenCache(Options.Create(new TokenCacheOptions { TokenCacheLifetime = lifetime }), _clock),
        _clock,
        new CapturingLogger<TokenAuthenticator>());

    private void StoreToken(string userId = "u1", string? expiresAt = null, string role = "livechat-agent") =>
        _store.AddToken(userId, Digest, Seed.Token(userId, role, expiresAt, "dep1"));

    [Fact]
    public async Task By_default_every_request_reads_its_token()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(new TokenCacheOptions().TokenCacheLifetime);
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task By_default_a_revoked_token_stops_working_at_once()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.Zero);
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        _store.RemoveToken("u1", Digest);
        Assert.Null(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
    }

    [Fact]
    public async Task With_a_lifetime_a_repeated_request_skips_the_token_read_and_gets_the_same_user()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        var first = await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None);
        _clock.Now = Now.AddSeconds(29);
        var second = await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None);
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
        await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None);
        _store.RemoveToken("u1", Digest);
        _clock.Now = Now.AddSeconds(29);
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        _clock.Now = Now.AddSeconds(30);
        Assert.Null(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
    }

    [Fact]
    public async Task A_cached_token_is_refused_from_the_moment_the_token_itself_expires()
    {
        StoreToken(expiresAt: "2025-01-01T12:00:10.000Z");
        var authenticator = CreateAuthenticator(TimeSpan.FromMinutes(1));
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        _clock.Now = Now.AddSeconds(10);
        Assert.Null(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_refused_token_is_not_remembered_so_a_token_issued_after_it_works_at_once()
    {
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.Null(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        StoreToken();
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_cached_token_counts_only_for_the_user_it_was_read_for()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.Null(await authenticator.AuthenticateAsync("u2", "secret", CancellationToken.None));
        Assert.Equal(2, _store.PointReads);
    }

    [Fact]
    public async Task A_cached_user_does_not_answer_for_another_token_of_the_same_user()
    {
        StoreToken();
        var authenticator = CreateAuthenticator(TimeSpan.FromSeconds(30));
        Assert.NotNull(await authenticator.AuthenticateAsync("u1", "secret", CancellationToken.None));
        Assert.Null(await authenticator.AuthenticateAsync("u1", "other", CancellationToken.None));
        Assert.Equal(2, _store.PointReads);
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
    public void A_lifetime_that_is_negative_or_not_short_is_refused(string lifetime)
    {
        using var services = Services(lifetime);
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ValidatedTokenCache>());
        Assert.Contains("Authentication:TokenCacheLifetime", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Services(string lifetime) => new ServiceCollection()
        .AddLogging()
        .AddLivechatSearch(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = "https://127.0.0.1:8081/",
            ["Authentication:TokenCacheLifetime"] = lifetime,
        }).Build())
        .BuildServiceProvider();
}
