using System.Collections.ObjectModel;
using System.Net;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>The local server refuses what Cosmos DB refuses and leaves undefined what Cosmos DB leaves undefined.</summary>
public sealed class StrictStoreTests(LocalCosmosFixture fixture) : IClassFixture<LocalCosmosFixture>
{
    private const string Visitor = "v";

    [Fact]
    public async Task A_client_with_another_key_is_refused_with_401()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var server = fixture.Server;
        var otherKey = Convert.ToBase64String([.. Enumerable.Range(1, 64).Select(i => (byte)i)]);
        using var client = new CosmosClient(server.Endpoint.AbsoluteUri, otherKey,
            CosmosClientFactory.CreateClientOptions(server.ClientSettings, server.Endpoint));

        var error = await Assert.ThrowsAsync<CosmosException>(() => client.CreateDatabaseAsync("refused", cancellationToken: ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task A_request_without_authorization_is_refused_with_401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, await ListDatabasesStatusAsync(request => request));

    [Fact]
    public async Task A_request_signed_with_the_emulator_key_is_served() =>
        Assert.Equal(HttpStatusCode.OK, await ListDatabasesStatusAsync(request => MasterKeySignature.Sign(request, fixture.Server.Endpoint)));

    // Over plain HTTP, so that nothing but the given preparation decides what the request carries.
    private async Task<HttpStatusCode> ListDatabasesStatusAsync(Func<HttpRequestMessage, HttpRequestMessage> prepare)
    {
        using var timeout = TestTimeout.Start();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var response = await http.SendAsync(prepare(new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.Endpoint, "dbs"))), timeout.Token);
        return response.StatusCode;
    }

    [Fact]
    public async Task Rows_that_tie_on_every_order_by_item_come_back_in_an_order_that_varies_between_queries()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithTiedRowsAsync(fixture.Client, ct);

        var orders = new HashSet<string>(StringComparer.Ordinal);
        for (var run = 0; run < 8; run++)
        {
            orders.Add(string.Join(',', await StoreQueries.RowsAsync(container, new PartitionKey(Visitor),
                new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.visitorId = 'v' ORDER BY c.ts DESC"), null, ct)));
        }

        Assert.True(orders.Count > 1, "eight queries over ten tied rows all came back in one order");
    }

    [Fact]
    public async Task The_same_tie_order_seed_replays_the_same_orders()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;

        var first = await TiedOrdersAsync(seed: 1234, ct);
        var second = await TiedOrdersAsync(seed: 1234, ct);

        Assert.Equal(first, second);
    }

    // 27,000 ids of 17 characters are 540,000 characters of JSON, as Cosmos DB counts a parameter.
    [Fact]
    public async Task A_query_whose_text_and_parameters_pass_524288_characters_is_refused_with_400() =>
        Assert.Equal(HttpStatusCode.BadRequest, await IdListQueryStatusAsync(idCount: 27_000));

    [Fact]
    public async Task A_query_just_under_the_size_limit_is_served() =>
        Assert.Equal(HttpStatusCode.OK, await IdListQueryStatusAsync(idCount: 25_000));

    private async Task<HttpStatusCode> IdListQueryStatusAsync(int idCount)
    {
        using var timeout = TestTimeout.Start();
        var container = await ContainerWithTiedRowsAsync(fixture.Client, timeout.Token);
        var ids = Enumerable.Range(0, idCount).Select(i => $"room{i:D13}").ToArray();
        var query = new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.visitorId = 'v' AND ARRAY_CONTAINS(@ids, c.id)").WithParameter("@ids", ids);
        return await StoreQueries.StatusAsync(container, Visitor, query, timeout.Token);
    }

    [Theory]
    [InlineData("c.ts DESC")]
    [InlineData("c.ts DESC, c.id DESC")]
    [InlineData("c.ts ASC, c.id ASC")]
    public async Task Order_by_the_indexing_policy_serves_is_accepted(string orderBy) =>
        Assert.Equal(HttpStatusCode.OK, await OrderByStatusAsync(orderBy));

    [Theory]
    [InlineData("c.fname")]
    [InlineData("c.ts DESC, c.id ASC")]
    [InlineData("c.id DESC, c.ts DESC")]
    [InlineData("c.msgs DESC, c.id DESC")]
    public async Task Order_by_the_indexing_policy_cannot_serve_is_refused_with_400(string orderBy) =>
        Assert.Equal(HttpStatusCode.BadRequest, await OrderByStatusAsync(orderBy));

    private async Task<HttpStatusCode> OrderByStatusAsync(string orderBy)
    {
        using var timeout = TestTimeout.Start();
        var container = await ContainerWithPolicyAsync(timeout.Token);
        return await StoreQueries.StatusAsync(
            container, Visitor, new QueryDefinition($"SELECT * FROM c WHERE c.visitorId = 'v' ORDER BY {orderBy}"), timeout.Token);
    }

    [Fact]
    public async Task Contains_with_true_as_its_third_argument_ignores_case()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithTiedRowsAsync(fixture.Client, ct);
        await container.UpsertItemAsync(new { id = "web", visitorId = Visitor, source = "Widget" }, new PartitionKey(Visitor), cancellationToken: ct);

        var rows = await StoreQueries.RowsAsync(container, new PartitionKey(Visitor), new QueryDefinition(
            "SELECT VALUE c.id FROM c WHERE c.visitorId = 'v' AND CONTAINS(c.source, @s, true)").WithParameter("@s", "wIDG"), null, ct);

        Assert.Equal(["\"web\""], rows);
    }

    [Fact]
    public async Task Select_distinct_value_returns_each_value_once()
    {
        using var timeout = TestTimeout.Start();
        var ct = timeout.Token;
        var container = await ContainerWithTiedRowsAsync(fixture.Client, ct);

        var rows = await StoreQueries.RowsAsync(container, new PartitionKey(Visitor), new QueryDefinition(
            "SELECT DISTINCT VALUE c.ts FROM c WHERE c.visitorId = 'v'"), null, ct);

        Assert.Equal(["5"], rows);
    }

    private static async Task<List<string>> TiedOrdersAsync(uint seed, CancellationToken ct)
    {
        await using var server = await CosmosServerProcess.StartAsync(new CosmosServerOptions { TieOrderSeed = seed }, ct);
        using var client = server.CreateClient();
        var container = await ContainerWithTiedRowsAsync(client, ct);
        var orders = new List<string>();
        for (var run = 0; run < 3; run++)
        {
            orders.Add(string.Join(',', await StoreQueries.RowsAsync(container, new PartitionKey(Visitor),
                new QueryDefinition("SELECT VALUE c.id FROM c WHERE c.visitorId = 'v' ORDER BY c.ts"), null, ct)));
        }

        return orders;
    }

    // Ten rows with one ts: every one of them ties on ORDER BY c.ts.
    private static async Task<Container> ContainerWithTiedRowsAsync(CosmosClient client, CancellationToken ct)
    {
        var database = await client.CreateDatabaseAsync($"db-{Guid.NewGuid():N}", cancellationToken: ct);
        var container = (await database.Database.CreateContainerAsync(new ContainerProperties("rooms", "/visitorId"), cancellationToken: ct)).Container;
        for (var i = 0; i < 10; i++)
        {
            await container.UpsertItemAsync(new { id = $"r{i}", visitorId = Visitor, ts = 5 }, new PartitionKey(Visitor), cancellationToken: ct);
        }

        return container;
    }

    // Only ts has a range index, and one composite index [ts ASC, id ASC].
    private async Task<Container> ContainerWithPolicyAsync(CancellationToken ct)
    {
        var properties = new ContainerProperties("rooms", "/visitorId");
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/visitorId/?" });
        properties.IndexingPolicy.IncludedPaths.Add(new IncludedPath { Path = "/ts/?" });
        properties.IndexingPolicy.ExcludedPaths.Add(new ExcludedPath { Path = "/*" });
        properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/ts", Order = CompositePathSortOrder.Ascending },
            new() { Path = "/id", Order = CompositePathSortOrder.Ascending },
        });
        properties.IndexingPolicy.CompositeIndexes.Add(new Collection<CompositePath>
        {
            new() { Path = "/msgs", Order = CompositePathSortOrder.Descending },
            new() { Path = "/id", Order = CompositePathSortOrder.Ascending },
        });
        var database = await fixture.Client.CreateDatabaseAsync($"db-{Guid.NewGuid():N}", cancellationToken: ct);
        var container = (await database.Database.CreateContainerAsync(properties, cancellationToken: ct)).Container;
        await container.UpsertItemAsync(new { id = "r1", visitorId = Visitor, ts = 1, fname = "a", msgs = 2 }, new PartitionKey(Visitor), cancellationToken: ct);
        return container;
    }
}
