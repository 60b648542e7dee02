using LivechatFunctions.Authentication;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Perf;

/// <summary>
/// The store calls of one request made straight on the Cosmos SDK, with no app code in between: the floor the app is
/// measured against. The token read, then the room read alongside the page query, then the count when the page comes
/// back full, as the app sends them. The client has the app's options and its query plan cache (which decides what
/// goes on the wire: without it the SDK asks for a plan before every COUNT); the queries are the app's own
/// (<see cref="ChatQuery"/>) with its request options. Answers are drained, not parsed.
/// </summary>
/// <param name="network">The client's HTTP handler, or <c>null</c> for the app's own (a real server).</param>
/// <param name="countsToo">Whether the app counts for this request, as it does when the page comes back full.</param>
internal sealed class BareStoreCalls(Uri endpoint, string accountKey, HttpMessageHandler? network, string userId, string token, string roomId, ChatQuery query, bool countsToo)
    : IDisposable
{
    private readonly CosmosClient _client = CreateClient(endpoint, accountKey, [new QueryPlanCache(ChatQuery.FilterOnlyParameters)], network);
    private readonly string _tokenId = TokenDigest.Compute(token);
    private readonly PartitionKey _userKey = new(userId);
    private readonly PartitionKey _visitorKey = new(query.VisitorId);

    // Built once: the app's text and parameters, without the app's work of building them on every request.
    private readonly QueryDefinition _page = query.Page();
    private readonly QueryDefinition _count = query.Count();

    private Container Rooms => field ??= _client.GetContainer(new CosmosOptions().DatabaseName, new CosmosOptions().RoomsContainerName);

    private Container Tokens => field ??= _client.GetContainer(new CosmosOptions().DatabaseName, new CosmosOptions().TokensContainerName);

    /// <summary>The parameters the app reads from <c>?count=N&amp;offset=M</c> (spec §1 defaults: newest first, closed and served only).</summary>
    public static ChatQuery Page(string visitorId, int count, long offset = 0) =>
        new(visitorId, new ChatSearchParameters(offset, count, ChatSort.Default, ClosedOnly: true, ServedOnly: true, Source: null, SearchText: null));

    /// <summary>A client as the app builds one, with <paramref name="handlers"/> and, if given, <paramref name="network"/> for HTTP.</summary>
    public static CosmosClient CreateClient(Uri endpoint, string accountKey, IEnumerable<RequestHandler> handlers, HttpMessageHandler? network)
    {
        var options = CosmosClientFactory.CreateClientOptions(new CosmosOptions { AccountEndpoint = endpoint.AbsoluteUri, AccountKey = accountKey }, endpoint);
        foreach (var handler in handlers)
        {
            options.CustomHandlers.Add(handler);
        }

        if (network is not null)
        {
            options.HttpClientFactory = () => new HttpClient(network, disposeHandler: false);
        }

        return new CosmosClient(endpoint.AbsoluteUri, accountKey, options);
    }

    /// <summary>Every store call of the app's request, in its order.</summary>
    public async Task RequestAsync(CancellationToken cancellationToken)
    {
        using (var token = await Tokens.ReadItemStreamAsync(_tokenId, _userKey, cancellationToken: cancellationToken))
        {
            await DrainAsync(token, cancellationToken);
        }

        var room = ReadRoomAsync(cancellationToken);
        await PageQueryAsync(cancellationToken);
        if (countsToo)
        {
            await CountQueryAsync(cancellationToken);
        }

        await room;
    }

    public Task PageQueryAsync(CancellationToken cancellationToken) => DrainQueryAsync(_page, query.Limit, cancellationToken);

    public Task CountQueryAsync(CancellationToken cancellationToken) => DrainQueryAsync(_count, null, cancellationToken);

    public void Dispose() => _client.Dispose();

    private async Task ReadRoomAsync(CancellationToken cancellationToken)
    {
        using var response = await Rooms.ReadItemStreamAsync(roomId, _visitorKey, cancellationToken: cancellationToken);
        await DrainAsync(response, cancellationToken);
    }

    private async Task DrainQueryAsync(QueryDefinition query, long? expectedRows, CancellationToken cancellationToken)
    {
        using var iterator = Rooms.GetItemQueryStreamIterator(query, continuationToken: null, Options(expectedRows));
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            await DrainAsync(response, cancellationToken);
        }
    }

    // The app's request options for its history queries (ChatHistoryStore).
    private QueryRequestOptions Options(long? expectedRows) => new()
    {
        PartitionKey = _visitorKey,
        EnableOptimisticDirectExecution = true,
        MaxItemCount = expectedRows is > 0 and <= 1000 ? (int)expectedRows.Value : -1,
    };

    private static async Task DrainAsync(ResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The store answered {(int)response.StatusCode} to a bare store call.");
        }

        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }
}
