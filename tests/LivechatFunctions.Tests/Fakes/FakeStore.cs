using System.Net;
using System.Text;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Moq;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>
/// Mocked containers that answer point reads from a dictionary and queries from canned rows, and record
/// every query they were sent. The SQL itself is not evaluated here (the integration tests do that against a
/// real Cosmos DB protocol server); only a page query's <c>@offset</c> and <c>@limit</c> pick its rows from
/// <see cref="PageRows"/>, as the store's TOP or OFFSET … LIMIT would.
/// </summary>
public sealed class FakeStore
{
    private readonly Dictionary<(string PartitionKey, string Id), string> _tokens = [];
    private readonly Dictionary<(string PartitionKey, string Id), string> _rooms = [];

    public FakeStore()
    {
        var tokens = new Mock<Container>(MockBehavior.Strict);
        tokens.Setup(c => c.ReadItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Returns((string id, PartitionKey pk, ItemRequestOptions _, CancellationToken _) => PointRead(_tokens, TokenFailure, id, pk));
        var rooms = new Mock<Container>(MockBehavior.Strict);
        rooms.Setup(c => c.ReadItemStreamAsync(It.IsAny<string>(), It.IsAny<PartitionKey>(), It.IsAny<ItemRequestOptions>(), It.IsAny<CancellationToken>()))
            .Returns((string id, PartitionKey pk, ItemRequestOptions _, CancellationToken _) => PointRead(_rooms, RoomFailure, id, pk));
        rooms.Setup(c => c.GetItemQueryStreamIterator(It.IsAny<QueryDefinition>(), It.IsAny<string>(), It.IsAny<QueryRequestOptions>()))
            .Returns((QueryDefinition query, string _, QueryRequestOptions options) => Query(query, options));
        Containers = new LivechatContainers(rooms.Object, tokens.Object);
    }

    public LivechatContainers Containers { get; }

    /// <summary>Every row the page query matches, in order, as JSON objects.</summary>
    public List<string> PageRows { get; } = [];

    /// <summary>The answer of a COUNT query.</summary>
    public long CountResult { get; set; }

    /// <summary>How many page rows each query response holds; by default one response holds them all.</summary>
    public int? RowsPerResponse { get; set; }

    /// <summary>Room ids the message search answers with.</summary>
    public List<string> MessageRoomIds { get; } = [];

    public List<(QueryDefinition Query, QueryRequestOptions Options)> Queries { get; } = [];

    public int PointReads { get; private set; }

    public HttpStatusCode? TokenFailure { get; set; }

    public HttpStatusCode? RoomFailure { get; set; }

    public HttpStatusCode? QueryFailure { get; set; }

    /// <summary>The status of the COUNT query alone; the page and the message search still answer.</summary>
    public HttpStatusCode? CountFailure { get; set; }

    /// <summary>Thrown by every query, for failures the SDK raises rather than returns.</summary>
    public Exception? QueryException { get; set; }

    public string? RetryAfterMilliseconds { get; set; }

    /// <summary>The <c>x-ms-substatus</c> of failures, e.g. 1003 for a missing container.</summary>
    public string? FailureSubStatus { get; set; }

    public void AddToken(string userId, string digest, string json) => _tokens[(userId, digest)] = json;

    /// <summary>Deletes a token document, as a logout or a revocation does.</summary>
    public void RemoveToken(string userId, string digest) => _tokens.Remove((userId, digest));

    public void AddRoom(string visitorId, string roomId, string json) => _rooms[(visitorId, roomId)] = json;

    public IEnumerable<string> QueryTexts => Queries.Select(q => q.Query.QueryText);

    private Task<ResponseMessage> PointRead(
        Dictionary<(string, string), string> documents, HttpStatusCode? failure, string id, PartitionKey partitionKey)
    {
        PointReads++;
        if (failure is { } status)
        {
            return Task.FromResult(Failure(status));
        }

        var key = (PartitionKeyValue(partitionKey), id);
        return Task.FromResult(documents.TryGetValue(key, out var json)
            ? new ResponseMessage(HttpStatusCode.OK) { Content = Utf8(json) }
            : new ResponseMessage(HttpStatusCode.NotFound));
    }

    private FeedIterator Query(QueryDefinition query, QueryRequestOptions options)
    {
        lock (Queries)
        {
            Queries.Add((query, options));
        }
        var iterator = new Mock<FeedIterator>();
        var served = false;
        var rowsServed = 0;
        iterator.SetupGet(i => i.HasMoreResults).Returns(() => !served);
        iterator.Setup(i => i.ReadNextAsync(It.IsAny<CancellationToken>())).Returns((CancellationToken _) =>
        {
            served = true;
            if (QueryException is not null)
            {
                throw QueryException;
            }

            var isCount = query.QueryText.Contains("COUNT(1)", StringComparison.Ordinal);
            if ((QueryFailure ?? (isCount ? CountFailure : null)) is { } status)
            {
                return Task.FromResult(Failure(status));
            }

            var isPage = !isCount && !query.QueryText.Contains("m.rid", StringComparison.Ordinal);
            var pageRows = isPage ? RowsOfPage(query) : [];
            var rows = isCount ? [CountResult.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                : isPage ? pageRows
                : MessageRoomIds.Select(id => $"\"{id}\"");
            if (isPage && RowsPerResponse is { } perResponse and > 0)
            {
                rows = pageRows.Skip(rowsServed).Take(perResponse).ToList();
                rowsServed += perResponse;
                served = rowsServed >= pageRows.Count;
            }

            var body = $"{{\"_rid\":\"x\",\"Documents\":[{string.Join(',', rows)}],\"_count\":{rows.Count()}}}";
            return Task.FromResult(new ResponseMessage(HttpStatusCode.OK) { Content = Utf8(body) });
        });
        return iterator.Object;
    }

    private List<string> RowsOfPage(QueryDefinition query)
    {
        var parameters = query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        var offset = parameters.TryGetValue("@offset", out var skip) ? Convert.ToInt32(skip, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var limit = parameters.TryGetValue("@limit", out var take) ? Convert.ToInt32(take, System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue;
        return [.. PageRows.Skip(offset).Take(limit)];
    }

    private ResponseMessage Failure(HttpStatusCode status)
    {
        var response = new ResponseMessage(status);
        if (RetryAfterMilliseconds is not null)
        {
            response.Headers["x-ms-retry-after-ms"] = RetryAfterMilliseconds;
        }

        if (FailureSubStatus is not null)
        {
            response.Headers["x-ms-substatus"] = FailureSubStatus;
        }

        return response;
    }

    // PartitionKey prints as a JSON array: ["value"].
    private static string PartitionKeyValue(PartitionKey partitionKey) =>
        System.Text.Json.JsonSerializer.Deserialize<string[]>(partitionKey.ToString())![0];

    private static MemoryStream Utf8(string json) => new(Encoding.UTF8.GetBytes(json));
}
