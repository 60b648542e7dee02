using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Holds each request to the rooms container in the client's pipeline until another request is under way beside it,
/// or until <see cref="Patience"/> has passed. The local store can answer one of the two before the app has started
/// the other, so without this "sent together" would depend on the machine's timing: with it, two requests the app
/// sends alongside each other are seen in flight together, and two it sends one after the other are not (each then
/// goes on alone, late).
/// </summary>
public sealed class PairingHandler : RequestHandler
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private int _inPipeline;
    private int _arrivals;
    private int _paired;

    /// <summary>Requests to the rooms container that met another request under way, on arrival or while held.</summary>
    public int Paired => Volatile.Read(ref _paired);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var met = Interlocked.Increment(ref _inPipeline) >= 2;
        try
        {
            if (IsToRooms(request))
            {
                var arrival = Interlocked.Increment(ref _arrivals);
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (!met && waited.Elapsed < Patience)
                {
                    await Task.Delay(5, cancellationToken);
                    met = Volatile.Read(ref _arrivals) > arrival;
                }

                if (met)
                {
                    Interlocked.Increment(ref _paired);
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inPipeline);
        }
    }

    // A point read's address ends in ".../colls/rooms/docs/<id>", a query's in ".../colls/rooms".
    private static bool IsToRooms(RequestMessage request) =>
        request.RequestUri?.OriginalString is { } address
        && (address.EndsWith("/colls/rooms", StringComparison.Ordinal) || address.Contains("/colls/rooms/", StringComparison.Ordinal));
}
