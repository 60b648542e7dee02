using LivechatFunctions.ChatSearch;
using LivechatFunctions.Tests.Fakes;
using static LivechatFunctions.Tests.Integration.IntegrationData;

namespace LivechatFunctions.Tests.Integration;

/// <summary>The endpoint against a real Cosmos DB protocol server, through the real SDK and the app's wiring.</summary>
[Collection(LocalCosmosCollection.Name)]
public class SearchChatsIntegrationTests(LocalCosmosFixture cosmos)
{
    private static string[] Ids(TestResponse response) => [.. response.History.Select(i => i.GetProperty("_id").GetString()!)];

    private async Task<TestResponse> Ok(string query, string room = "a01", string visitor = Alice, string userId = "agent1", string token = "agent1-token")
    {
        var response = await cosmos.GetAsync(room, visitor, query, userId, token);
        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        return response;
    }

    [Fact]
    public async Task Default_request_lists_the_visitors_closed_and_served_chats_newest_first()
    {
        var response = await Ok("");
        Assert.Equal(["a12", "a11", "a10", "a09", "a08", "a07", "a05", "a02", "a01", "a06"], Ids(response));
        Assert.Equal(10, response.Json.GetProperty("total").GetInt32());
        Assert.Equal(10, response.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var first = await Ok("count=4");
        var second = await Ok("count=4&offset=4");
        var last = await Ok("count=4&offset=8");
        Assert.Equal(["a12", "a11", "a10", "a09"], Ids(first));
        Assert.Equal(["a08", "a07", "a05", "a02"], Ids(second));
        Assert.Equal(["a01", "a06"], Ids(last));
        Assert.All([first, second, last], r => Assert.Equal(10, r.Json.GetProperty("total").GetInt32()));
        Assert.Equal(4, second.Json.GetProperty("offset").GetInt32());
        Assert.Equal(2, last.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task An_offset_past_the_end_gives_an_empty_page_and_the_real_total()
    {
        var response = await Ok("offset=50&count=5");
        Assert.Empty(response.History);
        Assert.Equal(10, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Count_zero_returns_every_match() => Assert.Equal(10, (await Ok("count=0")).History.Count);

    [Fact]
    public async Task Closed_filter_off_includes_open_chats() =>
        Assert.Contains("a03", Ids(await Ok("closedChatsOnly=false")));

    [Fact]
    public async Task Served_filter_off_includes_unserved_chats()
    {
        var ids = Ids(await Ok("servedChatsOnly=false"));
        Assert.Contains("a04", ids);
        Assert.DoesNotContain("a03", ids);
    }

    [Fact]
    public async Task Both_filters_off_list_every_chat_of_the_visitor_and_no_one_elses()
    {
        var ids = Ids(await Ok("closedChatsOnly=false&servedChatsOnly=false&count=0"));
        Assert.Equal(12, ids.Length);
        Assert.DoesNotContain("b01", ids);
    }

    [Fact]
    public async Task Source_matches_type_case_insensitively()
    {
        var response = await Ok("source=WIDG");
        Assert.Equal(["a05", "a01", "a06"], Ids(response));
        Assert.Equal(3, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Source_matches_alias_case_insensitively() => Assert.Equal(["a02"], Ids(await Ok("source=mobile-app")));

    [Fact]
    public async Task Search_text_is_a_case_sensitive_substring_of_any_message()
    {
        Assert.Equal(["a01"], Ids(await Ok("searchText=Hello")));
        Assert.Equal(["a02"], Ids(await Ok("searchText=hello")));
    }

    [Fact]
    public async Task Search_text_respects_the_other_filters() =>
        Assert.Equal(["a03", "a01"], Ids(await Ok("searchText=Hello&closedChatsOnly=false")));

    [Fact]
    public async Task Search_text_is_matched_literally_not_as_a_pattern()
    {
        Assert.Equal(["a05"], Ids(await Ok("searchText=" + Uri.EscapeDataString("(50%) please? [x] .*"))));
        Assert.Equal(["a05"], Ids(await Ok("searchText=" + Uri.EscapeDataString("'quoted' \"double\""))));
        Assert.Equal(["a05"], Ids(await Ok("searchText=" + Uri.EscapeDataString(".*"))));
        Assert.Empty(Ids(await Ok("searchText=" + Uri.EscapeDataString("H.llo"))));
    }

    [Fact]
    public async Task Search_text_with_no_match_is_an_empty_page()
    {
        var response = await Ok("searchText=nowhere");
        Assert.Empty(response.History);
        Assert.Equal(0, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Sort_ascending_puts_a_chat_without_the_field_first()
    {
        Assert.Equal(["a06", "a01", "a02", "a05", "a07", "a08", "a09", "a10", "a11", "a12"], Ids(await Ok("sort=" + Uri.EscapeDataString("{\"ts\":1}"))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    public async Task Sort_by_closing_time_still_lists_the_open_chat_that_lacks_it(int direction)
    {
        var response = await Ok("closedChatsOnly=false&count=0&sort=" + Uri.EscapeDataString($"{{\"closedAt\":{direction}}}"));
        var ids = Ids(response);
        Assert.Equal(ClosedAndServed.Append("a03").Order(), ids.Order());
        // A missing field sorts before any value, as Cosmos DB orders undefined: first going up, last coming down.
        Assert.Equal("a03", direction > 0 ? ids[0] : ids[^1]);
        Assert.Equal(11, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_text_on_a_full_page_counts_every_matching_chat()
    {
        var response = await Ok("searchText=Hello&closedChatsOnly=false&count=1");
        Assert.Equal(["a03"], Ids(response));
        Assert.Equal(1, response.Json.GetProperty("count").GetInt32());
        Assert.Equal(2, response.Json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Sort_by_name_both_ways()
    {
        var ascending = Ids(await Ok("sort=" + Uri.EscapeDataString("{\"fname\":1}")));
        var descending = Ids(await Ok("sort=" + Uri.EscapeDataString("{\"fname\":-1}")));
        Assert.Equal("a01", ascending[0]);
        Assert.Equal("a05", ascending[^2]);
        Assert.Equal("a02", ascending[^1]);
        Assert.Equal(ascending.Reverse(), descending);
    }

    [Fact]
    public async Task Sort_by_message_count_is_numeric()
    {
        var ids = Ids(await Ok("sort=" + Uri.EscapeDataString("{\"msgs\":-1}") + "&count=3"));
        // a10 and a05 both have 10 messages: the tie goes to _id in the sort's direction.
        Assert.Equal(["a12", "a11", "a10"], ids);
    }

    [Fact]
    public async Task Items_have_exactly_the_contract_fields_in_order()
    {
        var response = await Ok("count=0");
        Assert.Equal(["history", "count", "offset", "total", "success"], response.TopLevelKeys);
        foreach (var item in response.History)
        {
            var names = item.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(ChatHistoryItem.Fields.Where(names.Contains), names);
            Assert.All(["_id", "fname", "msgs", "v"], required => Assert.Contains(required, names));
        }

        var full = response.History.Single(i => i.GetProperty("_id").GetString() == "a01");
        Assert.Equal(
            ["_id", "fname", "ts", "msgs", "v", "servedBy", "closedAt", "closedBy", "closer", "tags", "closingMessage"],
            full.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2024-01-01T10:00:00.000Z", full.GetProperty("ts").GetString());
        Assert.Equal("Thanks!", full.GetProperty("closingMessage").GetProperty("msg").GetString());
        foreach (var leak in new[] { "\"open\"", "\"source\"", "\"departmentId\"", "\"kind\"", "\"visitorId\"", "\"_rid\"", "\"_self\"", "\"_etag\"", "\"_ts\"", "\"_attachments\"", "\"id\"" })
        {
            Assert.DoesNotContain(leak, response.Body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(null, "agent1-token")]
    [InlineData("agent1", null)]
    [InlineData("agent1", "wrong-token")]
    [InlineData("agent2", "agent1-token")]
    [InlineData("agent1", "agent1-expired")]
    [InlineData("AGENT1", "agent1-token")]
    [InlineData("agent1 ", "agent1-token")]
    public async Task Refused_logins_answer_401(string? userId, string? token)
    {
        var response = await cosmos.GetAsync("a01", Alice, "", userId, token);
        Assert.Equal(401, response.Status);
        Assert.Equal("""{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}""", response.Body);
    }

    [Fact]
    public async Task A_user_without_livechat_roles_answers_403() =>
        Assert.Equal(403, (await cosmos.GetAsync("a01", Alice, "", "user1", "user-token")).Status);

    [Fact]
    public async Task A_room_that_does_not_exist_answers_invalid_room() =>
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await cosmos.GetAsync("nope", Alice)).Body);

    [Fact]
    public async Task A_room_of_another_visitor_answers_invalid_room() =>
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await cosmos.GetAsync("b01", Alice, "", "admin1", "admin-token")).Body);

    [Fact]
    public async Task A_room_id_with_a_trailing_space_is_not_that_room() =>
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await cosmos.GetAsync("a01 ", Alice)).Body);

    [Fact]
    public async Task A_message_id_is_not_a_room() =>
        Assert.Equal("""{"success":false,"error":"invalid-room"}""", (await cosmos.GetAsync("a01-m1", Alice)).Body);

    [Fact]
    public async Task An_agent_of_another_department_may_not_open_the_room() =>
        Assert.Equal("""{"success":false,"error":"error-not-allowed"}""", (await cosmos.GetAsync("a01", Alice, "", "agent2", "agent2-token")).Body);

    [Fact]
    public async Task An_agent_may_open_a_room_they_served() =>
        Assert.Equal(["a01"], Ids(await Ok("searchText=invoice", room: "a02", userId: "agent2", token: "agent2-token")));

    [Fact]
    public async Task Managers_and_admins_may_open_any_room()
    {
        await Ok("", room: "a03", userId: "manager1", token: "manager-token");
        await Ok("", room: "a04", userId: "admin1", token: "admin-token");
    }

    [Fact]
    public async Task The_history_is_the_visitors_whatever_room_opened_it()
    {
        var response = await Ok("", room: "b01", visitor: Bob);
        Assert.Equal(["b01"], Ids(response));
    }
}
