using LivechatFunctions.Authentication;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authentication;

public class TokenAuthenticatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static async Task<AuthenticatedUser?> Authenticate(FakeStore store, string? userId, string? token)
    {
        var clock = new FixedClock(Now);
        using var cacheOff = new ValidatedTokenCache(Options.Create(new TokenCacheOptions()), clock, new CapturingLogger<ValidatedTokenCache>());
        return await new TokenAuthenticator(new TokenStore(store.Containers), cacheOff, clock, new CapturingLogger<TokenAuthenticator>())
            .AuthenticateAsync(userId, token, CancellationToken.None);
    }

    private static FakeStore StoreWithToken(string? expiresAt = null)
    {
        var store = new FakeStore();
        store.AddToken("u1", TokenDigest.Compute("secret"), Seed.Token("u1", "livechat-agent", expiresAt, "dep1"));
        return store;
    }

    [Fact]
    public async Task A_stored_token_authenticates_its_user_with_roles_and_departments()
    {
        var user = await Authenticate(StoreWithToken(), "u1", "secret");
        Assert.NotNull(user);
        Assert.Equal("u1", user.Id);
        Assert.Equal(["livechat-agent"], user.Roles);
        Assert.Equal(["dep1"], user.Departments);
    }

    [Fact]
    public async Task Roles_and_departments_that_are_not_strings_are_left_out_and_the_rest_kept()
    {
        var store = new FakeStore();
        store.AddToken("u1", TokenDigest.Compute("secret"),
            """{"id":"x","userId":"u1","roles":[7,"livechat-agent",null,{"name":"admin"},"livechat-manager"],"departments":[true,"dep1"]}""");
        var user = await Authenticate(store, "u1", "secret");
        Assert.NotNull(user);
        Assert.Equal(["livechat-agent", "livechat-manager"], user.Roles);
        Assert.Equal(["dep1"], user.Departments);
    }

    [Theory]
    [InlineData(null, "secret")]
    [InlineData("u1", null)]
    [InlineData("", "secret")]
    [InlineData("u1", "")]
    public async Task Missing_or_empty_headers_are_refused_without_a_store_read(string? userId, string? token)
    {
        var store = StoreWithToken();
        Assert.Null(await Authenticate(store, userId, token));
        Assert.Equal(0, store.PointReads);
    }

    [Fact]
    public async Task A_wrong_token_is_refused() => Assert.Null(await Authenticate(StoreWithToken(), "u1", "other"));

    [Fact]
    public async Task Another_users_token_is_refused() => Assert.Null(await Authenticate(StoreWithToken(), "u2", "secret"));

    [Fact]
    public async Task A_token_past_its_expiry_is_refused() =>
        Assert.Null(await Authenticate(StoreWithToken("2025-01-01T11:59:59.999Z"), "u1", "secret"));

    [Fact]
    public async Task A_token_is_refused_at_the_moment_it_expires() =>
        Assert.Null(await Authenticate(StoreWithToken("2025-01-01T12:00:00.000Z"), "u1", "secret"));

    [Fact]
    public async Task A_token_before_its_expiry_is_accepted() =>
        Assert.NotNull(await Authenticate(StoreWithToken("2025-01-01T12:00:00.001Z"), "u1", "secret"));

    [Fact]
    public async Task An_unreadable_expiry_is_treated_as_expired() =>
        Assert.Null(await Authenticate(StoreWithToken("not a date"), "u1", "secret"));

    [Fact]
    public async Task A_document_whose_user_differs_from_its_partition_is_refused()
    {
        var store = new FakeStore();
        store.AddToken("u1", TokenDigest.Compute("secret"), Seed.Token("someone-else", "admin"));
        Assert.Null(await Authenticate(store, "u1", "secret"));
    }

    [Fact]
    public async Task The_read_uses_the_digest_as_id_and_the_user_as_partition()
    {
        var store = new FakeStore();
        store.AddToken("u1", "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", Seed.Token("u1", "admin"));
        Assert.NotNull(await Authenticate(store, "u1", "abc"));
        Assert.Equal(1, store.PointReads);
    }
}
