using System.Net;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// deploy/nginx/livechat-functions.conf.template under real nginx, in front of livechat-local and a stand-in for
/// the rest of Rocket.Chat: the endpoint's answers come through unchanged, whatever their status, and every other
/// path reaches Rocket.Chat.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class NginxProxyTests(LocalHostFixture fixture, NginxRigs rigs) : IClassFixture<NginxRigs>
{
    private const string Endpoint = "api/v1/livechat/visitors.searchChats";

    /// <summary>Each request by name: method, path below the endpoint, query, login, and the status it must get.</summary>
    private static readonly Dictionary<string, (string Method, string Path, string Query, string? UserId, string? Token, HttpStatusCode Status)> Requests = new()
    {
        ["page"] = ("GET", "{room}", "?count=5", "demo-agent", "demo-agent-token", HttpStatusCode.OK),
        ["page with every parameter"] = ("GET", "{room}", "?offset=1&count=3&sort=%7B%22ts%22%3A1%7D&closedChatsOnly=false&servedChatsOnly=true&source=widget&searchText=", "demo-agent", "demo-agent-token", HttpStatusCode.OK),
        ["no user id"] = ("GET", "{room}", "", null, "demo-agent-token", HttpStatusCode.Unauthorized),
        ["no token"] = ("GET", "{room}", "", "demo-agent", null, HttpStatusCode.Unauthorized),
        ["wrong token"] = ("GET", "{room}", "", "demo-agent", "not-the-token", HttpStatusCode.Unauthorized),
        ["expired token"] = ("GET", "{room}", "", "demo-expired", "demo-expired-token", HttpStatusCode.Unauthorized),
        ["no livechat role"] = ("GET", "{room}", "", "demo-user", "demo-user-token", HttpStatusCode.Forbidden),
        ["unknown parameter"] = ("GET", "{room}", "?fields=1", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["count not a number"] = ("GET", "{room}", "?count=ten", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["negative offset"] = ("GET", "{room}", "?offset=-1", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["count given twice"] = ("GET", "{room}", "?count=1&count=2", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["bad sort"] = ("GET", "{room}", "?sort=%7B%22open%22%3A1%7D", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["unknown room"] = ("GET", "room/no-such-room/visitor/{visitor}", "", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["encoded slashes in the room id"] = ("GET", "room/..%2F..%2Ftokens/visitor/{visitor}", "", "demo-agent", "demo-agent-token", HttpStatusCode.BadRequest),
        ["room not allowed"] = ("GET", "{room}", "", "demo-agent-support", "demo-agent-support-token", HttpStatusCode.BadRequest),
        ["unknown path under the endpoint"] = ("GET", "room/x", "", "demo-agent", "demo-agent-token", HttpStatusCode.NotFound),
        ["POST"] = ("POST", "{room}", "", "demo-agent", "demo-agent-token", HttpStatusCode.MethodNotAllowed),
        ["DELETE"] = ("DELETE", "{room}", "", "demo-agent", "demo-agent-token", HttpStatusCode.MethodNotAllowed),
    };

    public static TheoryData<string> RequestNames() => [.. Requests.Keys];

    [SkippableTheory]
    [MemberData(nameof(RequestNames))]
    public async Task An_answer_through_nginx_is_the_function_answer_byte_for_byte(string name)
    {
        var (method, path, query, userId, token, status) = Requests[name];
        var (roomId, visitorId) = fixture.Host.DemoData!.SuggestedRoom;
        var target = $"/{Endpoint}/{path.Replace("{room}", $"room/{roomId}/visitor/{visitorId}", StringComparison.Ordinal).Replace("{visitor}", visitorId, StringComparison.Ordinal)}{query}";
        var rig = await rigs.ForAsync(fixture.Host.BaseAddress);

        var direct = await SendAsync(fixture.Client, fixture.Host.BaseAddress, method, target, userId, token);
        var proxied = await SendAsync(rig.Client, rig.Nginx.BaseAddress, method, target, userId, token);

        Assert.Equal(status, direct.Status);
        AssertSameAnswer(direct, proxied);
    }

    [SkippableFact]
    public async Task A_503_with_retry_after_comes_through_unchanged()
    {
        NginxExecutable.Require();
        await using var host = await LocalFunctionHost.StartAsync(
            LocalHostOptions.Parse(StoreHostArguments.UnreachableStore(NginxProxy.FreePort())), CancellationToken.None);
        await using var rig = await ProxyRig.StartAsync(host.BaseAddress);
        var target = host.FunctionUrl("r", "v").PathAndQuery;

        var direct = await SendAsync(fixture.Client, host.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");
        var proxied = await SendAsync(rig.Client, rig.Nginx.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, direct.Status);
        Assert.Contains("retry-after: ", direct.Headers, StringComparison.Ordinal);
        AssertSameAnswer(direct, proxied);
    }

    [SkippableFact]
    public async Task A_500_comes_through_unchanged()
    {
        NginxExecutable.Require();
        await using var host = await LocalFunctionHost.StartAsync(
            LocalHostOptions.Parse(StoreHostArguments.MissingTokensContainer(fixture.Host.EmbeddedStoreEndpoint)), CancellationToken.None);
        await using var rig = await ProxyRig.StartAsync(host.BaseAddress);
        var target = host.FunctionUrl("r", "v").PathAndQuery;

        var direct = await SendAsync(fixture.Client, host.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");
        var proxied = await SendAsync(rig.Client, rig.Nginx.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");

        Assert.Equal(HttpStatusCode.InternalServerError, direct.Status);
        AssertSameAnswer(direct, proxied);
    }

    [SkippableFact]
    public async Task A_refusal_after_an_accepted_request_for_the_same_url_is_not_served_from_a_cache()
    {
        var (roomId, visitorId) = fixture.Host.DemoData!.SuggestedRoom;
        var target = $"/{Endpoint}/room/{roomId}/visitor/{visitorId}?count=2";
        var rig = await rigs.ForAsync(fixture.Host.BaseAddress);

        var accepted = await SendAsync(rig.Client, rig.Nginx.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");
        var refused = await SendAsync(rig.Client, rig.Nginx.BaseAddress, "GET", target, "demo-agent", "not-the-token");

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
    }

    [SkippableTheory]
    [InlineData("/")]
    [InlineData("/home")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/v1/livechat/visitors.search?term=maria")]
    [InlineData("/api/v1/livechat/visitors.searchChats")]
    [InlineData("/api/v1/livechat/visitors.searchChatsAll/room/a/visitor/b")]
    [InlineData("/api/v1/livechat/visitor/abc?x=%2F")]
    [InlineData("/sockjs/info?cb=123")]
    public async Task Every_other_path_reaches_rocket_chat_unchanged(string target)
    {
        var rig = await rigs.ForAsync(fixture.Host.BaseAddress);
        var before = rig.RocketChat.Requests.Count;

        var answer = await SendAsync(rig.Client, rig.Nginx.BaseAddress, "GET", target, "demo-agent", "demo-agent-token");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal($"rocket.chat: GET {target}", answer.BodyText);
        var received = rig.RocketChat.Requests.Skip(before).Single(r => r.Target == target);
        Assert.Equal(rig.Nginx.BaseAddress.Authority, received.Headers["Host"]);
        Assert.Equal("demo-agent", received.Headers["X-User-Id"]);
        Assert.Equal("demo-agent-token", received.Headers["X-Auth-Token"]);
        Assert.Equal("https", received.Headers["X-Forwarded-Proto"]);
    }

    private static void AssertSameAnswer(ProxiedAnswer direct, ProxiedAnswer proxied)
    {
        Assert.Equal(direct.Status, proxied.Status);
        Assert.Equal(direct.Headers, proxied.Headers);
        Assert.Equal(direct.Body, proxied.Body);
    }

    internal static async Task<ProxiedAnswer> SendAsync(HttpClient client, Uri baseAddress, string method, string target, string? userId, string? token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(baseAddress, target));
        if (userId is not null)
        {
            request.Headers.Add("X-User-Id", userId);
        }

        if (token is not null)
        {
            request.Headers.Add("X-Auth-Token", token);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, timeout.Token);
        return await ProxiedAnswer.ReadAsync(response, timeout.Token);
    }
}
