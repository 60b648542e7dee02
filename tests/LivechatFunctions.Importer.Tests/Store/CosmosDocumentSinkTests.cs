using System.Net;
using System.Text;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Store;
using Microsoft.Azure.Cosmos;
using Moq;

namespace LivechatFunctions.Importer.Tests.Store;

public sealed class CosmosDocumentSinkTests : IDisposable
{
    private readonly Mock<Container> _rooms = new();
    private readonly Mock<Container> _tokens = new();
    private readonly ImportTally _tally = new();
    private readonly List<string> _reports = [];
    private CosmosDocumentSink? _sink;

    public void Dispose() => _sink?.Dispose();

    private static ConvertedDocument Document(string id, DocumentKind kind = DocumentKind.Message, string partition = "v1") =>
        new(kind, id, partition, Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\"}}"), $"export.jsonl:{id}");

    private CosmosDocumentSink Sink(int concurrency = 4, int retries = 2) =>
        _sink = new CosmosDocumentSink(_rooms.Object, _tokens.Object, concurrency, _tally,
            new StoreRetryPolicy([.. Enumerable.Repeat(TimeSpan.Zero, retries)]), TimeProvider.System, _reports.Add, CancellationToken.None);

    private static void Answer(Mock<Container> container, Func<HttpStatusCode> status) =>
        container.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ResponseMessage(status(), errorMessage: "detail from the store"));

    [Fact]
    public async Task Document_is_upserted_as_its_raw_json_with_its_partition_key()
    {
        string? body = null;
        PartitionKey? partition = null;
        _rooms.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Callback<Stream, PartitionKey, ItemRequestOptions, CancellationToken>((stream, key, _, _) => (body, partition) = (new StreamReader(stream).ReadToEnd(), key))
            .ReturnsAsync(new ResponseMessage(HttpStatusCode.Created));
        var sink = Sink();

        await sink.WriteAsync(Document("m1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal("{\"id\":\"m1\"}", body);
        Assert.Equal(new PartitionKey("v1"), partition);
        Assert.Equal(1, _tally.WrittenOf(DocumentKind.Message));
    }

    [Fact]
    public async Task Tokens_go_to_the_tokens_container_and_chats_to_the_rooms_container()
    {
        Answer(_rooms, () => HttpStatusCode.OK);
        Answer(_tokens, () => HttpStatusCode.OK);
        var sink = Sink();

        await sink.WriteAsync(Document("r1", DocumentKind.Room), CancellationToken.None);
        await sink.WriteAsync(Document("t1", DocumentKind.Token, "u1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        _tokens.Verify(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("u1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
        _rooms.Verify(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), new PartitionKey("v1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task No_more_than_the_concurrency_limit_is_in_flight()
    {
        var current = 0;
        var peak = 0;
        _rooms.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Returns(async () =>
            {
                var now = Interlocked.Increment(ref current);
                InterlockedMax(ref peak, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref current);
                return new ResponseMessage(HttpStatusCode.OK);
            });
        var sink = Sink(concurrency: 3);

        for (var i = 0; i < 30; i++)
        {
            await sink.WriteAsync(Document("m" + i), CancellationToken.None);
        }

        await sink.FlushAsync(CancellationToken.None);
        Assert.Equal(30, _tally.WrittenOf(DocumentKind.Message));
        Assert.InRange(peak, 2, 3);
    }

    [Fact]
    public async Task A_transient_failure_is_retried()
    {
        var answers = new Queue<HttpStatusCode>([HttpStatusCode.ServiceUnavailable, HttpStatusCode.RequestTimeout, HttpStatusCode.OK]);
        Answer(_rooms, answers.Dequeue);
        var sink = Sink(retries: 2);

        await sink.WriteAsync(Document("m1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal(1, _tally.WrittenOf(DocumentKind.Message));
    }

    [Fact]
    public async Task A_store_unavailable_after_the_retries_fails_the_run()
    {
        Answer(_rooms, () => HttpStatusCode.ServiceUnavailable);
        var sink = Sink(concurrency: 1, retries: 2);

        await sink.WriteAsync(Document("m1"), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<StoreFailedException>(() => sink.FlushAsync(CancellationToken.None));

        Assert.Contains("unavailable: 503 ServiceUnavailable after 3 attempts", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<StoreFailedException>(() => sink.WriteAsync(Document("m2"), CancellationToken.None).AsTask());
        Assert.Equal(1, sink.Unconfirmed);
    }

    [Fact]
    public async Task A_document_the_store_refuses_is_counted_and_reported_and_the_rest_go_on()
    {
        Answer(_rooms, () => HttpStatusCode.RequestEntityTooLarge);
        Answer(_tokens, () => HttpStatusCode.OK);
        var sink = Sink();

        await sink.WriteAsync(Document("big"), CancellationToken.None);
        await sink.WriteAsync(Document("t1", DocumentKind.Token, "u1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal((1, 1), (_tally.RejectedOf(DocumentKind.Message), _tally.WrittenOf(DocumentKind.Token)));
        Assert.StartsWith("export.jsonl:big: the store rejected message big (413 RequestEntityTooLarge): ", Assert.Single(_reports), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_stops_the_run_and_names_the_role_needed()
    {
        Answer(_rooms, () => HttpStatusCode.Forbidden);
        var sink = Sink();

        await sink.WriteAsync(Document("m1"), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<StoreFailedException>(() => sink.FlushAsync(CancellationToken.None));

        Assert.Contains("Data Contributor", failure.Message, StringComparison.Ordinal);
        _rooms.Verify(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Cancelled_writes_are_unconfirmed_not_written()
    {
        using var run = new CancellationTokenSource();
        _rooms.Setup(c => c.UpsertItemStreamAsync(It.IsAny<Stream>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Returns<Stream, PartitionKey, ItemRequestOptions, CancellationToken>(async (_, _, _, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return new ResponseMessage(HttpStatusCode.OK);
            });
        _sink = new CosmosDocumentSink(_rooms.Object, _tokens.Object, 4, _tally, StoreRetryPolicy.Default, TimeProvider.System, _reports.Add, run.Token);

        await _sink.WriteAsync(Document("m1"), CancellationToken.None);
        await _sink.WriteAsync(Document("m2"), CancellationToken.None);
        await run.CancelAsync();
        await _sink.FlushAsync(CancellationToken.None);

        Assert.Equal((0, 2), (_tally.WrittenTotal, _sink.Unconfirmed));
    }

    private static void AnswerDeletes(Mock<Container> container, HttpStatusCode status) =>
        container.Setup(c => c.DeleteItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ResponseMessage(status));

    /// <summary>Deletes one hidden message through a sink whose rooms container answers deletes with <paramref name="answer"/>.</summary>
    private async Task DeleteHiddenMessageAsync(string id, HttpStatusCode answer)
    {
        AnswerDeletes(_rooms, answer);
        var sink = Sink();

        await sink.DeleteAsync(HiddenMessage(id), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);
    }

    /// <summary>The tokens container holds <paramref name="documents"/> and answers every delete with 204.</summary>
    private void StoreTokensThatCanBeDeleted(params (string Id, string UserId)[] documents)
    {
        _tokens.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns(() => StoredTokens.Iterator(documents));
        AnswerDeletes(_tokens, HttpStatusCode.NoContent);
    }

    private static DocumentDeletion HiddenMessage(string id) => new(DocumentKind.Message, id, "v1", DeletionReasons.MessageHidden, "messages.jsonl:4");

    [Fact]
    public async Task A_deleted_document_is_counted_under_its_reason()
    {
        await DeleteHiddenMessageAsync("m1", answer: HttpStatusCode.NoContent);

        _rooms.Verify(c => c.DeleteItemStreamAsync("m1", new PartitionKey("v1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(1, _tally.DeletedOf(DeletionReasons.MessageHidden));
    }

    [Fact]
    public async Task Deleting_a_document_that_is_not_there_is_no_error_and_no_deletion()
    {
        await DeleteHiddenMessageAsync("never-stored", answer: HttpStatusCode.NotFound);

        Assert.Equal((0, 0L), (_tally.DeletedTotal, _tally.RejectedTotal));
        Assert.Empty(_reports);
    }

    [Fact]
    public async Task Reconciling_finds_the_users_tokens_with_a_parameterised_query_in_its_partition()
    {
        QueryDefinition? query = null;
        QueryRequestOptions? options = null;
        _tokens.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Callback<QueryDefinition, string, QueryRequestOptions>((q, _, o) => (query, options) = (q, o))
            .Returns(() => StoredTokens.Iterator());
        var sink = Sink();

        await sink.ReconcileTokensAsync(new TokenReconciliation("u1", new HashSet<string>(), DeletionReasons.TokenNoLongerListed, "users.jsonl:1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        Assert.Equal("SELECT c.id FROM c WHERE c.userId = @userId", query!.QueryText);
        Assert.Equal([("@userId", (object)"u1")], query.GetQueryParameters().Select(p => (p.Name, p.Value)));
        Assert.Equal(new PartitionKey("u1"), options!.PartitionKey);
    }

    [Fact]
    public async Task Reconciling_deletes_the_token_documents_not_kept_and_only_those()
    {
        StoreTokensThatCanBeDeleted(("kept", "u1"), ("revoked", "u1"));
        var sink = Sink();

        await sink.ReconcileTokensAsync(new TokenReconciliation("u1", new HashSet<string> { "kept" }, DeletionReasons.TokenNoLongerListed, "users.jsonl:1"), CancellationToken.None);
        await sink.FlushAsync(CancellationToken.None);

        _tokens.Verify(c => c.DeleteItemStreamAsync("revoked", new PartitionKey("u1"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
        _tokens.Verify(c => c.DeleteItemStreamAsync("kept", It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(1, _tally.DeletedOf(DeletionReasons.TokenNoLongerListed));
    }

    [Fact]
    public async Task Absent_users_lose_their_token_documents_and_exported_users_keep_theirs()
    {
        StoreTokensThatCanBeDeleted(("t-present", "present"), ("t-gone", "gone"));
        var sink = Sink();

        await sink.RemoveTokensOfAbsentUsersAsync(new HashSet<string> { "present" }, CancellationToken.None);

        _tokens.Verify(c => c.DeleteItemStreamAsync("t-gone", new PartitionKey("gone"), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Once);
        _tokens.Verify(c => c.DeleteItemStreamAsync("t-present", It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(1, _tally.DeletedOf(DeletionReasons.TokenOfAbsentUser));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
