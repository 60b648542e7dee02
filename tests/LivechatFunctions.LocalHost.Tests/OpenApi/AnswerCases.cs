using System.Collections.Concurrent;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests.OpenApi;

/// <summary>
/// One real answer of every kind the contract has, by name, each fetched once per test class from the running local
/// host (503 and 500 from hosts started for them: an unreachable store, a missing container).
/// </summary>
public sealed class AnswerCases : IAsyncLifetime
{
    /// <summary>Each case's request: query, login, room, and the status the contract gives it.</summary>
    internal static readonly IReadOnlyDictionary<string, (string Query, string? UserId, string? Token, string? RoomId, int Status)> Requests =
        new Dictionary<string, (string, string?, string?, string?, int)>
        {
            ["page"] = ("?count=5", "demo-agent", "demo-agent-token", null, 200),
            ["every chat, filters off"] = ("?count=0&closedChatsOnly=false&servedChatsOnly=false", "demo-admin", "demo-admin-token", null, 200),
            ["past the last chat"] = ("?offset=100000", "demo-agent", "demo-agent-token", null, 200),
            ["no user id"] = ("", null, "demo-agent-token", null, 401),
            ["no token"] = ("", "demo-agent", null, null, 401),
            ["wrong token"] = ("", "demo-agent", "not-the-token", null, 401),
            ["expired token"] = ("", "demo-expired", "demo-expired-token", null, 401),
            ["no livechat role"] = ("", "demo-user", "demo-user-token", null, 403),
            ["unknown parameter"] = ("?fields=1", "demo-agent", "demo-agent-token", null, 400),
            ["count not a number"] = ("?count=ten", "demo-agent", "demo-agent-token", null, 400),
            ["negative offset"] = ("?offset=-1", "demo-agent", "demo-agent-token", null, 400),
            ["count given twice"] = ("?count=1&count=2", "demo-agent", "demo-agent-token", null, 400),
            ["bad sort"] = ("?sort=%7B%22open%22%3A1%7D", "demo-agent", "demo-agent-token", null, 400),
            ["unknown room"] = ("", "demo-agent", "demo-agent-token", "no-such-room", 400),
            ["room not allowed"] = ("", "demo-agent-support", "demo-agent-support-token", null, 400),
            ["store unreachable"] = ("", "demo-agent", "demo-agent-token", null, 503),
            ["store misconfigured"] = ("", "demo-agent", "demo-agent-token", null, 500),
        };

    private readonly ConcurrentDictionary<string, Lazy<Task<RecordedAnswer>>> _answers = new();

    public static TheoryData<string> Names() => [.. Requests.Keys];

    internal Task<RecordedAnswer> GetAsync(string name, LocalHostFixture fixture) =>
        _answers.GetOrAdd(name, n => new Lazy<Task<RecordedAnswer>>(() => FetchAsync(n, fixture))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<RecordedAnswer> FetchAsync(string name, LocalHostFixture fixture)
    {
        var (query, userId, token, roomId, status) = Requests[name];
        var (demoRoom, visitorId) = fixture.Host.DemoData!.SuggestedRoom;
        if (status is 503 or 500)
        {
            await using var failing = await LocalFunctionHost.StartAsync(LocalHostOptions.Parse(FailingStore(status, fixture)), CancellationToken.None);
            return await SendAsync(fixture.Client, failing.FunctionUrl("r", "v"), userId, token);
        }

        return await SendAsync(fixture.Client, new Uri(fixture.Host.FunctionUrl(roomId ?? demoRoom, visitorId) + query), userId, token);
    }

    private static string[] FailingStore(int status, LocalHostFixture fixture) => status == 503
        ? StoreHostArguments.UnreachableStore(StoreHostArguments.ClosedPort())
        : StoreHostArguments.MissingTokensContainer(fixture.Host.EmbeddedStoreEndpoint);

    private static async Task<RecordedAnswer> SendAsync(HttpClient client, Uri url, string? userId, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (userId is not null)
        {
            request.Headers.Add("X-User-Id", userId);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        using var response = await client.SendAsync(request);
        return await RecordedAnswer.ReadAsync(response);
    }
}
