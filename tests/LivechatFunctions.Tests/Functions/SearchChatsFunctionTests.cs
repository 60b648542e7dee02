using System.Net;
using LivechatFunctions.Authentication;
using LivechatFunctions.Tests.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Functions;

public class SearchChatsFunctionTests
{
    private const string ItemRow =
        """{"_id":"room1","fname":"Maria","ts":"2021-07-22T17:17:04.216Z","msgs":2,"v":{"_id":"visitor1","username":"guest-537"},"servedBy":{"_id":"agent1"},"closedAt":"2021-07-22T17:30:00.000Z","open":true,"kind":"room","_etag":"x"}""";

    private static TestApp App(FakeStore? store = null) => new(store ?? Seed.AgentWithServedRoom());

    // The agent's usual store, with the token read or the room read answering 404 with this substatus.
    private static FakeStore StoreWhosePointReadIsNotFound(bool tokens, string? subStatus)
    {
        var store = Seed.AgentWithServedRoom();
        store.FailureSubStatus = subStatus;
        if (tokens)
        {
            store.TokenFailure = HttpStatusCode.NotFound;
        }
        else
        {
            store.RoomFailure = HttpStatusCode.NotFound;
        }

        return store;
    }

    [Fact]
    public async Task A_valid_request_answers_200_with_the_contract_keys_in_order()
    {
        var store = Seed.AgentWithServedRoom();
        store.PageRows.Add(ItemRow);
        var response = await App(store).GetAsync();

        Assert.Equal(200, response.Status);
        Assert.Equal(["history", "count", "offset", "total", "success"], response.TopLevelKeys);
        Assert.Equal(1, response.Json.GetProperty("count").GetInt32());
        Assert.Equal(0, response.Json.GetProperty("offset").GetInt32());
        Assert.Equal(1, response.Json.GetProperty("total").GetInt32());
        Assert.True(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(["_id", "fname", "ts", "msgs", "v", "servedBy", "closedAt"], response.History[0].EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(200, "page")]
    [InlineData(401, "token")]
    [InlineData(403, "role")]
    [InlineData(400, "number")]
    [InlineData(400, "sort")]
    [InlineData(400, "room")]
    [InlineData(400, "access")]
    [InlineData(503, "throttled")]
    [InlineData(500, "unexpected")]
    public async Task Every_answer_has_exactly_the_json_type_and_is_not_cached(int status, string variant)
    {
        var store = variant switch
        {
            "role" => Seed.AgentWithServedRoom(roles: "user"),
            "access" => new FakeStore(),
            _ => Seed.AgentWithServedRoom(),
        };
        if (variant == "access")
        {
            store.AddToken(Seed.AgentId, TokenDigest.Compute(Seed.AgentToken), Seed.Token(Seed.AgentId, "livechat-agent"));
            store.AddRoom(Seed.VisitorId, Seed.RoomId, Seed.Room(Seed.RoomId, Seed.VisitorId, servedBy: "someone-else"));
        }

        store.QueryFailure = variant == "throttled" ? HttpStatusCode.TooManyRequests : variant == "unexpected" ? HttpStatusCode.Conflict : null;
        var response = variant switch
        {
            "token" => await App(store).GetAsync(token: "wrong"),
            "number" => await App(store).GetAsync(query: "offset=x"),
            "sort" => await App(store).GetAsync(query: "sort=x"),
            "room" => await App(store).GetAsync(roomId: "no-such-room"),
            _ => await App(store).GetAsync(),
        };

        Assert.Equal(status, response.Status);
        Assert.Equal("application/json", response.Headers.ContentType.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl.ToString());
        Assert.Equal("no-cache", response.Headers.Pragma.ToString());
    }

    [Theory]
    [InlineData(null, Seed.AgentToken)]
    [InlineData(Seed.AgentId, null)]
    [InlineData("", Seed.AgentToken)]
    [InlineData(Seed.AgentId, "wrong-token")]
    [InlineData("someone-else", Seed.AgentToken)]
    public async Task Not_logged_in_answers_401_with_the_exact_body(string? userId, string? token)
    {
        var response = await App().GetAsync(userId: userId, token: token);
        Assert.Equal(401, response.Status);
        Assert.Equal("""{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}""", response.Body);
    }

    [Fact]
    public async Task A_header_sent_twice_is_not_a_login()
    {
        var http = new DefaultHttpContext();
        http.Request.Headers["X-User-Id"] = new(["agent1", "agent1"]);
        http.Request.Headers["X-Auth-Token"] = Seed.AgentToken;
        Assert.Equal(401, (await App().SendAsync(http)).Status);
    }

    [Fact]
    public async Task Authentication_is_checked_before_parameters() =>
        Assert.Equal(401, (await App().GetAsync(query: "bogus=1", token: "wrong")).Status);

    [Fact]
    public async Task A_user_without_view_l_room_answers_403()
    {
        var response = await App(Seed.AgentWithServedRoom(roles: "user,bot")).GetAsync(query: "bogus=1");
        Assert.Equal(403, response.Status);
        Assert.Equal("""{"success":false,"error":"User does not have the permissions required for this action [error-unauthorized]"}""", response.Body);
    }

    [Fact]
    public async Task Parameters_are_checked_before_the_room()
    {
        var response = await App().GetAsync(roomId: "missing", query: "sort=%7B%22ts%22%3A3%7D");
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"success":false,"error":"Invalid sort parameter provided: \"{\"ts\":3}\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}""", response.Body);
    }

    [Fact]
    public async Task A_room_that_does_not_exist_answers_invalid_room()
    {
        var response = await App().GetAsync(roomId: "missing");
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", response.Body);
    }

    [Fact]
    public async Task A_room_of_another_visitor_answers_invalid_room()
    {
        var store = Seed.AgentWithServedRoom();
        store.AddRoom("visitor2", "room2", Seed.Room("room2", "visitor2", servedBy: Seed.AgentId));
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await App(store).GetAsync(roomId: "room2", visitorId: Seed.VisitorId)).Body);
    }

    [Fact]
    public async Task A_message_document_with_the_rooms_id_is_not_a_room()
    {
        var store = Seed.AgentWithServedRoom();
        store.AddRoom(Seed.VisitorId, "m1", """{"id":"m1","kind":"message","visitorId":"visitor1","_id":"m1","rid":"room1","msg":"hi"}""");
        Assert.Equal(400, (await App(store).GetAsync(roomId: "m1")).Status);
    }

    [Fact]
    public async Task A_room_the_store_returns_for_another_id_than_the_paths_answers_invalid_room()
    {
        // As the local server does for an id with a trailing space: it answers the read of "room1 " with room1.
        var store = Seed.AgentWithServedRoom();
        store.AddRoom(Seed.VisitorId, Seed.RoomId + " ", Seed.Room(Seed.RoomId, Seed.VisitorId, servedBy: Seed.AgentId));
        var response = await App(store).GetAsync(roomId: Seed.RoomId + " ");
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", response.Body);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("")]
    public async Task A_room_id_the_store_cannot_hold_answers_invalid_room_without_a_read(string roomId)
    {
        var store = Seed.AgentWithServedRoom();
        var response = await App(store).GetAsync(roomId: roomId);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", response.Body);
        Assert.Equal(1, store.PointReads);
    }

    [Fact]
    public async Task A_room_the_user_may_not_open_answers_error_not_allowed()
    {
        var store = new FakeStore();
        store.AddToken("agent2", TokenDigest.Compute("t2"), Seed.Token("agent2", "livechat-agent"));
        store.AddRoom(Seed.VisitorId, Seed.RoomId, Seed.Room(Seed.RoomId, Seed.VisitorId, servedBy: Seed.AgentId));
        var response = await App(store).GetAsync(userId: "agent2", token: "t2");
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", response.Body);
    }

    [Fact]
    public async Task Search_text_without_matching_messages_is_an_empty_page_without_a_page_query()
    {
        var store = Seed.AgentWithServedRoom();
        store.PageRows.Add(ItemRow);
        var response = await App(store).GetAsync(query: "searchText=nothing");
        Assert.Equal(200, response.Status);
        Assert.Equal("""{"history":[],"count":0,"offset":0,"total":0,"success":true}""", response.Body);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task Search_text_restricts_the_page_to_rooms_with_matching_messages()
    {
        var store = Seed.AgentWithServedRoom();
        store.MessageRoomIds.Add("room1");
        store.PageRows.Add(ItemRow);
        var response = await App(store).GetAsync(query: "searchText=Hello");
        Assert.Equal(200, response.Status);
        var page = store.Queries.Single(q => q.Query.QueryText.Contains("ORDER BY", StringComparison.Ordinal)).Query;
        Assert.Contains("ARRAY_CONTAINS(@roomIds, c._id)", page.QueryText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, "2500", "3")]
    [InlineData(HttpStatusCode.ServiceUnavailable, null, "5")]
    [InlineData(HttpStatusCode.RequestTimeout, null, "5")]
    public async Task Store_unavailable_answers_503_with_retry_after(HttpStatusCode status, string? retryAfterMs, string expected)
    {
        var store = Seed.AgentWithServedRoom();
        store.TokenFailure = status;
        store.RetryAfterMilliseconds = retryAfterMs;
        var app = App(store);
        var response = await app.GetAsync();
        Assert.Equal(503, response.Status);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", response.Body);
        Assert.Equal(expected, response.Headers.RetryAfter.ToString());
        Assert.Contains(app.InvocationId, app.FunctionLog.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("room read", "")]
    [InlineData("page query", "")]
    [InlineData("count query", "count=1")]
    [InlineData("count query", "count=1&offset=5")]
    [InlineData("message search", "searchText=Hello")]
    public async Task Throttling_past_the_token_read_answers_503_with_the_stores_retry_after(string failing, string query)
    {
        var store = Seed.AgentWithServedRoom();
        // Two rows for a page of one: the page is full, so the total needs the count. At offset 5 the page is empty
        // past the start, which only the count can place.
        store.PageRows.Add(ItemRow);
        store.PageRows.Add(ItemRow.Replace("room1", "room2", StringComparison.Ordinal));
        store.MessageRoomIds.Add(Seed.RoomId);
        store.RetryAfterMilliseconds = "2500";
        switch (failing)
        {
            case "room read": store.RoomFailure = HttpStatusCode.TooManyRequests; break;
            case "count query": store.CountFailure = HttpStatusCode.TooManyRequests; break;
            default: store.QueryFailure = HttpStatusCode.TooManyRequests; break;
        }

        var response = await App(store).GetAsync(query: query);
        Assert.Equal(503, response.Status);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", response.Body);
        Assert.Equal("3", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_network_failure_during_the_page_answers_503()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new HttpRequestException("connection refused");
        Assert.Equal(503, (await App(store).GetAsync()).Status);
    }

    [Fact]
    public async Task A_room_refusal_wins_over_a_failing_page_query()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryFailure = HttpStatusCode.ServiceUnavailable;
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await App(store).GetAsync(roomId: "missing")).Body);
    }

    [Fact]
    public async Task An_access_refusal_wins_over_a_failing_page_query()
    {
        var store = new FakeStore();
        store.AddToken("agent2", TokenDigest.Compute("t2"), Seed.Token("agent2", "livechat-agent"));
        store.AddRoom(Seed.VisitorId, Seed.RoomId, Seed.Room(Seed.RoomId, Seed.VisitorId, servedBy: Seed.AgentId));
        store.QueryFailure = HttpStatusCode.ServiceUnavailable;
        var response = await App(store).GetAsync(userId: "agent2", token: "t2");
        Assert.Equal(400, response.Status);
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", response.Body);
    }

    [Fact]
    public async Task Anything_unexpected_answers_500_without_detail_and_logs_the_invocation()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new InvalidOperationException("secret internals at Foo.Bar()");
        var app = App(store);
        var response = await app.GetAsync();
        Assert.Equal(500, response.Status);
        Assert.Equal("""{"success":false,"error":"internal-error"}""", response.Body);
        Assert.Contains(app.InvocationId, app.FunctionLog.AllText, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), app.FunctionLog.AllText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_missing_container_is_a_misconfiguration_not_a_missing_document(bool tokens)
    {
        var store = StoreWhosePointReadIsNotFound(tokens, "1003");

        Assert.Equal("""{"success":false,"error":"internal-error"}""", (await App(store).GetAsync()).Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_replica_behind_the_session_answers_503_not_a_missing_document(bool tokens)
    {
        // 404 with substatus 1002 (read session not available), as the SDK returns it once its own retries are spent.
        var store = StoreWhosePointReadIsNotFound(tokens, "1002");

        var response = await App(store).GetAsync();
        Assert.Equal(503, response.Status);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", response.Body);
        Assert.Equal("5", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_replica_behind_the_session_raised_by_the_sdk_answers_503()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new CosmosException("read session not available", HttpStatusCode.NotFound, 1002, "activity", 0);
        var response = await App(store).GetAsync();
        Assert.Equal(503, response.Status);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", response.Body);
    }

    [Fact]
    public async Task A_404_with_a_substatus_nobody_expects_is_not_a_missing_room()
    {
        var store = StoreWhosePointReadIsNotFound(tokens: false, "1099");
        Assert.Equal("""{"success":false,"error":"internal-error"}""", (await App(store).GetAsync()).Body);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    public async Task A_plain_404_of_the_room_read_is_a_missing_room(string? subStatus)
    {
        var store = StoreWhosePointReadIsNotFound(tokens: false, subStatus);
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await App(store).GetAsync()).Body);
    }

    [Fact]
    public async Task A_room_refusal_wins_over_any_failure_of_the_dropped_page_read()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new InvalidOperationException("the page read failed in an unexpected way");
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await App(store).GetAsync(roomId: "missing")).Body);
    }

    [Fact]
    public async Task A_malformed_stored_document_answers_500()
    {
        var store = Seed.AgentWithServedRoom();
        store.AddRoom(Seed.VisitorId, "broken", "{ not json");
        Assert.Equal(500, (await App(store).GetAsync(roomId: "broken")).Status);
    }

    [Fact]
    public async Task Logs_never_hold_the_token_or_its_digest()
    {
        var store = Seed.AgentWithServedRoom();
        store.QueryException = new InvalidOperationException("boom " + TokenDigest.Compute(Seed.AgentToken));
        store.RoomFailure = HttpStatusCode.Forbidden;
        var app = App(store);
        await app.GetAsync();
        var logs = app.FunctionLog.AllText + app.AuthenticatorLog.AllText;
        Assert.NotEmpty(app.FunctionLog.Lines);
        Assert.DoesNotContain(Seed.AgentToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenDigest.Compute(Seed.AgentToken), logs, StringComparison.Ordinal);
    }
}
