using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Holds every query to the store until <see cref="Release"/>, deaf to cancellation, as a slow store would be; a point
/// read of a room waits until a query is held (or <see cref="PairingHandler.Patience"/> has passed), so a query sent
/// beside the room read is surely under way when the room check answers. An app that waits for that query before it
/// answers is then held too.
/// </summary>
public sealed class PageQueryHoldingHandler : RequestHandler
{
    private readonly TaskCompletionSource _queryHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    /// <summary>Queries that reached the store's pipeline and were held.</summary>
    public int Held => Volatile.Read(ref _held);

    public void Release() => _released.TrySetResult();

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method == HttpMethod.Post && request.Content is not null)
        {
            Interlocked.Increment(ref _held);
            _queryHeld.TrySetResult();
            await _released.Task;
        }
        else if (request.RequestUri?.OriginalString.Contains("/colls/rooms/docs/", StringComparison.Ordinal) == true)
        {
            await Task.WhenAny(_queryHeld.Task, Task.Delay(PairingHandler.Patience, CancellationToken.None));
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
