using System.Diagnostics.Metrics;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Counts every request the app sends to Cosmos DB, in the client's own pipeline. The counts feed the
/// <c>livechat.store.requests</c> metric (meter <see cref="MeterName"/>, tagged with operation, resource
/// and status) for production telemetry, and the totals here let tests and benchmarks count round trips.
/// It sits above the SDK's retry handler, so a throttled request retried inside the SDK counts once.
/// </summary>
public sealed class StoreCallCounter : UntracedRequestHandler
{
    public const string MeterName = "LivechatFunctions.Store";

    private static readonly Meter StoreMeter = new(MeterName);
    private static readonly Counter<long> Requests =
        StoreMeter.CreateCounter<long>("livechat.store.requests", unit: "{request}", description: "Requests sent to Cosmos DB");

    private const string QueryPlanResource = "queryplan";
    private static readonly string[] KnownResources = ["docs", "colls", "dbs", "pkranges"];

    private long _total;
    private long _queryPlans;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Requests sent since the start (or the last <see cref="Reset"/>).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Of <see cref="Total"/>, the requests that asked the gateway for a query plan.</summary>
    public long QueryPlans => Interlocked.Read(ref _queryPlans);

    /// <summary>Most requests that were waiting on the store at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _queryPlans, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _total);
        var resource = ResourceOf(request);
        if (ReferenceEquals(resource, QueryPlanResource))
        {
            Interlocked.Increment(ref _queryPlans);
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        var status = "exception";
        try
        {
            var response = await SendToNextAsync(request, cancellationToken);
            status = StatusText((int)response.StatusCode);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Requests.Add(1,
                new KeyValuePair<string, object?>("operation", request.Method.Method),
                new KeyValuePair<string, object?>("resource", resource),
                new KeyValuePair<string, object?>("status", status));
        }
    }

    // "dbs/livechat/colls/rooms/docs" and "…/docs/<id>" are both "docs": ids (token digests among them) stay out of metrics.
    // A query plan is a request of its own kind: it costs a round trip but no request units, and the app means to avoid it.
    private static string ResourceOf(RequestMessage request)
    {
        if (CosmosHeaders.IsQueryPlanRequest(request))
        {
            return QueryPlanResource;
        }

        var path = (request.RequestUri?.OriginalString ?? string.Empty).AsSpan().TrimEnd('/');
        while (!path.IsEmpty)
        {
            var slash = path.LastIndexOf('/');
            var segment = path[(slash + 1)..];
            foreach (var known in KnownResources)
            {
                if (segment.SequenceEqual(known))
                {
                    return known;
                }
            }

            path = slash < 0 ? [] : path[..slash];
        }

        return "other";
    }

    // The usual answers without a string per request.
    private static string StatusText(int status) => status switch
    {
        200 => "200",
        201 => "201",
        304 => "304",
        404 => "404",
        429 => "429",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
