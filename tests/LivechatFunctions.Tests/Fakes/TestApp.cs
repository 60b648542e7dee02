using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Moq;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>The endpoint wired over a <see cref="FakeStore"/>, driven through a real ASP.NET Core request.</summary>
public sealed class TestApp(FakeStore store, SearchOptions? search = null, PermissionOptions? permissions = null)
{
    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public CapturingLogger<SearchChatsFunction> FunctionLog { get; } = new();

    public CapturingLogger<TokenAuthenticator> AuthenticatorLog { get; } = new();

    public string InvocationId { get; } = "inv-" + Guid.NewGuid().ToString("N");

    public ChatHistorySearch CreateSearch()
    {
        var table = new PermissionTable(Options.Create(permissions ?? new PermissionOptions()));
        return new ChatHistorySearch(
            new TokenAuthenticator(new TokenStore(store.Containers), Clock, AuthenticatorLog),
            table,
            new RoomAccessPolicy(table),
            new SearchParameterParser(Options.Create(search ?? new SearchOptions())),
            new RoomStore(store.Containers),
            new ChatHistoryStore(store.Containers));
    }

    /// <summary>Sends a GET through the function class and returns the response as the client would see it.</summary>
    public async Task<TestResponse> GetAsync(
        string roomId = Seed.RoomId,
        string visitorId = Seed.VisitorId,
        string query = "",
        string? userId = Seed.AgentId,
        string? token = Seed.AgentToken)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.QueryString = new QueryString(query.Length == 0 || query.StartsWith('?') ? query : "?" + query);
        if (userId is not null)
        {
            http.Request.Headers["X-User-Id"] = userId;
        }

        if (token is not null)
        {
            http.Request.Headers["X-Auth-Token"] = token;
        }

        return await SendAsync(http, roomId, visitorId);
    }

    public async Task<TestResponse> SendAsync(DefaultHttpContext http, string roomId = Seed.RoomId, string visitorId = Seed.VisitorId)
    {
        ArgumentNullException.ThrowIfNull(http);
        var body = new MemoryStream();
        http.Response.Body = body;
        var context = new Mock<FunctionContext>();
        context.SetupGet(c => c.InvocationId).Returns(InvocationId);

        var function = new SearchChatsFunction(CreateSearch(), FunctionLog);
        var result = await function.SearchChats(http.Request, roomId, visitorId, context.Object);
        await result.ExecuteResultAsync(new ActionContext(http, new RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        return new TestResponse(http.Response.StatusCode, http.Response.Headers, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
