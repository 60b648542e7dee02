using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Holds each query in the client's pipeline until another store request is under way beside it, or until
/// <see cref="Patience"/> has passed. The local store can answer a page query before the app has even started the
/// room read it sends alongside, so without this "sent together" would depend on the machine's timing; with it, a
/// request the app sends alongside the query is seen in flight with it, and one it sends only after the query is
/// not (the query then goes on alone, late).
/// </summary>
public sealed class QueryHoldingHandler : RequestHandler
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    private int _inPipeline;
    private int _held;

    /// <summary>Queries that saw another request under way before going on.</summary>
    public int JoinedByAnother => Volatile.Read(ref _held);

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _inPipeline);
        try
        {
            if (IsQuery(request))
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (Volatile.Read(ref _inPipeline) < 2 && waited.Elapsed < Patience)
                {
                    await Task.Delay(5, cancellationToken);
                }

                if (Volatile.Read(ref _inPipeline) >= 2)
                {
                    Interlocked.Increment(ref _held);
                }
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _inPipeline);
        }
    }

    private static bool IsQuery(RequestMessage request) =>
        request.Headers["x-ms-documentdb-isquery"] is { } value && bool.TryParse(value, out var isQuery) && isQuery;
}
