using LivechatFunctions.Authentication;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Load;

/// <summary>
/// The floor under the endpoint: the store work of one request done straight on the Cosmos SDK from this
/// process, against the same store, with the app's client options, query text and request options, and no
/// app code or HTTP in between. Responses are drained, not parsed.
/// </summary>
public sealed class StoreFloor : IDisposable
{
    private readonly CosmosClient _client;
    private readonly Container _rooms;
    private readonly Container _tokens;
    private readonly string _tokenId;
    private readonly PartitionKey _userKey;
    private readonly PartitionKey _visitorKey;
    private readonly string _roomId;
    private readonly ChatQuery _query;

    public StoreFloor(Uri storeEndpoint, string userId, string token, string roomId, string visitorId, int pageSize)
    {
        var settings = new CosmosOptions { AccountEndpoint = storeEndpoint.AbsoluteUri, AccountKey = CosmosServerProcess.WellKnownKey };
        var options = CosmosClientFactory.CreateClientOptions(settings, storeEndpoint);
        // The app's plan cache too, so the floor's COUNT goes out as the app's does: without a query plan request.
        options.CustomHandlers.Add(new QueryPlanCache(ChatQuery.FilterOnlyParameters));
        _client = new CosmosClient(storeEndpoint.AbsoluteUri, CosmosServerProcess.WellKnownKey, options);
        _rooms = _client.GetContainer(settings.DatabaseName, settings.RoomsContainerName);
        _tokens = _client.GetContainer(settings.DatabaseName, settings.TokensContainerName);
        _tokenId = TokenDigest.Compute(token);
        _userKey = new PartitionKey(userId);
        _visitorKey = new PartitionKey(visitorId);
        _roomId = roomId;
        // The request's parameters as the app reads "?count=N" (spec §1 defaults: newest first, closed and served only).
        _query = new ChatQuery(visitorId, new ChatSearchParameters(0, pageSize, ChatSort.Default, ClosedOnly: true, ServedOnly: true, Source: null, SearchText: null));
    }

    /// <summary>Whether the app counts for this request: its page comes back full. Decided once, before the load.</summary>
    public bool CountsToo { get; private set; }

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var rows = await RowsAsync(_query.Page(), _query.Limit, cancellationToken);
        CountsToo = _query.Limit is { } limit && rows >= limit;
    }

    /// <summary>The page query alone.</summary>
    public async Task<bool> PageQueryAsync(CancellationToken cancellationToken)
    {
        await DrainQueryAsync(_query.Page(), _query.Limit, cancellationToken);
        return true;
    }

    /// <summary>Every store call of the app's request, in its order: token, then room alongside page (then count).</summary>
    public async Task<bool> StoreCallsAsync(CancellationToken cancellationToken)
    {
        using (var token = await _tokens.ReadItemStreamAsync(_tokenId, _userKey, cancellationToken: cancellationToken))
        {
            await DrainAsync(token, cancellationToken);
        }

        var room = ReadRoomAsync(cancellationToken);
        await DrainQueryAsync(_query.Page(), _query.Limit, cancellationToken);
        if (CountsToo)
        {
            await DrainQueryAsync(_query.Count(), null, cancellationToken);
        }

        await room;
        return true;
    }

    public void Dispose() => _client.Dispose();

    private async Task ReadRoomAsync(CancellationToken cancellationToken)
    {
        using var response = await _rooms.ReadItemStreamAsync(_roomId, _visitorKey, cancellationToken: cancellationToken);
        await DrainAsync(response, cancellationToken);
    }

    private async Task DrainQueryAsync(QueryDefinition query, long? expectedRows, CancellationToken cancellationToken)
    {
        using var iterator = _rooms.GetItemQueryStreamIterator(query, continuationToken: null, Options(expectedRows));
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            await DrainAsync(response, cancellationToken);
        }
    }

    private async Task<int> RowsAsync(QueryDefinition query, long? expectedRows, CancellationToken cancellationToken)
    {
        var rows = 0;
        using var iterator = _rooms.GetItemQueryStreamIterator(query, continuationToken: null, Options(expectedRows));
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            using var document = await System.Text.Json.JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            rows += document.RootElement.GetProperty("Documents").GetArrayLength();
        }

        return rows;
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
            throw new HttpRequestException($"The store answered {(int)response.StatusCode} to the floor.");
        }

        await response.Content.CopyToAsync(Stream.Null, cancellationToken);
    }
}
