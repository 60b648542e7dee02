using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace LivechatFunctions.Benchmarks;

/// <summary>What a request to the store was, as the canned handler saw it.</summary>
public enum StoreRequestKind
{
    Account,
    Collection,
    PartitionKeyRanges,
    TokenRead,
    RoomRead,
    PageQuery,
    CountQuery,
    QueryPlan,
    Other,
}

/// <summary>
/// Cosmos DB's gateway, canned: the SDK's HTTP requests are answered from memory with the shapes the local Cosmos DB
/// server and the Azure gateway give (account, container properties, partition key ranges, point reads, queries and
/// query plans). The network and the store cost nothing, so what remains of a request's time is the SDK's and the
/// app's own work. Every request is counted by kind.
/// </summary>
public sealed class CannedCosmosHandler(CannedStore store) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly long[] _counts = new long[Enum.GetValues<StoreRequestKind>().Length];

    /// <summary>A copy of the counters, indexed by <see cref="StoreRequestKind"/>.</summary>
    public long[] Snapshot() => [.. _counts.Select((_, i) => Interlocked.Read(ref _counts[i]))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (kind, response) = await AnswerAsync(request, request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries), cancellationToken);
        Interlocked.Increment(ref _counts[(int)kind]);
        response.RequestMessage = request;
        return response;
    }

    private async Task<(StoreRequestKind, HttpResponseMessage)> AnswerAsync(HttpRequestMessage request, string[] path, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Post && path is [_, _, _, _, "docs"] && request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (request.Headers.Contains("x-ms-cosmos-is-query-plan-request"))
            {
                return (StoreRequestKind.QueryPlan, Ok(store.QueryPlan));
            }

            var (isCount, offset, limit) = ReadQuery(body);
            var rows = (int)Math.Clamp(Math.Min(limit ?? long.MaxValue, store.MatchingChats - offset), 0, store.MatchingChats);
            return isCount
                ? (StoreRequestKind.CountQuery, Ok(store.CountResult, ("x-ms-item-count", "1")))
                : (StoreRequestKind.PageQuery, Ok(store.PageResult(rows), ("x-ms-item-count", rows.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return request.Method != HttpMethod.Get ? (StoreRequestKind.Other, Status(HttpStatusCode.BadRequest)) : path switch
        {
            [] => (StoreRequestKind.Account, Ok(store.Account)),
            ["dbs", _, "colls", var id] when store.Container(id) is { } container =>
                (StoreRequestKind.Collection, Ok(container.Properties, ("etag", container.ETag))),
            // The SDK reads the ranges as a change feed and stops at "not modified".
            [_, _, _, var rid, "pkranges"] => (StoreRequestKind.PartitionKeyRanges, request.Headers.NonValidated.Contains("If-None-Match")
                ? Status(HttpStatusCode.NotModified, ("etag", "1"))
                : Ok(CannedStore.PartitionKeyRanges(rid), ("etag", "1"), ("x-ms-item-count", "1"))),
            [_, _, _, var id, "docs", var doc] when id == store.TokensContainer.Id =>
                (StoreRequestKind.TokenRead, Uri.UnescapeDataString(doc) == store.TokenId ? Ok(store.Token, ("etag", CannedStore.DocumentETag)) : Status(HttpStatusCode.NotFound)),
            [_, _, _, var id, "docs", var doc] when id == store.RoomsContainer.Id =>
                (StoreRequestKind.RoomRead, Uri.UnescapeDataString(doc) == CannedStore.RoomId ? Ok(store.Room, ("etag", CannedStore.DocumentETag)) : Status(HttpStatusCode.NotFound)),
            _ => (StoreRequestKind.Other, Status(HttpStatusCode.BadRequest)),
        };
    }

    /// <summary>Whether the query counts, and its OFFSET and LIMIT (parameters), from the query's JSON body.</summary>
    private static (bool IsCount, long Offset, long? Limit) ReadQuery(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        long offset = 0;
        long? limit = null;
        foreach (var parameter in document.RootElement.GetProperty("parameters").EnumerateArray())
        {
            if (parameter.GetProperty("value") is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value))
            {
                var name = parameter.GetProperty("name").GetString();
                offset = name == "@offset" ? value : offset;
                limit = name == "@limit" ? value : limit;
            }
        }

        return (document.RootElement.GetProperty("query").GetString()!.Contains("COUNT(", StringComparison.OrdinalIgnoreCase), offset, limit);
    }

    private static HttpResponseMessage Ok(byte[] body, params (string Name, string Value)[] headers)
    {
        var response = Status(HttpStatusCode.OK, headers);
        response.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        return response;
    }

    private static HttpResponseMessage Status(HttpStatusCode status, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("x-ms-request-charge", "1");
        response.Headers.TryAddWithoutValidation("x-ms-activity-id", CannedStore.ActivityId);
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
