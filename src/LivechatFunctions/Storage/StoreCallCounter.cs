using System.Diagnostics.Metrics;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Counts every request the app sends to Cosmos DB, in the client's own pipeline. The counts feed the
/// <c>livechat.store.requests</c> metric (meter <see cref="MeterName"/>, tagged with operation, resource
/// and status) for production telemetry, and the totals here let tests and benchmarks count round trips.
/// It sits above the SDK's retry handler, so a throttled request retried inside the SDK counts once.
/// </summary>
public sealed class StoreCallCounter : RequestHandler
{
    public const string MeterName = "LivechatFunctions.Store";

    private static readonly Meter StoreMeter = new(MeterName);
    private static readonly Counter<long> Requests =
        StoreMeter.CreateCounter<long>("livechat.store.requests", unit: "{request}", description: "Requests sent to Cosmos DB");

    private long _total;
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Requests sent since the start (or the last <see cref="Reset"/>).</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Most requests that were waiting on the store at the same moment.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public void Reset()
    {
        Interlocked.Exchange(ref _total, 0);
        Volatile.Write(ref _maxInFlight, 0);
    }

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _total);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        var status = "exception";
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            Requests.Add(1,
                new KeyValuePair<string, object?>("operation", request.Method.Method),
                new KeyValuePair<string, object?>("resource", ResourceOf(request.RequestUri)),
                new KeyValuePair<string, object?>("status", status));
        }
    }

    // "dbs/livechat/colls/rooms/docs" and "…/docs/<id>" are both "docs": ids (token digests among them) stay out of metrics.
    private static string ResourceOf(Uri? uri)
    {
        var segments = uri?.OriginalString.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        for (var i = segments.Length - 1; i >= 0; i--)
        {
            if (segments[i] is "docs" or "colls" or "dbs" or "pkranges")
            {
                return segments[i];
            }
        }

        return "other";
    }
}
