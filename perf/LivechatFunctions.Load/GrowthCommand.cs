using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.Perf;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Load;

/// <summary>
/// How a request grows with the visitor's history: visitors with 10, 1,000 and 10,000 chats are written to a
/// local Cosmos DB server, and the first page and the page at offset 1,000 are read through the app running in
/// this process, so its <see cref="StoreCallCounter"/> counts the store requests each one makes. Beside each, the
/// bare page query and COUNT query on the SDK show how much of the time is the store's.
/// </summary>
public static class GrowthCommand
{
    private const int SeedConcurrency = 32;
    private const int WarmUpRequests = 10;
    private static readonly long[] Offsets = [0, 1000];

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var rows = new List<string>();
        var ok = true;
        foreach (var size in options.GrowthSizes)
        {
            // A fresh store per size, so no size is measured on a store that still holds the sizes seeded before it.
            await using var server = await CosmosServerProcess.StartAsync(null, cancellationToken);
            ok &= await MeasureSizeAsync(server, size, options, output, rows, cancellationToken);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Growth: page of {options.GrowthPageSize}, {options.GrowthRequests} sequential requests per row through the app in this process (function + result; no HTTP), each size in its own local server holding the demo data and that visitor; store calls from StoreCallCounter; store answers = the bodies the store sent the app; bare = the same query on the SDK alone, whose COUNT still includes the query plan request the SDK sends before it."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| visitor's chats | offset | status | count | total | app p50 ms | app p95 ms | store calls/request | of which query plans | most in flight | store answers KB/request | bare page query p50 ms | bare COUNT p50 ms | response bytes |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            await output.WriteLineAsync(row);
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> MeasureSizeAsync(CosmosServerProcess server, int size, LoadOptions options, TextWriter output, List<string> rows, CancellationToken cancellationToken)
    {
        var settings = server.ClientSettings;
        var demo = DemoDataSet.Generate();
        var agent = demo.SuggestedUser;
        var visitorId = VisitorId(size);
        using var bare = server.CreateClient();
        var seeding = Stopwatch.StartNew();
        await DemoDataLoader.LoadAsync(bare, settings, demo, createContainers: true, cancellationToken);
        var rooms = bare.GetContainer(settings.DatabaseName, settings.RoomsContainerName);
        await SeedVisitorAsync(rooms, visitorId, size, agent.UserId, cancellationToken);
        await output.WriteLineAsync(Invariant($"Seeded {size} chats (and the demo data's {demo.Documents.Count} documents) in {seeding.Elapsed.TotalSeconds:F1} s, {SeedConcurrency} upserts at a time."));

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = settings.AccountEndpoint,
            ["Cosmos:AccountKey"] = settings.AccountKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLivechatSearch(configuration);
        // Last in the client's pipeline, so it sees each answer as the store sent it.
        var storeBytes = new StoreResponseBytes();
        services.AddSingleton<RequestHandler>(storeBytes);
        services.AddSingleton<SearchChatsFunction>();
        await using var provider = services.BuildServiceProvider();
        var function = provider.GetRequiredService<SearchChatsFunction>();
        var counter = provider.GetRequiredService<StoreCallCounter>();

        var ok = true;
        foreach (var offset in Offsets)
        {
            var query = Invariant($"?count={options.GrowthPageSize}&offset={offset}");
            for (var i = 0; i < WarmUpRequests; i++)
            {
                await InvokeAsync(function, query, agent.UserId, agent.Token, RoomId(visitorId, 0), visitorId);
            }

            counter.Reset();
            storeBytes.Reset();
            var latencies = new List<double>();
            (int Status, int Count, long Total, int Bytes) last = default;
            for (var i = 0; i < options.GrowthRequests; i++)
            {
                var watch = Stopwatch.StartNew();
                last = await InvokeAsync(function, query, agent.UserId, agent.Token, RoomId(visitorId, 0), visitorId);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }

            var calls = (double)counter.Total / options.GrowthRequests;
            var plans = (double)counter.QueryPlans / options.GrowthRequests;
            var storeKilobytes = storeBytes.Total / 1024.0 / options.GrowthRequests;
            var expectedCount = (int)Math.Clamp(size - offset, 0, options.GrowthPageSize);
            var right = last.Status == 200 && last.Count == expectedCount && last.Total == size;
            ok &= right;

            var chatQuery = new ChatQuery(visitorId, new ChatSearchParameters(offset, options.GrowthPageSize, ChatSort.Default, ClosedOnly: true, ServedOnly: true, Source: null, SearchText: null));
            var pageP50 = await BareMedianAsync(rooms, chatQuery.Page(), visitorId, chatQuery.Limit, options.GrowthRequests, cancellationToken);
            var countP50 = await BareMedianAsync(rooms, chatQuery.Count(), visitorId, null, options.GrowthRequests, cancellationToken);
            latencies.Sort();
            var row = Invariant($"| {size} | {offset} | {last.Status}{(right ? string.Empty : " WRONG")} | {last.Count} | {last.Total} | {Percentile(latencies, 50):F1} | {Percentile(latencies, 95):F1} | {calls:F1} | {plans:F1} | {counter.MaxInFlight} | {storeKilobytes:F1} | {pageP50:F1} | {countP50:F1} | {last.Bytes} |");
            rows.Add(row);
            await output.WriteLineAsync(row);
        }

        return ok;
    }

    private static string VisitorId(int size) => Invariant($"growth-visitor-{size}");

    private static string RoomId(string visitorId, int index) => Invariant($"{visitorId}-chat-{index + 1:00000}");

    private static async Task<(int Status, int Count, long Total, int Bytes)> InvokeAsync(SearchChatsFunction function, string query, string userId, string token, string roomId, string visitorId)
    {
        using var body = new MemoryStream();
        var http = FunctionInvoker.CreateGet(query, userId, token, body);
        var status = await FunctionInvoker.InvokeAsync(function, http, roomId, visitorId);
        if (status != 200)
        {
            return (status, -1, -1, (int)body.Length);
        }

        using var document = JsonDocument.Parse(body.ToArray());
        return (status, document.RootElement.GetProperty("count").GetInt32(), document.RootElement.GetProperty("total").GetInt64(), (int)body.Length);
    }

    private static async Task<double> BareMedianAsync(Container rooms, QueryDefinition query, string visitorId, long? expectedRows, int requests, CancellationToken cancellationToken)
    {
        // The app's request options for its history queries (ChatHistoryStore).
        var options = new QueryRequestOptions
        {
            PartitionKey = new PartitionKey(visitorId),
            EnableOptimisticDirectExecution = true,
            MaxItemCount = expectedRows is > 0 and <= 1000 ? (int)expectedRows.Value : -1,
        };
        var latencies = new List<double>();
        for (var i = 0; i < requests + WarmUpRequests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var iterator = rooms.GetItemQueryStreamIterator(query, continuationToken: null, options);
            while (iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync(cancellationToken);
                response.EnsureSuccessStatusCode();
                await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            if (i >= WarmUpRequests)
            {
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        latencies.Sort();
        return Percentile(latencies, 50);
    }

    /// <summary>Closed chats served by the agent, shaped like the demo data's, newest last; no messages (the queries skip them).</summary>
    private static async Task SeedVisitorAsync(Container rooms, string visitorId, int chats, string agentId, CancellationToken cancellationToken)
    {
        var visitor = new JsonObject { ["_id"] = visitorId, ["username"] = "guest-" + visitorId, ["token"] = "token-" + visitorId, ["status"] = "online" };
        var start = new DateTimeOffset(2020, 1, 1, 8, 0, 0, TimeSpan.Zero);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, chats),
            new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken },
            async (index, ct) =>
            {
                var roomId = RoomId(visitorId, index);
                var opened = start.AddMinutes(37.0 * index);
                var room = new JsonObject
                {
                    ["id"] = roomId,
                    ["kind"] = "room",
                    ["visitorId"] = visitorId,
                    ["_id"] = roomId,
                    ["t"] = "l",
                    ["fname"] = "Growth",
                    ["msgs"] = 2 + (index % 5),
                    ["ts"] = Iso(opened),
                    ["v"] = visitor.DeepClone(),
                    ["source"] = new JsonObject { ["type"] = "widget" },
                    ["departmentId"] = "sales",
                    ["servedBy"] = new JsonObject { ["_id"] = agentId, ["username"] = "agent", ["ts"] = Iso(opened.AddSeconds(30)) },
                    ["closedAt"] = Iso(opened.AddMinutes(20)),
                    ["closer"] = "user",
                    ["closedBy"] = new JsonObject { ["_id"] = agentId, ["username"] = "agent" },
                    ["tags"] = new JsonArray("billing"),
                    ["closingMessage"] = new JsonObject { ["_id"] = roomId + "-close", ["msg"] = "Chat closed. Thank you!", ["t"] = "livechat-close", ["ts"] = Iso(opened.AddMinutes(20)) },
                };
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(room.ToJsonString()));
                using var response = await rooms.UpsertItemStreamAsync(content, new PartitionKey(visitorId), cancellationToken: ct);
                response.EnsureSuccessStatusCode();
            });
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
