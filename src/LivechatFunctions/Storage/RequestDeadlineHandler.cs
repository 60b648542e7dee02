using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Storage;

/// <summary>
/// Puts one deadline on each store operation, retries and every response page of a query included. The SDK's own
/// request timeout does not end a wait for an answer that never comes in Gateway mode (it allows about a minute per
/// attempt, three times), and applies to each page of a query alone; an HTTP caller cannot wait that long. The
/// deadline is the request timeout plus the throttling budget, counted from the operation's start
/// (<see cref="StoreOperationClock"/>); when it passes, the cancellation surfaces as a store timeout (503), not as
/// the caller's own.
/// </summary>
public sealed class RequestDeadlineHandler(IOptions<CosmosOptions> options) : UntracedRequestHandler
{
    private readonly TimeSpan _deadline = options.Value.RequestTimeout + options.Value.MaxRateLimitRetryWait;

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StoreOperationClock.Remaining(_deadline));
        return await SendToNextAsync(request, deadline.Token);
    }
}
