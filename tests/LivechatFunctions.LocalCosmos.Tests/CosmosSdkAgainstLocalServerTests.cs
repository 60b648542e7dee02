using System.Net;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>What the app relies on from the local server, exercised through the real SDK.</summary>
public sealed class CosmosSdkAgainstLocalServerTests(LocalCosmosFixture fixture) : IClassFixture<LocalCosmosFixture>
{
    [Fact]
    public async Task Creates_database_and_container_partitioned_by_visitorId()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var databaseId = $"db-{Guid.NewGuid():N}";

        var database = await fixture.Client.CreateDatabaseAsync(databaseId, cancellationToken: ct);
        var container = await database.Database.CreateContainerAsync(
            new ContainerProperties("messages", "/visitorId"), cancellationToken: ct);
        var read = await container.Container.ReadContainerAsync(cancellationToken: ct);

        Assert.Equal(HttpStatusCode.Created, database.StatusCode);
        Assert.Equal(HttpStatusCode.Created, container.StatusCode);
        Assert.Equal("/visitorId", read.Resource.PartitionKeyPath);
    }

    [Fact]
    public async Task Upserted_document_is_returned_by_point_read()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await fixture.CreateVisitorContainerAsync(ct);
        var document = new ChatDocument("m1", "visitor-1", "message", 1_700_000_000_000, "hello");

        await container.UpsertItemAsync(document, new PartitionKey(document.VisitorId), cancellationToken: ct);
        var read = await container.ReadItemAsync<ChatDocument>(
            document.Id, new PartitionKey(document.VisitorId), cancellationToken: ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(document, read.Resource);
    }

    [Fact]
    public async Task Point_read_of_missing_document_throws_NotFound()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await fixture.CreateVisitorContainerAsync(ct);
        // A neighbour in the same partition, so the miss is about the id and not an empty container.
        await container.UpsertItemAsync(
            new ChatDocument("present", "visitor-1", "message", 1, "x"), new PartitionKey("visitor-1"), cancellationToken: ct);

        var error = await Assert.ThrowsAsync<CosmosException>(() => container.ReadItemAsync<ChatDocument>(
            "absent", new PartitionKey("visitor-1"), cancellationToken: ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Single_partition_query_with_order_by_and_top_returns_newest_rows_of_that_partition()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await fixture.CreateVisitorContainerAsync(ct);
        var documents = new[]
        {
            new ChatDocument("a1", "visitor-a", "message", 10, "first"),
            new ChatDocument("a2", "visitor-a", "message", 30, "third"),
            new ChatDocument("a3", "visitor-a", "message", 20, "second"),
            new ChatDocument("a4", "visitor-a", "message", 40, "fourth"),
            new ChatDocument("a5", "visitor-a", "system", 50, "not a message"),
            new ChatDocument("b1", "visitor-b", "message", 99, "other visitor"),
        };
        foreach (var document in documents)
        {
            await container.UpsertItemAsync(document, new PartitionKey(document.VisitorId), cancellationToken: ct);
        }

        var query = new QueryDefinition(
                "SELECT TOP 3 * FROM c WHERE c.visitorId = @visitorId AND c.kind = @kind ORDER BY c.ts DESC")
            .WithParameter("@visitorId", "visitor-a")
            .WithParameter("@kind", "message");
        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey("visitor-a"),
            // Without it the SDK asks the gateway for a query plan, which the local server cannot serve.
            EnableOptimisticDirectExecution = true,
        };
        var ids = new List<string>();
        using var iterator = container.GetItemQueryIterator<ChatDocument>(query, requestOptions: options);
        while (iterator.HasMoreResults)
        {
            ids.AddRange((await iterator.ReadNextAsync(ct)).Select(d => d.Id));
        }

        Assert.Equal(["a4", "a2", "a3"], ids);
    }

    [Fact]
    public async Task Offset_limit_skips_and_takes_from_the_ordered_rows_of_the_partition()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var ids = await QueryIdsAsync(container, OrderedPage, offset: 1, limit: 2, maxItemCount: 2, ct);

        Assert.Equal(["a2", "a3"], ids);
    }

    [Fact]
    public async Task Offset_limit_past_the_last_row_returns_no_rows()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var ids = await QueryIdsAsync(container, OrderedPage, offset: 10, limit: 2, maxItemCount: 2, ct);

        Assert.Empty(ids);
    }

    [Fact]
    public async Task Offset_limit_with_a_negative_amount_is_a_bad_request()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var error = await Assert.ThrowsAsync<CosmosException>(() => QueryIdsAsync(container, OrderedPage, offset: 0, limit: -1, maxItemCount: null, ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Offset_limit_paged_smaller_than_its_limit_is_refused_rather_than_answered_wrongly()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var error = await Assert.ThrowsAsync<CosmosException>(() => QueryIdsAsync(container, OrderedPage, offset: 0, limit: 3, maxItemCount: 1, ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Theory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task Offset_limit_pages_are_slices_of_the_unpaged_order_rows_lacking_the_sort_field_included(string direction)
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        // Ordered by closedAt then id, so the two rows that tie on closedAt have one order (the server varies the
        // order of rows that tie on every item); Cosmos DB needs a composite index for that.
        var properties = new ContainerProperties("messages", "/visitorId");
        properties.IndexingPolicy.CompositeIndexes.Add(
        [
            new CompositePath { Path = "/closedAt", Order = CompositePathSortOrder.Ascending },
            new CompositePath { Path = "/id", Order = CompositePathSortOrder.Ascending },
        ]);
        var database = await fixture.Client.CreateDatabaseAsync($"db-{Guid.NewGuid():N}", cancellationToken: ct);
        var container = (await database.Database.CreateContainerAsync(properties, cancellationToken: ct)).Container;
        // Two of five rows lack closedAt: Cosmos DB ranks them lowest, and a page must cut the same order.
        object[] documents =
        [
            new { id = "c1", visitorId = "v", kind = "room", closedAt = 30 },
            new { id = "c2", visitorId = "v", kind = "room" },
            new { id = "c3", visitorId = "v", kind = "room", closedAt = 10 },
            new { id = "c4", visitorId = "v", kind = "room", closedAt = 20 },
            new { id = "c5", visitorId = "v", kind = "room" },
        ];
        foreach (var document in documents)
        {
            await container.UpsertItemAsync(document, new PartitionKey("v"), cancellationToken: ct);
        }

        var sql = $"SELECT c.id, c.closedAt FROM c WHERE c.visitorId = 'v' ORDER BY c.closedAt {direction}, c.id {direction}";
        var unpaged = await QueryRowsAsync(container, "v", new QueryDefinition(sql), maxItemCount: null, ct);
        for (var offset = 0; offset <= documents.Length; offset++)
        {
            var page = await QueryRowsAsync(container, "v", new QueryDefinition($"{sql} OFFSET {offset} LIMIT 2"), maxItemCount: 2, ct);
            Assert.Equal(unpaged.Skip(offset).Take(2), page);
        }

        Assert.Equal(5, unpaged.Count);
    }

    [Fact]
    public async Task Offset_limit_after_an_aggregate_pages_its_result_not_its_input()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var counts = await QueryRowsAsync(container, "visitor-a", new QueryDefinition(
            "SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = 'visitor-a' OFFSET 0 LIMIT 1"), maxItemCount: null, ct);

        Assert.Equal(["5"], counts);
    }

    [Fact]
    public async Task Offset_limit_beside_top_is_refused_rather_than_guessed()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var error = await Assert.ThrowsAsync<CosmosException>(() => QueryRowsAsync(container, "visitor-a", new QueryDefinition(
            "SELECT TOP 2 * FROM c WHERE c.visitorId = 'visitor-a' ORDER BY c.ts DESC OFFSET 1 LIMIT 3"), maxItemCount: null, ct));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task Offset_limit_continued_from_a_token_is_refused_rather_than_answered_from_the_start()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);
        // The SDK never continues a single-partition query it sent directly (it wants a query plan instead, which the
        // local server has not got), so this speaks the protocol itself, with a continuation the server really issued.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = fixture.Server.Endpoint };
        var documents = $"dbs/{container.Database.Id}/colls/{container.Id}/docs";
        const string Rows = "SELECT * FROM c WHERE c.visitorId = 'visitor-a' AND c.kind = 'message' ORDER BY c.ts DESC";

        using var firstRow = await http.SendAsync(QueryRequest(documents, Rows, maxItemCount: 1, continuation: null), ct);
        var continuation = firstRow.Headers.GetValues("x-ms-continuation").Single();
        using var page = await http.SendAsync(QueryRequest(documents, $"{Rows} OFFSET 1 LIMIT 2", maxItemCount: 2, continuation: null), ct);
        using var continued = await http.SendAsync(QueryRequest(documents, $"{Rows} OFFSET 1 LIMIT 2", maxItemCount: 2, continuation), ct);

        Assert.Equal(HttpStatusCode.OK, firstRow.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, continued.StatusCode);
    }

    private HttpRequestMessage QueryRequest(string documents, string sql, int maxItemCount, string? continuation)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, documents)
        {
            Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query = sql, parameters = Array.Empty<object>() })),
        };
        request.Content.Headers.ContentType = new("application/query+json");
        request.Headers.Add("x-ms-documentdb-isquery", "True");
        request.Headers.Add("x-ms-documentdb-partitionkey", "[\"visitor-a\"]");
        request.Headers.Add("x-ms-max-item-count", maxItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (continuation is not null)
        {
            request.Headers.Add("x-ms-continuation", continuation);
        }

        return MasterKeySignature.Sign(request, fixture.Server.Endpoint);
    }

    [Fact]
    public async Task A_query_with_a_partition_key_reads_only_that_partition_whatever_its_where_names()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);
        var aliens = new QueryDefinition("SELECT * FROM c WHERE c.visitorId = 'visitor-a'");

        var fromB = await QueryRowsAsync(container, "visitor-b", aliens, maxItemCount: null, ct);
        var fromA = await QueryRowsAsync(container, "visitor-a", aliens, maxItemCount: null, ct);

        Assert.Empty(fromB);
        Assert.Equal(5, fromA.Count);
    }

    [Fact]
    public async Task A_query_with_the_null_or_the_none_partition_key_reads_only_documents_with_that_key()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);
        await container.UpsertItemAsync(new { id = "null-key", visitorId = (string?)null, kind = "message" }, PartitionKey.Null, cancellationToken: ct);
        await container.UpsertItemAsync(new { id = "no-key", kind = "message" }, PartitionKey.None, cancellationToken: ct);
        var anyKey = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.visitorId = null OR NOT IS_DEFINED(c.visitorId) OR c.visitorId = 'visitor-a'");

        var nullKey = await QueryRowsAsync(container, PartitionKey.Null, anyKey, maxItemCount: null, ct);
        var noKey = await QueryRowsAsync(container, PartitionKey.None, anyKey, maxItemCount: null, ct);

        Assert.Equal(["\"null-key\""], nullKey);
        Assert.Equal(["\"no-key\""], noKey);
    }

    // The server keeps each container's document ids by partition as they are written (server/patches/): a query must see
    // its partition's documents as they are now, after replaces, a patch and deletes, and none of another partition's,
    // even one created under an id its own partition had before. The WHERE names both partitions, so only the
    // partition key sent with the query keeps the other one out.
    [Fact]
    public async Task A_query_with_a_partition_key_sees_its_documents_as_they_are_written_and_no_other_partitions()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);
        var a = new PartitionKey("visitor-a");
        var before = await MessageTextsAsync(container, "visitor-a", ct);

        await container.UpsertItemAsync(new ChatDocument("a2", "visitor-a", "message", 30, "edited"), a, cancellationToken: ct);
        await container.ReplaceItemAsync(new ChatDocument("a4", "visitor-a", "message", 40, "replaced"), "a4", a, cancellationToken: ct);
        await container.PatchItemAsync<ChatDocument>("a1", a, [PatchOperation.Set("/text", "patched")], cancellationToken: ct);
        await container.DeleteItemAsync<ChatDocument>("a3", a, cancellationToken: ct);
        var afterDelete = await MessageTextsAsync(container, "visitor-a", ct);
        await container.CreateItemAsync(new ChatDocument("a3", "visitor-b", "message", 20, "moved"), new PartitionKey("visitor-b"), cancellationToken: ct);
        await container.CreateItemAsync(new ChatDocument("a6", "visitor-a", "message", 60, "new"), a, cancellationToken: ct);
        var afterCreate = await MessageTextsAsync(container, "visitor-a", ct);
        var otherPartition = await MessageTextsAsync(container, "visitor-b", ct);

        Assert.Equal(["a1:first", "a2:third", "a3:second", "a4:fourth"], before);
        Assert.Equal(["a1:patched", "a2:edited", "a4:replaced"], afterDelete);
        Assert.Equal(["a1:patched", "a2:edited", "a4:replaced", "a6:new"], afterCreate);
        Assert.Equal(["a3:moved", "b1:other visitor"], otherPartition);
    }

    // The messages of either test visitor, as "id:text" in id order, from the partition the query is sent to.
    private static async Task<List<string>> MessageTextsAsync(Container container, string partitionKey, CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT c.id, c.text FROM c WHERE (c.visitorId = 'visitor-a' OR c.visitorId = 'visitor-b') AND c.kind = 'message'");
        var rows = await QueryRowsAsync(container, partitionKey, query, maxItemCount: null, ct);
        return [.. rows.Select(row => System.Text.Json.Nodes.JsonNode.Parse(row)!)
            .Select(row => $"{row["id"]!.GetValue<string>()}:{row["text"]!.GetValue<string>()}")
            .Order(StringComparer.Ordinal)];
    }

    // The server keeps each parsed query by its text (server/patches/): a kept query must still answer for the values it
    // is run with this time, not the first time.
    [Fact]
    public async Task A_query_text_run_again_answers_for_its_new_parameter_values()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);

        var first = await QueryIdsAsync(container, OrderedPage, offset: 1, limit: 2, maxItemCount: null, ct);
        var second = await QueryIdsAsync(container, OrderedPage, offset: 2, limit: 2, maxItemCount: null, ct);
        var firstAgain = await QueryIdsAsync(container, OrderedPage, offset: 1, limit: 2, maxItemCount: null, ct);
        var countA = await CountForAsync(container, "visitor-a", ct);
        var countB = await CountForAsync(container, "visitor-b", ct);

        Assert.Equal(["a2", "a3"], first);
        Assert.Equal(["a3", "a1"], second);
        Assert.Equal(first, firstAgain);
        Assert.Equal(["5"], countA);
        Assert.Equal(["1"], countB);
    }

    [Fact]
    public async Task A_query_text_answers_alike_after_more_texts_than_the_server_keeps()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithVisitorAAsync(ct);
        const string Oldest = "SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = 'visitor-a' AND c.ts > 25";

        var before = await QueryRowsAsync(container, "visitor-a", new QueryDefinition(Oldest), maxItemCount: null, ct);
        for (var i = 0; i < 300; i++)
        {
            // 300 texts that differ only in a literal: more than the 256 the server keeps.
            await QueryRowsAsync(container, "visitor-a", new QueryDefinition($"SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = 'visitor-a' AND c.ts > {i}"), maxItemCount: null, ct);
        }

        var after = await QueryRowsAsync(container, "visitor-a", new QueryDefinition(Oldest), maxItemCount: null, ct);

        Assert.Equal(["3"], before);
        Assert.Equal(before, after);
    }

    private static Task<List<string>> CountForAsync(Container container, string visitorId, CancellationToken ct) =>
        QueryRowsAsync(container, visitorId, new QueryDefinition("SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = @visitorId")
            .WithParameter("@visitorId", visitorId), maxItemCount: null, ct);

    private const string OrderedPage =
        "SELECT * FROM c WHERE c.visitorId = @visitorId AND c.kind = 'message' ORDER BY c.ts DESC OFFSET @offset LIMIT @limit";

    // Visitor a's messages, newest first: a4, a2, a3, a1; the system row and visitor b are never among them.
    private async Task<Container> ContainerWithVisitorAAsync(CancellationToken ct)
    {
        var container = await fixture.CreateVisitorContainerAsync(ct);
        ChatDocument[] documents =
        [
            new("a1", "visitor-a", "message", 10, "first"),
            new("a2", "visitor-a", "message", 30, "third"),
            new("a3", "visitor-a", "message", 20, "second"),
            new("a4", "visitor-a", "message", 40, "fourth"),
            new("a5", "visitor-a", "system", 50, "not a message"),
            new("b1", "visitor-b", "message", 99, "other visitor"),
        ];
        foreach (var document in documents)
        {
            await container.UpsertItemAsync(document, new PartitionKey(document.VisitorId), cancellationToken: ct);
        }

        return container;
    }

    private static async Task<List<string>> QueryIdsAsync(Container container, string sql, int offset, int limit, int? maxItemCount, CancellationToken ct)
    {
        var query = new QueryDefinition(sql)
            .WithParameter("@visitorId", "visitor-a")
            .WithParameter("@offset", offset)
            .WithParameter("@limit", limit);
        var rows = await QueryRowsAsync(container, "visitor-a", query, maxItemCount, ct);
        return [.. rows.Select(row => System.Text.Json.Nodes.JsonNode.Parse(row)!["id"]!.GetValue<string>())];
    }

    private static Task<List<string>> QueryRowsAsync(Container container, string partitionKey, QueryDefinition query, int? maxItemCount, CancellationToken ct) =>
        QueryRowsAsync(container, new PartitionKey(partitionKey), query, maxItemCount, ct);

    private static Task<List<string>> QueryRowsAsync(Container container, PartitionKey partitionKey, QueryDefinition query, int? maxItemCount, CancellationToken ct) =>
        StoreQueries.RowsAsync(container, partitionKey, query, maxItemCount, ct);
}
