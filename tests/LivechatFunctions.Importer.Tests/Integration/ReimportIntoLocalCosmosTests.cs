using LivechatFunctions.Authentication;
using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Tests.TestData;
using static LivechatFunctions.Importer.Tests.TestData.SampleExport;

namespace LivechatFunctions.Importer.Tests.Integration;

/// <summary>
/// A later import against the local Cosmos DB server, after Rocket.Chat took things away: an agent logged out and
/// revoked a personal access token, a manager was deactivated, a message and a closing message were deleted
/// (kept as hidden). Each test imports into a database of its own, checks the endpoint before, imports the later
/// export, and checks the endpoint again.
/// </summary>
public sealed class ReimportIntoLocalCosmosTests(ImportedStoreFixture store) : IClassFixture<ImportedStoreFixture>, IDisposable
{
    private const string AgentNewToken = "ana-new-login-token";
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private static string NewDatabase() => "livechat-reimport-" + Guid.NewGuid().ToString("N")[..8];

    private string[] FirstExport() =>
        ["--rooms", store.Export.RoomsFile, "--messages", store.Export.MessagesFile, "--users", store.Export.UsersFile, "--department-agents", store.Export.DepartmentAgentsFile];

    /// <summary>The users as mongoexport writes them after the changes (Rocket.Chat empties loginTokens on deactivation).</summary>
    private string LaterUsers(bool withManager = true)
    {
        var lines = new List<string>
        {
            Fill(
                """{"_id":"agent-ana","username":"ana","active":true,"roles":["user","livechat-agent"],"services":{"resume":{"loginTokens":[{"when":{"$date":"<WHEN>"},"hashedToken":"<LOGIN>"}]}}}""",
                ("<WHEN>", ExtendedJson.FormatInstant(store.Now.AddMinutes(-5))), ("<LOGIN>", HashedToken(AgentNewToken))),
            """{"_id":"inactive-ivo","username":"ivo","active":false,"roles":["admin"],"services":{"resume":{"loginTokens":[]}},"inactiveReason":"deactivated"}""",
            """{"_id":"bot-no-tokens","username":"bot","active":true,"roles":["bot"]}""",
        };
        if (withManager)
        {
            lines.Insert(1, """{"_id":"manager-max","username":"max","active":false,"roles":["livechat-manager"],"services":{"resume":{"loginTokens":[]}},"inactiveReason":"deactivated"}""");
        }

        return _files.File(withManager ? "users-later.jsonl" : "users-without-max.jsonl", string.Join('\n', lines) + "\n");
    }

    /// <summary>The messages after "Let me check" and the closing message of room-m1 were deleted with Message_KeepHistory on.</summary>
    private string LaterMessages() =>
        _files.File("messages-later.jsonl", File.ReadAllText(store.Export.MessagesFile)
            .Replace("{\"_id\":\"msg-m1-2\",", "{\"_id\":\"msg-m1-2\",\"_hidden\":true,", StringComparison.Ordinal)
            .Replace("{\"_id\":\"msg-m1-close\",", "{\"_id\":\"msg-m1-close\",\"_hidden\":true,", StringComparison.Ordinal));

    private string[] LaterExport() =>
        ["--rooms", store.Export.RoomsFile, "--messages", LaterMessages(), "--users", LaterUsers(), "--department-agents", store.Export.DepartmentAgentsFile];

    private async Task<string> ImportedOnceAsync()
    {
        var database = NewDatabase();
        var first = await store.ImportFilesAsync(database, [.. FirstExport(), "--create-containers"]);
        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        return database;
    }

    private async Task<ImportResult> ReimportAsync(string database, params string[] files)
    {
        var run = await store.ImportFilesAsync(database, files);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        return run;
    }

    /// <summary>The search's status for one caller on the first import, then after the later export is imported over it.</summary>
    private async Task<(int Before, int After)> StatusBeforeAndAfterLaterExportAsync(string roomId, string visitorId, string userId, string token)
    {
        var database = await ImportedOnceAsync();
        var before = (await store.SearchInDatabaseAsync(database, roomId, visitorId, userId, token)).Status;

        await ReimportAsync(database, LaterExport());

        return (before, (await store.SearchInDatabaseAsync(database, roomId, visitorId, userId, token)).Status);
    }

    [Fact]
    public async Task A_logged_out_token_answers_401_after_the_reimport()
    {
        var (before, after) = await StatusBeforeAndAfterLaterExportAsync("room-m1", VisitorMaria, Agent, AgentToken);

        Assert.Equal(200, before);
        Assert.Equal(401, after);
    }

    [Fact]
    public async Task A_revoked_personal_access_token_answers_401_after_the_reimport()
    {
        var (before, after) = await StatusBeforeAndAfterLaterExportAsync("room-j1", VisitorJoao, Agent, AgentPersonalAccessToken);

        Assert.Equal(200, before);
        Assert.Equal(401, after);
    }

    [Fact]
    public async Task A_deactivated_user_has_no_token_document_left_and_answers_401()
    {
        var database = await ImportedOnceAsync();
        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);

