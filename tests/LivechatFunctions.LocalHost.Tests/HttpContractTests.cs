using System.Net;
using System.Text.Json;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The contract over real HTTP, against the local host serving the function class.</summary>
[Collection(LocalHostCollection.Name)]
public class HttpContractTests(LocalHostFixture fixture)
{
    private (string RoomId, string VisitorId) DemoRoom => fixture.Host.DemoData!.SuggestedRoom;

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> Get(
        string query = "", string? userId = "demo-agent", string? token = "demo-agent-token", string? roomId = null, string? visitorId = null)
    {
        var response = await fixture.GetAsync(roomId ?? DemoRoom.RoomId, visitorId ?? DemoRoom.VisitorId, query, userId, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task The_demo_request_returns_a_page_of_history()
    {
        var (status, body, _) = await Get("?count=5");
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["history", "count", "offset", "total", "success"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(5, json.RootElement.GetProperty("history").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("total").GetInt32() > 5);
        Assert.All(json.RootElement.GetProperty("history").EnumerateArray(), item =>
            Assert.Equal(DemoRoom.VisitorId, item.GetProperty("v").GetProperty("_id").GetString()));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "", "demo-agent", "demo-agent-token")]
    [InlineData(HttpStatusCode.Unauthorized, "", "demo-agent", "wrong")]
    [InlineData(HttpStatusCode.Forbidden, "", "demo-user", "demo-user-token")]
    [InlineData(HttpStatusCode.BadRequest, "?bogus=1", "demo-agent", "demo-agent-token")]
    [InlineData(HttpStatusCode.BadRequest, "?sort=x", "demo-agent", "demo-agent-token")]
    [InlineData(HttpStatusCode.BadRequest, "", "demo-agent-support", "demo-agent-support-token")]
    public async Task Answers_have_exactly_the_json_type_and_are_never_cached(HttpStatusCode expected, string query, string userId, string token)
    {
        var (status, _, response) = await Get(query, userId, token);
        Assert.Equal(expected, status);
        AssertContractHeaders(response);
    }

    [Fact]
    public async Task The_hosts_own_404_has_the_contract_headers()
    {
        using var response = await fixture.Client.GetAsync(new Uri(fixture.Host.BaseAddress, "api/v1/nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertContractHeaders(response);
    }

    [Fact]
    public async Task The_hosts_own_405_has_the_contract_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Host.FunctionUrl(DemoRoom.RoomId, DemoRoom.VisitorId));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        AssertContractHeaders(response);
    }

    // Compared as sent, not parsed: a charset parameter or a second value must fail.
    private static void AssertContractHeaders(HttpResponseMessage response)
    {
        Assert.Equal(["application/json"], response.Content.Headers.GetValues("Content-Type"));
        Assert.Equal(["no-store"], response.Headers.GetValues("Cache-Control"));
        Assert.Equal(["no-cache"], response.Headers.GetValues("Pragma"));
    }

    [Theory]
    [InlineData(null, "demo-agent-token")]
    [InlineData("demo-agent", null)]
    [InlineData("demo-agent", "not-the-token")]
    [InlineData("demo-expired", "demo-expired-token")]
    public async Task Refused_logins_answer_401(string? userId, string? token)
    {
        var (status, body, _) = await Get(userId: userId, token: token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("""{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}""", body);
    }

    [Fact]
    public async Task A_user_without_livechat_roles_answers_403()
    {
        var (status, body, _) = await Get(userId: "demo-user", token: "demo-user-token");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("""{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""", body);
    }

    [Theory]
    [InlineData("?fields=1", """{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}""")]
    [InlineData("?count=ten", """{"success":false,"error":"must be number [invalid-params]","errorType":"invalid-params"}""")]
    [InlineData("?offset=-1", """{"success":false,"error":"must be >= 0 [invalid-params]","errorType":"invalid-params"}""")]
    [InlineData("?sort=%7B%22open%22%3A1%7D", """{"success":false,"error":"Invalid sort parameter provided: \"{\"open\":1}\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""")]
    public async Task Bad_parameters_answer_400_with_the_spec_body(string query, string expected)
    {
        var (status, body, _) = await Get(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(expected, body);
    }

    [Theory]
    [InlineData("?count=1&count=2", "must be number")]
    [InlineData("?offset[]=1", "must be number")]
    [InlineData("?searchText=a&searchText=b", "must be string")]
    [InlineData("?source[]=web", "must be string")]
    [InlineData("?closedChatsOnly=true&closedChatsOnly=true", "must be string")]
    [InlineData("?sort=nope&sort=nope", "must be string")]
    [InlineData("?sort=nope&source=a&source=b", "must be string")]
    public async Task A_parameter_given_twice_or_as_a_list_answers_400(string query, string message)
    {
        var (status, body, _) = await Get(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($$"""{"success":false,"error":"{{message}} [invalid-params]","errorType":"invalid-params"}""", body);
    }

    [Theory]
    [InlineData("?count=")]
    [InlineData("?count")]
    [InlineData("?offset=&count=")]
    [InlineData("?=5")]
    [InlineData("?&&")]
    public async Task An_empty_count_or_a_pair_without_a_name_is_the_default_page(string query)
    {
        var (status, body, _) = await Get(query);
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(0, json.RootElement.GetProperty("offset").GetInt32());
        Assert.True(json.RootElement.GetProperty("count").GetInt32() <= 50);
    }

    [Theory]
    [InlineData("?count=1e21", 1)]
    [InlineData("?count=2.9", 2)]
    [InlineData("?count=1e-7", 1)]
    [InlineData("?count=0x3", 3)]
    public async Task Count_is_parse_int_of_the_numbers_javascript_form(string query, int expected)
    {
        var (status, body, _) = await Get(query);
        Assert.Equal(HttpStatusCode.OK, status);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(expected, json.RootElement.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task An_unknown_room_answers_invalid_room()
    {
        var (status, body, _) = await Get(roomId: "no-such-room");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", body);
    }

    [Fact]
    public async Task A_room_of_another_visitor_answers_invalid_room()
    {
        var (_, body, _) = await Get(visitorId: "demo-visitor-2", userId: "demo-admin", token: "demo-admin-token");
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", body);
    }

    [Fact]
    public async Task An_agent_who_did_not_serve_the_room_answers_error_not_allowed()
    {
        var (status, body, _) = await Get(userId: "demo-agent-support", token: "demo-agent-support-token");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Other_methods_are_refused_with_405(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), fixture.Host.FunctionUrl(DemoRoom.RoomId, DemoRoom.VisitorId));
        using var response = await fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Equal("""{"success":false,"error":"method-not-allowed"}""", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("api/v1/livechat/visitors.searchChats/room/x")]
    [InlineData("api/v1/nothing-here")]
    [InlineData("v1/livechat/visitors.searchChats/room/a/visitor/b")]
    public async Task Unknown_paths_answer_404(string path)
    {
        using var response = await fixture.Client.GetAsync(new Uri(fixture.Host.BaseAddress, path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"success":false,"error":"not-found"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Percent_encoded_slashes_in_the_room_id_do_not_escape_the_route()
    {
        var (status, body, _) = await Get(roomId: "../../tokens");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", body);
    }
}
