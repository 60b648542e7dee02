using System.Text.Json;
using System.Text.RegularExpressions;
using LivechatFunctions.Authentication;
using LivechatFunctions.Importer.Tests.TestData;
using static LivechatFunctions.Importer.Tests.TestData.SampleExport;

namespace LivechatFunctions.Importer.Tests.Integration;

/// <summary>The importer against the local Cosmos DB server, and the endpoint reading what it wrote.</summary>
public class ImportIntoLocalCosmosTests(ImportedStoreFixture store) : IClassFixture<ImportedStoreFixture>
{
    private static string WrittenCounts(ImportResult run) =>
        Regex.Match(run.Output, @"written\s+rooms\s+\d+\s+messages\s+\d+\s+tokens\s+\d+").Value;

    private async Task<JsonElement> RequiredAsync(string container, string id, string partitionKey) =>
        await store.ReadAsync(container, id, partitionKey) ?? throw new Xunit.Sdk.XunitException($"{container}/{partitionKey}/{id} was not written");

    [Fact]
    public void First_run_completes_and_counts_what_it_wrote()
    {
        Assert.True(store.FirstRun.ExitCode == ExitCodes.Success, store.FirstRun.ToString());
        Assert.Matches(@"written\s+rooms\s+4\s+messages\s+7\s+tokens\s+3", store.FirstRun.Output);
    }

    [Fact]
    public async Task Chat_lands_in_its_visitors_partition_with_the_storage_fields()
    {
        var room = await RequiredAsync("rooms", "room-m1", VisitorMaria);
        Assert.Equal(("room-m1", "room", VisitorMaria), (Json.StringAt(room, "id"), Json.StringAt(room, "kind"), Json.StringAt(room, "visitorId")));
        Assert.Equal("2024-03-01T10:00:00.123Z", Json.StringAt(room, "ts"));
        Assert.Equal("msg-m1-close", Json.StringAt(room, "closingMessage", "_id"));
    }

    [Fact]
    public async Task Canonical_extended_json_room_lands_as_plain_json()
    {
        var room = await RequiredAsync("rooms", "room-m2", VisitorMaria);
        Assert.Equal("2024-03-02T10:00:00.000Z", Json.StringAt(room, "ts"));
        Assert.Equal(1, room.GetProperty("msgs").GetInt32());
        Assert.Equal(4.5, room.GetProperty("score").GetDouble());
        Assert.Equal("own-close", Json.StringAt(room, "closingMessage", "_id"));
    }

    [Fact]
    public async Task Message_lands_beside_its_chat_with_the_message_fields()
    {
        var message = await RequiredAsync("rooms", "msg-j1-1", VisitorJoao);
        Assert.Equal(["id", "kind", "visitorId", "_id", "rid", "msg", "ts", "u"], Json.Names(message));
        Assert.Equal(("room-j1", "Olá"), (Json.StringAt(message, "rid"), Json.StringAt(message, "msg")));
    }

    [Fact]
    public async Task Token_lands_under_its_digest_in_the_users_partition()
    {
        var token = await RequiredAsync("tokens", TokenDigest.Compute(AgentToken), Agent);
        Assert.Equal(("ana", "[\"user\",\"livechat-agent\"]", "[\"dept-sales\",\"dept-support\"]"),
            (Json.StringAt(token, "username"), Json.StringAt(token, "roles"), Json.StringAt(token, "departments")));
        Assert.InRange(token.GetProperty("ttl").GetInt32(), 88 * 86400, 89 * 86400);
    }

    [Fact]
    public async Task Expired_tokens_and_inactive_users_tokens_are_not_written()
    {
        Assert.Null(await store.ReadAsync("tokens", TokenDigest.Compute(ExpiredToken), Agent));
        Assert.Null(await store.ReadAsync("tokens", TokenDigest.Compute(InactiveUserToken), "inactive-ivo"));
    }

    [Fact]
    public async Task Each_partition_holds_exactly_the_imported_documents()
    {
        Assert.Equal(9, await store.CountAsync("rooms", "visitorId", VisitorMaria));
        Assert.Equal(2, await store.CountAsync("rooms", "visitorId", VisitorJoao));
        Assert.Equal(2, await store.CountAsync("tokens", "userId", Agent));
        Assert.Equal(1, await store.CountAsync("tokens", "userId", Manager));
    }

    [Fact]
    public async Task Running_twice_changes_nothing()
    {
        var before = await SnapshotAsync();

        var second = await store.ImportAsync(store.DatabaseName);

        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Equal(WrittenCounts(store.FirstRun), WrittenCounts(second));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(9, await store.CountAsync("rooms", "visitorId", VisitorMaria));
    }

    [Fact]
    public async Task Endpoint_serves_the_imported_history_of_the_visitor()
    {
        var response = await store.SearchAsync("room-m1", VisitorMaria, Agent, AgentToken);
        Assert.True(response.Status == 200, response.Body);
        Assert.Equal(["room-m2", "room-m1"], response.HistoryIds);
        Assert.Equal("Thanks, bye!", Json.StringAt(response.History[1], "closingMessage", "msg"));
    }

    [Fact]
    public async Task Endpoint_finds_chats_by_imported_message_text()
    {
        var response = await store.SearchAsync("room-m1", VisitorMaria, Agent, AgentToken, "searchText=invoice");
        Assert.Equal(["room-m1"], response.HistoryIds);
    }

    [Fact]
    public async Task Endpoint_accepts_an_imported_personal_access_token() =>
        Assert.Equal(200, (await store.SearchAsync("room-j1", VisitorJoao, Agent, AgentPersonalAccessToken)).Status);

    [Fact]
    public async Task Endpoint_accepts_a_manager_for_a_room_they_did_not_serve() =>
        Assert.Equal(200, (await store.SearchAsync("room-m1", VisitorMaria, Manager, ManagerToken)).Status);

    [Theory]
    [InlineData(Agent, ExpiredToken)]
    [InlineData("inactive-ivo", InactiveUserToken)]
    [InlineData(Manager, AgentToken)]
    public async Task Endpoint_refuses_tokens_that_were_not_imported_for_that_user(string userId, string token) =>
        Assert.Equal(401, (await store.SearchAsync("room-m1", VisitorMaria, userId, token)).Status);

    [Fact]
    public async Task Missing_containers_without_create_containers_fail_before_writing()
    {
        var run = await store.ImportAsync("no-such-database-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("Nothing was written", run.Error, StringComparison.Ordinal);
        Assert.Contains("--create-containers", run.Error, StringComparison.Ordinal);
    }

    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var room in ImportedRoomIds)
        {
            snapshot["room " + room] = await RawAsync("rooms", room, room == "room-j1" ? VisitorJoao : VisitorMaria);
        }

        foreach (var message in ImportedMessageIds)
        {
            snapshot["message " + message] = await RawAsync("rooms", message, message.StartsWith("msg-j1", StringComparison.Ordinal) ? VisitorJoao : VisitorMaria);
        }

        foreach (var (user, token) in new[] { (Agent, AgentToken), (Agent, AgentPersonalAccessToken), (Manager, ManagerToken) })
        {
            snapshot["token " + token] = await RawAsync("tokens", TokenDigest.Compute(token), user);
        }

        return snapshot;
    }

    private async Task<string> RawAsync(string container, string id, string partitionKey) =>
        (await RequiredAsync(container, id, partitionKey)).GetRawText();
}