        await ReimportAsync(database, LaterExport());

        Assert.Null(await store.ReadAsync(database, "tokens", TokenDigest.Compute(ManagerToken), Manager));
        Assert.Equal(401, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);
    }

    [Fact]
    public async Task A_token_the_later_export_lists_is_written_and_accepted()
    {
        var database = await ImportedOnceAsync();

        await ReimportAsync(database, LaterExport());

        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Agent, AgentNewToken)).Status);
    }

    [Fact]
    public async Task The_summary_counts_every_deletion_by_reason()
    {
        var database = await ImportedOnceAsync();

        var run = await ReimportAsync(database, LaterExport());

        Assert.Contains("5 deleted.", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"deleted \(gone from Rocket.Chat\)\s+messages\s+2\s+hidden in Rocket.Chat", run.Output);
        Assert.Matches(@"tokens\s+2\s+no longer listed for its user", run.Output);
        Assert.Matches(@"tokens\s+1\s+its user is deactivated", run.Output);
    }

    [Fact]
    public async Task A_hidden_message_is_no_longer_found_by_search()
    {
        var database = await ImportedOnceAsync();
        Assert.Equal(["room-m1"], (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken, "searchText=check")).HistoryIds);

        await ReimportAsync(database, LaterExport());

        Assert.Null(await store.ReadAsync(database, "rooms", "msg-m1-2", VisitorMaria));
        Assert.Empty((await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Agent, AgentNewToken, "searchText=check")).HistoryIds);
    }

    [Fact]
    public async Task A_hidden_closing_message_leaves_its_room()
    {
        var database = await ImportedOnceAsync();

        await ReimportAsync(database, LaterExport());

        var history = (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Agent, AgentNewToken)).History;
        var roomM1 = Assert.Single(history, item => item.GetProperty("_id").GetString() == "room-m1");
        Assert.False(roomM1.TryGetProperty("closingMessage", out _));
        Assert.Null(await store.ReadAsync(database, "rooms", "msg-m1-close", VisitorMaria));
    }

    [Fact]
    public async Task A_dry_run_with_the_endpoint_lists_the_deletions_and_deletes_nothing()
    {
        var database = await ImportedOnceAsync();

        var dryRun = await ReimportAsync(database, [.. LaterExport(), "--dry-run"]);

        Assert.Matches(@"would delete \(gone from Rocket.Chat\)\s+messages\s+2\s+hidden", dryRun.Output);
        Assert.Contains("Documents that would be deleted", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"token {TokenDigest.Compute(ManagerToken)[..6]}…", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenDigest.Compute(ManagerToken), dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);
        Assert.NotNull(await store.ReadAsync(database, "rooms", "msg-m1-2", VisitorMaria));
    }

    [Fact]
    public async Task A_user_absent_from_the_export_keeps_their_tokens_by_default()
    {
        var database = await ImportedOnceAsync();

        await ReimportAsync(database, "--users", LaterUsers(withManager: false));

        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);
    }

    [Fact]
    public async Task Remove_absent_users_deletes_the_tokens_of_users_not_in_the_export()
    {
        var database = await ImportedOnceAsync();

        var run = await ReimportAsync(database, "--users", LaterUsers(withManager: false), "--remove-absent-users");

        Assert.Matches(@"tokens\s+1\s+its user is not in the users export", run.Output);
        Assert.Equal(401, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);
        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Agent, AgentNewToken)).Status);
    }

    [Fact]
    public async Task Remove_absent_users_refuses_an_export_with_a_malformed_line_and_deletes_nothing()
    {
        var database = await ImportedOnceAsync();

        var run = await store.ImportFilesAsync(database, "--users", store.Export.UsersFile, "--remove-absent-users");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("users.jsonl:5: malformed line", run.Output, StringComparison.Ordinal);
        Assert.Equal(200, (await store.SearchInDatabaseAsync(database, "room-m1", VisitorMaria, Manager, ManagerToken)).Status);
    }

    [Fact]
    public async Task The_endpoint_answers_the_whole_closing_message_as_Rocket_Chat_stores_it()
    {
        var history = (await store.SearchAsync("room-m1", VisitorMaria, Agent, AgentToken)).History;
        var closing = Assert.Single(history, item => item.GetProperty("_id").GetString() == "room-m1").GetProperty("closingMessage");
        Assert.Equal(["_id", "t", "rid", "ts", "msg", "u", "groupable", "_updatedAt"], Json.Names(closing));
        Assert.Equal(("Ana Agent", "2024-03-01T10:30:00.000Z"), (Json.StringAt(closing, "u", "name"), Json.StringAt(closing, "_updatedAt")));
    }

    [Fact]
    public async Task Open_is_stored_only_on_the_chat_still_open()
    {
        Assert.Equal("true", Json.StringAt((await store.ReadAsync("rooms", "room-m3", VisitorMaria))!.Value, "open"));
        Assert.Null(Json.StringAt((await store.ReadAsync("rooms", "room-m1", VisitorMaria))!.Value, "open"));
    }
}
