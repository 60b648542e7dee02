using System.Net;
using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Store;
using LivechatFunctions.Importer.Terminal;
using LivechatFunctions.Importer.Tests.Store;
using LivechatFunctions.Importer.Tests.TestData;
using Microsoft.Azure.Cosmos;
using Moq;

namespace LivechatFunctions.Importer.Tests.Import;

public sealed class ImportRunTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _files = new();
    private readonly SampleExport _export;
    private readonly ImportTally _tally = new();
    private readonly ImportProgress _progress = new();
    private readonly List<string> _reports = [];

    public ImportRunTests() => _export = new SampleExport(_files.Path, Now);

    public void Dispose() => _files.Dispose();

    private ImportOptions Everything(bool strict = false) => new()
    {
        DryRun = true,
        Strict = strict,
        RoomsFile = _export.RoomsFile,
        MessagesFile = _export.MessagesFile,
        UsersFile = _export.UsersFile,
        DepartmentAgentsFile = _export.DepartmentAgentsFile,
    };

    private async Task<RecordingSink> RunAsync(ImportOptions options)
    {
        var sink = new RecordingSink(_tally);
        await new ImportRun(options, sink, _tally, _progress, new FixedClock(Now), _reports.Add).RunAsync(CancellationToken.None);
        return sink;
    }

    [Fact]
    public async Task Every_livechat_room_its_messages_and_every_live_token_are_written()
    {
        var sink = await RunAsync(Everything());
        Assert.Equal(SampleExport.ImportedRoomIds.Order(), sink.Documents.Where(d => d.Kind == DocumentKind.Room).Select(d => d.Id).Order());
        Assert.Equal(SampleExport.ImportedMessageIds.Order(), sink.Documents.Where(d => d.Kind == DocumentKind.Message).Select(d => d.Id).Order());
        Assert.Equal(3, sink.Documents.Count(d => d.Kind == DocumentKind.Token));
    }

    [Fact]
    public async Task Messages_land_in_their_rooms_visitor_partition_wherever_the_room_is_in_its_file()
    {
        var sink = await RunAsync(Everything());
        Assert.Equal(SampleExport.VisitorJoao, sink.WithId("msg-j1-1").PartitionKey);
        Assert.Equal(SampleExport.VisitorMaria, sink.WithId("msg-m1-1").PartitionKey);
    }

    [Fact]
    public async Task Room_without_closing_message_gets_the_one_from_its_messages()
    {
        var sink = await RunAsync(Everything());
        Assert.Equal("msg-m1-close", Json.StringAt(Json.Parse(sink.WithId("room-m1").Json), "closingMessage", "_id"));
    }

    [Fact]
    public async Task Room_with_a_closing_message_keeps_its_own()
    {
        var sink = await RunAsync(Everything());
        Assert.Equal("own-close", Json.StringAt(Json.Parse(sink.WithId("room-m2").Json), "closingMessage", "_id"));
    }

    [Fact]
    public async Task Tokens_carry_the_departments_the_agent_serves()
    {
        var sink = await RunAsync(Everything());
        var agentToken = sink.Documents.First(d => d.Kind == DocumentKind.Token && d.PartitionKey == SampleExport.Agent);
        Assert.Equal("[\"dept-sales\",\"dept-support\"]", Json.StringAt(Json.Parse(agentToken.Json), "departments"));
    }

    [Fact]
    public async Task Skips_are_counted_with_their_reasons()
    {
        await RunAsync(Everything());
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.RoomNotLivechat));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.RoomWithoutVisitor));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.MessageOfOtherRoom));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.MessageHidden));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.MessageWithoutRoom));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.UserInactive));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.UserWithoutTokens));
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.TokenExpired));
    }

    [Fact]
    public async Task Malformed_lines_are_reported_once_each_with_file_and_line()
    {
        await RunAsync(Everything());
        Assert.Equal(["users.jsonl:5", "rooms.jsonl:5", "messages.jsonl:11"], _reports.Select(r => r[..r.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Equal(3, _tally.MalformedTotal);
    }

    [Fact]
    public async Task Strict_stops_at_the_first_malformed_line()
    {
        var error = await Assert.ThrowsAsync<InvalidExportException>(() => RunAsync(Everything(strict: true)));
        Assert.StartsWith("users.jsonl:5: malformed line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rooms_alone_are_read_once_and_written_without_closing_messages()
    {
        var sink = await RunAsync(new ImportOptions { DryRun = true, RoomsFile = _export.RoomsFile });
        Assert.Equal(4, sink.Documents.Count);
        Assert.False(Json.Parse(sink.WithId("room-m1").Json).TryGetProperty("closingMessage", out _));
        Assert.Equal(new FileInfo(_export.RoomsFile).Length, _progress.BytesRead);
    }

    [Fact]
    public async Task Progress_counts_the_rooms_file_twice_when_messages_need_the_room_map()
    {
        await RunAsync(Everything());
        var files = new[] { _export.RoomsFile, _export.RoomsFile, _export.MessagesFile, _export.UsersFile, _export.DepartmentAgentsFile };
        Assert.Equal(files.Sum(f => new FileInfo(f).Length), _progress.TotalBytes);
        Assert.Equal(_progress.TotalBytes, _progress.BytesRead);
    }

    [Fact]
    public async Task A_store_failure_stops_the_run_and_the_summary_says_what_landed()
    {
        var calls = 0;
        var container = new Mock<Container>();
        container.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ResponseMessage(++calls <= 2 ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable));
        // The users' token documents already stored: none.
        container.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns(() => StoredTokens.Iterator());
        using var sink = new CosmosDocumentSink(container.Object, container.Object, 1, _tally, new StoreRetryPolicy([TimeSpan.Zero]), TimeProvider.System, _reports.Add, CancellationToken.None);
        var run = new ImportRun(Everything() with { DryRun = false }, sink, _tally, _progress, new FixedClock(Now), _reports.Add);

        var failure = await Assert.ThrowsAsync<StoreFailedException>(() => run.RunAsync(CancellationToken.None));
        var summary = ImportSummary.Lines(ImportOutcome.Failed, failure.Message, _tally, TimeSpan.FromSeconds(3), sink.Unconfirmed, dryRun: false);

        Assert.Equal(2, _tally.WrittenOf(DocumentKind.Token));
        Assert.StartsWith("Import FAILED after 0:00:03: the store is unavailable: 503 ServiceUnavailable after 2 attempts", summary[0], StringComparison.Ordinal);
        Assert.Contains(summary, l => l.Trim().StartsWith("tokens", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 2", StringComparison.Ordinal));
        Assert.Contains(summary, l => l.Contains("Run the same command again", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.Failed, ExitCodes.For(ImportOutcome.Failed, _tally.RejectedTotal));
    }

    [Fact]
    public async Task Hidden_message_of_an_imported_room_loses_its_document()
    {
        var messages = _files.File("hidden.jsonl", File.ReadAllText(_export.MessagesFile)
            .Replace("{\"_id\":\"msg-m1-2\",", "{\"_id\":\"msg-m1-2\",\"_hidden\":true,", StringComparison.Ordinal));
        var sink = await RunAsync(Everything() with { MessagesFile = messages });
        var deletion = Assert.Single(sink.Deletions);
        Assert.Equal(("msg-m1-2", SampleExport.VisitorMaria, DeletionReasons.MessageHidden), (deletion.Id, deletion.PartitionKey, deletion.Reason));
    }

    [Fact]
    public async Task An_edits_earlier_version_deletes_nothing_as_it_never_had_a_document() =>
        Assert.Empty((await RunAsync(Everything())).Deletions);

    [Fact]
    public async Task Every_user_with_an_active_field_has_its_tokens_matched_to_the_export()
    {
        var sink = await RunAsync(Everything());
        Assert.Equal(
            [SampleExport.Agent, SampleExport.Manager, "inactive-ivo", "bot-no-tokens"],
            sink.Reconciliations.Select(r => r.UserId));
        Assert.Equal(
            new[] { SampleExport.AgentToken, SampleExport.AgentPersonalAccessToken }.Select(LivechatFunctions.Authentication.TokenDigest.Compute).Order(),
            sink.ReconciliationOf(SampleExport.Agent).Kept.Order());
        Assert.Empty(sink.ReconciliationOf("inactive-ivo").Kept);
    }

    [Fact]
    public async Task Absent_users_are_left_alone_by_default() =>
        Assert.Null((await RunAsync(Everything())).ExportedUserIds);

    [Fact]
    public async Task Remove_absent_users_refuses_an_export_with_a_malformed_line_before_writing()
    {
        var sink = new RecordingSink(_tally);
        var run = new ImportRun(Everything() with { RemoveAbsentUsers = true }, sink, _tally, _progress, new FixedClock(Now), _reports.Add);
        await Assert.ThrowsAsync<InvalidExportException>(() => run.RunAsync(CancellationToken.None));
        Assert.Empty(sink.Documents);
        Assert.Empty(sink.Reconciliations);
    }

    [Fact]
    public async Task Remove_absent_users_hands_over_every_user_of_the_export()
    {
        var users = _files.File("clean-users.jsonl", string.Join('\n', File.ReadAllLines(_export.UsersFile).Where(l => l.StartsWith("{\"_id\"", StringComparison.Ordinal))));
        var sink = await RunAsync(new ImportOptions { DryRun = true, UsersFile = users, RemoveAbsentUsers = true });
        Assert.Equal([SampleExport.Agent, "bot-no-tokens", "inactive-ivo", SampleExport.Manager], sink.ExportedUserIds!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Users_export_without_active_is_refused_before_anything_is_written()
    {
        var users = _files.File("no-active.jsonl", File.ReadAllText(_export.UsersFile).Replace("\"active\":true,", string.Empty, StringComparison.Ordinal));
        var sink = new RecordingSink(_tally);
        var run = new ImportRun(Everything() with { UsersFile = users }, sink, _tally, _progress, new FixedClock(Now), _reports.Add);
        await Assert.ThrowsAsync<InvalidExportException>(() => run.RunAsync(CancellationToken.None));
        Assert.Empty(sink.Documents);
    }

    [Fact]
    public async Task Message_of_a_room_whose_line_is_cut_short_is_counted_under_its_own_reason()
    {
        await RunAsync(Everything());
        Assert.Equal(1, _tally.SkippedOf(SkipReasons.MessageOfMalformedRoom));
    }

    [Fact]
    public async Task Room_whose_closing_message_is_now_hidden_is_written_without_it()
    {
        var messages = _files.File("hidden-close.jsonl", File.ReadAllText(_export.MessagesFile)
            .Replace("{\"_id\":\"msg-m1-close\",", "{\"_id\":\"msg-m1-close\",\"_hidden\":true,", StringComparison.Ordinal));
        var sink = await RunAsync(Everything() with { MessagesFile = messages });
        Assert.False(Json.Parse(sink.WithId("room-m1").Json).TryGetProperty("closingMessage", out _));
        Assert.Contains(sink.Deletions, d => d.Id == "msg-m1-close");
    }

    [Fact]
    public async Task Room_whose_own_closing_message_is_now_hidden_takes_the_one_from_its_messages()
    {
        var messages = _files.File("hidden-own.jsonl", File.ReadAllText(_export.MessagesFile) + """
            {"_id":"own-close","t":"livechat-close","rid":"room-m2","msg":"Closed by the room","_hidden":true,"ts":{"$date":"2024-03-02T10:30:00.000Z"},"u":{"_id":"agent-ana","username":"ana"}}

            """);
        var sink = await RunAsync(Everything() with { MessagesFile = messages });
        Assert.Equal("msg-m2-close", Json.StringAt(Json.Parse(sink.WithId("room-m2").Json), "closingMessage", "_id"));
    }

    [Fact]
    public async Task Closing_message_found_among_the_messages_is_whole()
    {
        var sink = await RunAsync(Everything());
        var closing = Json.Parse(sink.WithId("room-m1").Json).GetProperty("closingMessage");
        Assert.Equal(["_id", "t", "rid", "ts", "msg", "u", "groupable", "_updatedAt"], Json.Names(closing));
        Assert.Equal("Ana Agent", Json.StringAt(closing, "u", "name"));
    }
}
