using System.Diagnostics;
using System.Globalization;
using System.Text;
using LivechatFunctions.Functions;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.Perf;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Load;

/// <summary>
/// How a request grows with the visitor's history: for each size, a fresh local Cosmos DB server gets the demo data
/// and a visitor with that many closed, served chats, and the first page and the page at offset 1,000 are read
/// through the app running in this process, so its <see cref="StoreCallCounter"/> counts the store requests each
/// makes. Beside each, the bare page query and COUNT query (<see cref="BareStoreCalls"/>) show how much of the time is
/// the store's.
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
        foreach (var size in options.GrowthSizes)
        {
            // A fresh store per size, so no size is measured on a store that still holds the sizes seeded before it.
            await using var server = await CosmosServerProcess.StartAsync(null, cancellationToken);
            await MeasureSizeAsync(server, size, options.PageSize ?? 10, options.GrowthRequests, output, rows, cancellationToken);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(Invariant($"Growth: page of {options.PageSize ?? 10}, {options.GrowthRequests} sequential requests per row through the app in this process (function and result, no HTTP); store calls from StoreCallCounter; store answers = the bodies the store sent the app; bare = the same query on the SDK alone."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| visitor's chats | offset | status | count | total | app p50 ms | store calls/request | of which query plans | most in flight | store answers KB/request | bare page query p50 ms | bare COUNT p50 ms |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(output.WriteLine);
        return rows.Any(row => row.Contains("WRONG", StringComparison.Ordinal)) ? 1 : 0;
    }

    private static async Task MeasureSizeAsync(CosmosServerProcess server, int size, int pageSize, int requests, TextWriter output, List<string> rows, CancellationToken cancellationToken)
    {
        var demo = DemoDataSet.Generate();
        var agent = demo.SuggestedUser;
        var visitorId = Invariant($"growth-visitor-{size}");
        var roomId = ChatDocuments.RoomId(visitorId, 0);
        var seeding = Stopwatch.StartNew();
        using (var client = server.CreateClient())
        {
            await DemoDataLoader.LoadAsync(client, server.ClientSettings, demo, createContainers: true, cancellationToken);
            var rooms = client.GetContainer(server.ClientSettings.DatabaseName, server.ClientSettings.RoomsContainerName);
            await Parallel.ForEachAsync(Enumerable.Range(0, size), new ParallelOptions { MaxDegreeOfParallelism = SeedConcurrency, CancellationToken = cancellationToken }, async (index, ct) =>
            {
                using var content = new MemoryStream(Encoding.UTF8.GetBytes(ChatDocuments.Room(visitorId, index, agent.UserId)));
                using var response = await rooms.UpsertItemStreamAsync(content, new PartitionKey(visitorId), cancellationToken: ct);
                response.EnsureSuccessStatusCode();
            });
        }

        await output.WriteLineAsync(Invariant($"Seeded {size} chats (and the demo data's {demo.Documents.Count} documents) in {seeding.Elapsed.TotalSeconds:F1} s, {SeedConcurrency} upserts at a time."));
        // Last in the client's pipeline, so it sees each answer as the store sent it.
        var storeBytes = new StoreResponseBytes();
        await using var app = FunctionInvoker.CreateServices(server.Endpoint, CosmosServerProcess.WellKnownKey, services => services.AddSingleton<RequestHandler>(storeBytes));
        var function = app.GetRequiredService<SearchChatsFunction>();
        var counter = app.GetRequiredService<StoreCallCounter>();
        foreach (var offset in Offsets)
        {
            var query = Invariant($"?count={pageSize}&offset={offset}");
            (int Status, int Count, long Total) last = default;
            async Task RequestAsync() => last = await InvokeAsync(function, query, agent.UserId, agent.Token, roomId, visitorId);
            await TimeAsync(RequestAsync, WarmUpRequests);
            counter.Reset();
            storeBytes.Reset();
            var latencies = await TimeAsync(RequestAsync, requests);
            var expectedCount = (int)Math.Clamp(size - offset, 0, pageSize);
            var right = last.Status == 200 && last.Count == expectedCount && last.Total == size;

            using var bare = new BareStoreCalls(server.Endpoint, CosmosServerProcess.WellKnownKey, null, agent.UserId, agent.Token, roomId, BareStoreCalls.Page(visitorId, pageSize, offset), countsToo: false);
            var page = await TimeAsync(() => bare.PageQueryAsync(cancellationToken), WarmUpRequests + requests);
            var count = await TimeAsync(() => bare.CountQueryAsync(cancellationToken), WarmUpRequests + requests);
            var row = Invariant($"| {size} | {offset} | {last.Status}{(right ? "" : " WRONG")} | {last.Count} | {last.Total} | {Median(latencies):F1} | {(double)counter.Total / requests:F1} | {(double)counter.QueryPlans / requests:F1} | {counter.MaxInFlight} | {storeBytes.Total / 1024.0 / requests:F1} | {Median(page[WarmUpRequests..]):F1} | {Median(count[WarmUpRequests..]):F1} |");
            rows.Add(row);
            await output.WriteLineAsync(row);
        }
    }

    private static async Task<(int Status, int Count, long Total)> InvokeAsync(SearchChatsFunction function, string query, string userId, string token, string roomId, string visitorId)
    {
        using var body = new MemoryStream();
        var status = await FunctionInvoker.InvokeAsync(function, query, userId, token, roomId, visitorId, body);
        var (count, total) = FunctionInvoker.ReadPage(body.ToArray()) ?? (-1, -1);
        return (status, count, total);
    }

    /// <summary>Runs <paramref name="call"/> <paramref name="times"/> times in a row; returns each call's milliseconds.</summary>
    private static async Task<double[]> TimeAsync(Func<Task> call, int times)
    {
        var milliseconds = new double[times];
        for (var i = 0; i < times; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            milliseconds[i] = watch.Elapsed.TotalMilliseconds;
        }

        return milliseconds;
    }

    private static double Median(double[] values) => values.Order().ElementAt(values.Length / 2);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Adds up the bodies of the store's answers to the app, innermost in its client's pipeline: what crossed the network
    /// from Cosmos DB, which round trips and latencies alone do not show (a page at an offset may cost as many requests as
    /// the first page and still bring far more back).
    /// </summary>
    private sealed class StoreResponseBytes : UntracedRequestHandler
    {
        private long _bytes;

        public long Total => Interlocked.Read(ref _bytes);

        public void Reset() => Interlocked.Exchange(ref _bytes, 0);

        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            var response = await SendToNextAsync(request, cancellationToken);
            // In Gateway mode the SDK has read the whole answer into a seekable stream by now.
            Interlocked.Add(ref _bytes, response.Content is { CanSeek: true } content ? content.Length : 0);
            return response;
        }
    }
}
