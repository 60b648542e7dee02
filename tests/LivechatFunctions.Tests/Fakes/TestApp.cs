using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>The endpoint wired over a <see cref="FakeStore"/>, driven through a real ASP.NET Core request.</summary>
public sealed class TestApp(FakeStore store, SearchOptions? search = null, PermissionOptions? permissions = null, RoutingOptions? routing = null)
{
    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public CapturingLogger<SearchChatsFunction> FunctionLog { get; } = new();

    public CapturingLogger<TokenAuthenticator> AuthenticatorLog { get; } = new();

    public string InvocationId { get; } = "inv-" + Guid.NewGuid().ToString("N");

    /// <summary>Off, as by default; shared by every search this app creates.</summary>
    public ValidatedTokenCache TokenCache => _tokenCache ??= new ValidatedTokenCache(Options.Create(new TokenCacheOptions()), Clock, new CapturingLogger<ValidatedTokenCache>());

    private ValidatedTokenCache? _tokenCache;

    public ChatHistorySearch CreateSearch()
    {
        var table = new PermissionTable(Options.Create(permissions ?? new PermissionOptions()));
        return new ChatHistorySearch(
            new TokenAuthenticator(new TokenStore(store.Containers), TokenCache, Clock, AuthenticatorLog),
            table,
            new RoomAccessPolicy(table, Options.Create(routing ?? new RoutingOptions())),
            new SearchParameterParser(Options.Create(search ?? new SearchOptions())),
            new RoomStore(store.Containers),
            new ChatHistoryStore(store.Containers));
    }

    /// <summary>Sends a GET through the function class and returns the response as the client would see it.</summary>
    public Task<TestResponse> GetAsync(
        string roomId = Seed.RoomId,
        string visitorId = Seed.VisitorId,
        string query = "",
        string? userId = Seed.AgentId,
        string? token = Seed.AgentToken) =>
        SendAsync(FunctionDriver.CreateGet(query, userId, token), roomId, visitorId);

    public Task<TestResponse> SendAsync(DefaultHttpContext http, string roomId = Seed.RoomId, string visitorId = Seed.VisitorId) =>
        FunctionDriver.SendAsync(new SearchChatsFunction(CreateSearch(), FunctionLog), InvocationId, http, roomId, visitorId);
}
