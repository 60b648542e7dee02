using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// A request handler of the app's that hands each request straight to the next handler. The SDK's own
/// <see cref="RequestHandler.SendAsync"/> opens a diagnostics trace node around that call, on every request, for every
/// handler that calls it: a few hundred bytes each time, and one frame more. The app's handlers add nothing to a request's
/// diagnostics, and there are three of them on every store call.
/// </summary>
public abstract class UntracedRequestHandler : RequestHandler
{
    /// <summary>Sends <paramref name="request"/> on to the next handler in the client's pipeline.</summary>
    protected Task<ResponseMessage> SendToNextAsync(RequestMessage request, CancellationToken cancellationToken) =>
        (InnerHandler ?? throw new InvalidOperationException($"{GetType().Name} is not in a client's pipeline: it has no next handler."))
            .SendAsync(request, cancellationToken);
}
