using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
/// Cosmos DB's gateway, canned: the SDK's HTTP requests are answered from memory with the shapes the local
/// Cosmos DB server and the Azure gateway give (account, container properties, partition key ranges, point
/// reads, queries and query plans). The network and the store cost nothing, so what remains of a request's
/// time is the SDK's and the app's own work. Every request is counted by kind.
/// </summary>
public sealed class CannedCosmosHandler(CannedStore store) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    // LIVECHAT_PERF_TRACE=1 prints every request the SDK sends, to see what a change to the app does to them.
    private static readonly bool Trace = Environment.GetEnvironmentVariable("LIVECHAT_PERF_TRACE") == "1";
    private readonly long[] _counts = new long[Enum.GetValues<StoreRequestKind>().Length];

    /// <summary>Every query the handler answered (text and headers), for <see cref="BenchmarkRig"/>'s bare path to replay.</summary>
    public ConcurrentQueue<CapturedQuery> Queries { get; } = new();

    /// <summary>Whether to keep <see cref="Queries"/>; off while measuring.</summary>
    public bool CaptureQueries { get; set; }

    /// <summary>A copy of the counters, indexed by <see cref="StoreRequestKind"/>.</summary>
    public long[] Snapshot()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return copy;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.RequestUri!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (kind, response) = await AnswerAsync(request, segments, cancellationToken);
        Interlocked.Increment(ref _counts[(int)kind]);
        if (Trace)
        {
            Console.Error.WriteLine($"canned store: {request.Method} {request.RequestUri} -> {kind} {(int)response.StatusCode}");
        }

        response.RequestMessage = request;
        return response;
    }

    private async Task<(StoreRequestKind, HttpResponseMessage)> AnswerAsync(HttpRequestMessage request, string[] segments, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get)
        {
            switch (segments.Length)
            {
                case 0:
                    return (StoreRequestKind.Account, Ok(store.Account));
                case 4 when segments[0] == "dbs" && segments[2] == "colls" && store.Container(segments[3]) is { } container:
                    return (StoreRequestKind.Collection, Ok(container.Properties, ("etag", container.ETag)));
                case 5 when segments[4] == "pkranges":
                    // The SDK reads the ranges as a change feed and stops at "not modified".
                    return (StoreRequestKind.PartitionKeyRanges, request.Headers.NonValidated.Contains("If-None-Match")
                        ? Status(HttpStatusCode.NotModified, ("etag", "1"))
                        : Ok(CannedStore.PartitionKeyRanges(segments[3]), ("etag", "1"), ("x-ms-item-count", "1")));
                case 6 when segments[4] == "docs" && segments[3] == store.TokensContainer.Id:
                    return (StoreRequestKind.TokenRead, store.FindToken(Uri.UnescapeDataString(segments[5])) is { } token
                        ? Ok(token, ("etag", CannedStore.DocumentETag))
                        : NotFound());
                case 6 when segments[4] == "docs" && segments[3] == store.RoomsContainer.Id:
                    return (StoreRequestKind.RoomRead, store.FindRoom(Uri.UnescapeDataString(segments[5])) is { } room
                        ? Ok(room, ("etag", CannedStore.DocumentETag))
                        : NotFound());
            }
        }
        else if (request.Method == HttpMethod.Post && segments is [_, _, _, _, "docs"] && request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
            if (request.Headers.Contains("x-ms-cosmos-is-query-plan-request"))
            {
                return (StoreRequestKind.QueryPlan, Ok(store.QueryPlan));
            }

            var query = ReadQuery(body);
            if (CaptureQueries)
            {
                Queries.Enqueue(new CapturedQuery(body, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase)));
            }

            return query.IsCount
                ? (StoreRequestKind.CountQuery, Ok(store.CountResult, ("x-ms-item-count", "1")))
                : (StoreRequestKind.PageQuery, Page(query.Offset, query.Limit));
        }

        return (StoreRequestKind.Other, Status(HttpStatusCode.BadRequest));
    }

    private HttpResponseMessage Page(long offset, long? limit)
    {
        var rows = (int)Math.Clamp(Math.Min(limit ?? long.MaxValue, store.MatchingChats - offset), 0, store.MatchingChats);
        return Ok(store.PageResult(rows), ("x-ms-item-count", rows.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Whether the query counts, and its OFFSET and LIMIT (parameters), from the query's JSON body.</summary>
    private static (bool IsCount, long Offset, long? Limit) ReadQuery(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var text = document.RootElement.GetProperty("query").GetString() ?? string.Empty;
        long offset = 0;
        long? limit = null;
        if (document.RootElement.TryGetProperty("parameters", out var parameters))
        {
            foreach (var parameter in parameters.EnumerateArray())
            {
                var name = parameter.GetProperty("name").GetString();
                if (parameter.GetProperty("value") is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var value))
                {
                    offset = name == "@offset" ? value : offset;
                    limit = name == "@limit" ? value : limit;
                }
            }
        }

        return (text.Contains("COUNT(", StringComparison.OrdinalIgnoreCase), offset, limit);
    }

    private static HttpResponseMessage Ok(byte[] body, params (string Name, string Value)[] headers)
    {
        var response = Status(HttpStatusCode.OK, headers);
        response.Content = new ByteArrayContent(body);
        response.Content.Headers.ContentType = Json;
        return response;
    }

    private static HttpResponseMessage NotFound()
    {
        var response = Status(HttpStatusCode.NotFound);
        response.Content = new ByteArrayContent("{\"code\":\"NotFound\",\"message\":\"Entity with the specified id does not exist in the system.\"}"u8.ToArray());
        response.Content.Headers.ContentType = Json;
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

/// <summary>A query as the app sent it: its JSON body (text and parameters) and its request headers.</summary>
public sealed record CapturedQuery(byte[] Body, IReadOnlyDictionary<string, string> Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);
}
