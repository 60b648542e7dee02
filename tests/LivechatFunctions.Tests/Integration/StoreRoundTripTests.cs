using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using static LivechatFunctions.Tests.Integration.IntegrationData;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// What one request costs in requests to a real store, counted by the app's own pipeline handler through the real
/// SDK. Alice has 10 matching chats. Tests in this collection run one at a time, so the counts are theirs.
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public class StoreRoundTripTests(LocalCosmosFixture cosmos)
{
    private async Task<(TestResponse Response, long Requests, long QueryPlans)> Measure(string query)
    {
        cosmos.StoreCalls.Reset();
        var response = await cosmos.GetAsync("a01", Alice, query);
        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        return (response, cosmos.StoreCalls.Total, cosmos.StoreCalls.QueryPlans);
    }

    [Fact]
    public async Task A_page_that_proves_the_total_costs_three_requests()
    {
        await Measure("count=50");
        var (response, requests, plans) = await Measure("count=50");
        Assert.Equal(10, response.Json.GetProperty("total").GetInt32());
        Assert.Equal(3, requests);
        Assert.Equal(0, plans);
    }

    [Fact]
    public async Task The_room_read_and_the_page_query_are_sent_together()
    {
        var pairing = new PairingHandler();
        using var app = cosmos.CreateApp(new Dictionary<string, string?>(), pairing);
        var calls = app.GetRequiredService<StoreCallCounter>();
        var first = await cosmos.GetAsync(app, "a01", Alice, "count=50");
        Assert.True(first.Status == 200, $"{first.Status}: {first.Body}");
        calls.Reset();

        var response = await cosmos.GetAsync(app, "a01", Alice, "count=50");

        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        Assert.Equal(3, calls.Total);
        Assert.Equal(2, calls.MaxInFlight);
        Assert.Equal(4, pairing.Paired);
    }

    [Fact]
    public async Task A_full_page_adds_only_the_count_and_no_query_plan_once_the_shape_is_known()
    {
        await Measure("count=5");
        var (response, requests, plans) = await Measure("count=5&offset=5");
        Assert.Equal(10, response.Json.GetProperty("total").GetInt32());
        Assert.Equal(4, requests);
        Assert.Equal(0, plans);
    }

    [Fact]
    public async Task A_full_page_for_another_visitor_reuses_the_plan()
    {
        await Measure("count=5");
        cosmos.StoreCalls.Reset();
        var response = await cosmos.GetAsync("b01", Bob, "count=1");
        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        Assert.Equal(0, cosmos.StoreCalls.QueryPlans);
    }

    [Fact]
    public async Task A_last_page_past_the_first_costs_no_count()
    {
        var (response, requests, plans) = await Measure("count=4&offset=8");
        Assert.Equal(2, response.History.Count);
        Assert.Equal(10, response.Json.GetProperty("total").GetInt32());
        Assert.Equal(3, requests);
        Assert.Equal(0, plans);
    }

    [Fact]
    public async Task Search_text_adds_one_request()
    {
        var (_, plain, _) = await Measure("count=50");
        var (_, searched, plans) = await Measure("count=50&searchText=Hello");
        Assert.Equal(plain + 1, searched);
        Assert.Equal(0, plans);
    }

    [Fact]
    public async Task With_the_token_cache_on_a_repeated_page_request_costs_two_requests_sent_together()
    {
        using var app = cosmos.CreateApp(new Dictionary<string, string?> { ["Authentication:TokenCacheLifetime"] = "00:00:30" }, new PairingHandler());
        var calls = app.GetRequiredService<StoreCallCounter>();
        var first = await cosmos.GetAsync(app, "a01", Alice, "count=50");
        Assert.True(first.Status == 200, $"{first.Status}: {first.Body}");
        Assert.Equal(3, calls.Total);

        calls.Reset();
        var repeated = await cosmos.GetAsync(app, "a01", Alice, "count=50");
        Assert.True(repeated.Status == 200, $"{repeated.Status}: {repeated.Body}");
        Assert.Equal(10, repeated.Json.GetProperty("total").GetInt32());
        Assert.Equal(2, calls.Total);
        Assert.Equal(2, calls.MaxInFlight);
    }

    [Fact]
    public async Task The_apps_request_handlers_add_no_nodes_to_a_requests_diagnostics()
    {
        using var app = cosmos.CreateApp(new Dictionary<string, string?>());
        using var bareClient = cosmos.CreateClient();
        var appNodes = await DiagnosticsNodesOfARoomRead(app.GetRequiredService<LivechatContainers>().Rooms);
        var bareNodes = await DiagnosticsNodesOfARoomRead(bareClient.GetContainer(cosmos.DatabaseName, "rooms"));

        // A handler that went through RequestHandler.SendAsync would add a node to the SDK's own chain: any of the
        // three would make the app's tree longer than that of a client with no handlers of its own.
        Assert.Contains("Microsoft.Azure.Cosmos.Handlers.RetryHandler", bareNodes);
        Assert.Equal(bareNodes.Count, appNodes.Count);
        Assert.Equal(1, app.GetRequiredService<StoreCallCounter>().Total);
    }

    private static async Task<List<string>> DiagnosticsNodesOfARoomRead(Container rooms)
    {
        using var response = await rooms.ReadItemStreamAsync("a01", new PartitionKey(Alice));
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        using var diagnostics = System.Text.Json.JsonDocument.Parse(response.Diagnostics.ToString());
        var names = new List<string>();
        void Walk(System.Text.Json.JsonElement node)
        {
            names.Add(node.GetProperty("name").GetString() ?? string.Empty);
            if (node.TryGetProperty("children", out var children))
            {
                foreach (var child in children.EnumerateArray())
                {
                    Walk(child);
                }
            }
        }

        Walk(diagnostics.RootElement);
        return names;
    }
}
