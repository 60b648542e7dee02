using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Load;

/// <summary>
/// Adds up the bodies of the store's answers to the app, innermost in its client's pipeline: what crossed the
/// network from Cosmos DB, which round trips and latencies alone do not show (a page at an offset may cost as many
/// requests as the first page and still bring far more back).
/// </summary>
public sealed class StoreResponseBytes : UntracedRequestHandler
{
    private long _bytes;

    public long Total => Interlocked.Read(ref _bytes);

    public void Reset() => Interlocked.Exchange(ref _bytes, 0);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var response = await SendToNextAsync(request, cancellationToken);
        // In Gateway mode the SDK has read the whole answer into a seekable stream by now.
        if (response.Content is { CanSeek: true } content)
        {
            Interlocked.Add(ref _bytes, content.Length);
        }

        return response;
    }
}
