using System.Text.Json;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Functions;
using LivechatFunctions.Perf;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// One request of the endpoint two ways over the same canned store: through the app (the function class
/// wired by <see cref="LivechatServiceCollectionExtensions.AddLivechatSearch"/>, result executed into a
/// response body) and bare (the same store calls made straight on the SDK, responses only drained).
/// </summary>
public sealed class BenchmarkRig : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly CosmosClient _bareClient;
    private readonly Container _bareRooms;
    private readonly Container _bareTokens;
    private readonly PartitionKey _userKey = new(CannedStore.UserId);
    private readonly PartitionKey _visitorKey = new(CannedStore.VisitorId);
    private readonly string _queryString;
    private IReadOnlyList<ReplayedQuery> _replay = [];
    private bool _bareReadsToken = true;

    static BenchmarkRig()
    {
        // The SDK asks Azure's instance metadata service (169.254.169.254) for a VM id once per process, through
        // the client's HttpClientFactory; a benchmark has no business off this machine. Read before any client exists.
        Environment.SetEnvironmentVariable("COSMOS_DISABLE_IMDS_ACCESS", "true");
    }

    private BenchmarkRig(int pageSize, long matchingChats, TimeSpan tokenCacheLifetime)
    {
        PageSize = pageSize;
        Store = new CannedStore(matchingChats);
        AppHandler = new CannedCosmosHandler(Store);
        BareHandler = new CannedCosmosHandler(Store);
        _queryString = "?count=" + pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:AccountEndpoint"] = CannedStore.Endpoint.AbsoluteUri,
            ["Cosmos:AccountKey"] = CannedStore.AccountKey,
            ["Authentication:TokenCacheLifetime"] = tokenCacheLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddLivechatSearch(configuration);
        // Registered after AddLivechatSearch, so this client wins: the app's own options and request handlers
        // (the store call counter among them), with only the network swapped for the canned handler.
        services.AddSingleton(sp => CreateClient(AppHandler, sp.GetServices<RequestHandler>()));
        services.AddSingleton<SearchChatsFunction>();
        _services = services.BuildServiceProvider();
        Function = _services.GetRequiredService<SearchChatsFunction>();
        Counter = _services.GetRequiredService<StoreCallCounter>();

        // The bare client gets the app's query plan cache and nothing else: it decides which requests go on the
        // wire (the SDK would otherwise fetch a plan for every COUNT), so both paths send the same requests.
        _bareClient = CreateClient(BareHandler, [new QueryPlanCache(ChatQuery.FilterOnlyParameters)]);
        _bareRooms = _bareClient.GetContainer("livechat", Store.RoomsContainer.Id);
        _bareTokens = _bareClient.GetContainer("livechat", Store.TokensContainer.Id);
    }

    public int PageSize { get; }

    public CannedStore Store { get; }

    public CannedCosmosHandler AppHandler { get; }

    public CannedCosmosHandler BareHandler { get; }

    public SearchChatsFunction Function { get; }

    public StoreCallCounter Counter { get; }

    /// <summary>The app's services, for timing its parts one by one (<see cref="PartsReport"/>).</summary>
    public IServiceProvider AppServices => _services;

    /// <summary>The query string of the benchmark's request (<c>?count=N</c>).</summary>
    public string QueryString => _queryString;

    /// <summary>
    /// A page of <paramref name="pageSize"/> asked for; the visitor has more chats than that, or one fewer. With a
    /// <paramref name="tokenCacheLifetime"/> the app keeps the agent's token after the first request, and the bare path
    /// leaves the token read out as the app does.
    /// </summary>
    public static async Task<BenchmarkRig> CreateAsync(int pageSize, bool moreThanOnePage, TimeSpan tokenCacheLifetime = default)
    {
        var rig = new BenchmarkRig(pageSize, moreThanOnePage ? 1000 : pageSize - 1, tokenCacheLifetime);
        try
        {
            // The first request reads the account, containers and partition key ranges; it also shows which
            // queries the app sends, so the bare path replays exactly those, whatever the app's code becomes.
            rig.AppHandler.CaptureQueries = true;
            var status = await rig.AppRequestAsync(Stream.Null);
            rig.AppHandler.CaptureQueries = false;
            if (status != 200)
            {
                throw new InvalidOperationException($"The app answered {status} to the benchmark's request; expected 200.");
            }

            rig._replay = [.. rig.AppHandler.Queries.Select(ReplayedQuery.From)];

            // Whether a warm request still reads the token (it does unless the token cache is on).
            var before = rig.AppHandler.Snapshot()[(int)StoreRequestKind.TokenRead];
            await rig.AppRequestAsync(Stream.Null);
            rig._bareReadsToken = rig.AppHandler.Snapshot()[(int)StoreRequestKind.TokenRead] > before;
            await rig.BareRequestAsync();
            return rig;
        }
        catch
        {
            rig.Dispose();
            throw;
        }
    }

    /// <summary>The whole request through the app; returns the status code.</summary>
    public Task<int> AppRequestAsync(Stream responseBody)
    {
        var http = FunctionInvoker.CreateGet(_queryString, CannedStore.UserId, CannedStore.AuthToken, responseBody);
        return FunctionInvoker.InvokeAsync(Function, http, CannedStore.RoomId, CannedStore.VisitorId);
    }

    /// <summary>
    /// The app's store calls without the app: the token read (unless a warm app request makes none), then the room
    /// read alongside the app's queries (in the order it sent them), each response drained. Returns the bytes read.
    /// </summary>
    public async Task<long> BareRequestAsync()
    {
        var bytes = _bareReadsToken ? await BareTokenReadAsync() : 0;

        var room = ReadRoomAsync();
        var queries = RunQueriesAsync();
        return bytes + await room + await queries;
    }

    /// <summary>The bare path's token read alone, drained.</summary>
    public async Task<long> BareTokenReadAsync()
    {
        using var token = await _bareTokens.ReadItemStreamAsync(Store.TokenId, _userKey);
        return await DrainAsync(token);
    }

    /// <summary>The bare path's room read alone, drained.</summary>
    public Task<long> BareRoomReadAsync() => ReadRoomAsync();

    /// <summary>The bare path's queries alone (the app's, replayed), drained.</summary>
    public Task<long> BareQueriesAsync() => RunQueriesAsync();

    public void Dispose()
    {
        _services.Dispose();
        _bareClient.Dispose();
        AppHandler.Dispose();
        BareHandler.Dispose();
    }

    private async Task<long> ReadRoomAsync()
    {
        using var response = await _bareRooms.ReadItemStreamAsync(CannedStore.RoomId, _visitorKey);
        return await DrainAsync(response);
    }

    private async Task<long> RunQueriesAsync()
    {
        long bytes = 0;
        foreach (var query in _replay)
        {
            using var iterator = _bareRooms.GetItemQueryStreamIterator(query.Definition, continuationToken: null, query.Options());
            while (iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync();
                bytes += await DrainAsync(response);
            }
        }

        return bytes;
    }

    private static async Task<long> DrainAsync(ResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The canned store answered {(int)response.StatusCode} to the bare path.");
        }

        var content = response.Content;
        var length = content.CanSeek ? content.Length : 0;
        await content.CopyToAsync(Stream.Null);
        return length;
    }

    private static CosmosClient CreateClient(CannedCosmosHandler handler, IEnumerable<RequestHandler> requestHandlers)
    {
        var options = CosmosClientFactory.CreateClientOptions(
            new CosmosOptions { AccountEndpoint = CannedStore.Endpoint.AbsoluteUri, AccountKey = CannedStore.AccountKey },
            CannedStore.Endpoint);
        foreach (var requestHandler in requestHandlers)
        {
            options.CustomHandlers.Add(requestHandler);
        }

        options.HttpClientFactory = () => new HttpClient(handler, disposeHandler: false);
        return new CosmosClient(CannedStore.Endpoint.AbsoluteUri, CannedStore.AccountKey, options);
    }

    /// <summary>A query the app sent, rebuilt for the bare SDK with the same text, parameters and request options.</summary>
    private sealed record ReplayedQuery(QueryDefinition Definition, string PartitionKeyValue, int? MaxItemCount, bool OptimisticDirectExecution)
    {
        public QueryRequestOptions Options() => new()
        {
            PartitionKey = new PartitionKey(PartitionKeyValue),
            MaxItemCount = MaxItemCount,
            EnableOptimisticDirectExecution = OptimisticDirectExecution,
        };

        public static ReplayedQuery From(CapturedQuery captured)
        {
            using var body = JsonDocument.Parse(captured.Body);
            var definition = new QueryDefinition(body.RootElement.GetProperty("query").GetString()!);
            if (body.RootElement.TryGetProperty("parameters", out var parameters))
            {
                foreach (var parameter in parameters.EnumerateArray())
                {
                    definition = definition.WithParameter(parameter.GetProperty("name").GetString()!, ValueOf(parameter.GetProperty("value")));
                }
            }

            using var key = JsonDocument.Parse(captured.Headers["x-ms-documentdb-partitionkey"]);
            int? maxItemCount = captured.Headers.TryGetValue("x-ms-max-item-count", out var max)
                ? int.Parse(max, System.Globalization.CultureInfo.InvariantCulture)
                : null;
            var optimistic = captured.Headers.TryGetValue("x-ms-cosmos-query-optimisticdirectexecute", out var ode)
                && bool.TryParse(ode, out var enabled) && enabled;
            return new ReplayedQuery(definition, key.RootElement[0].GetString()!, maxItemCount, optimistic);
        }

        private static object? ValueOf(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => value.Clone(),
        };
    }
}
