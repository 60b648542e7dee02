using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Answers the SDK's repeated query-plan requests from memory. On Linux the SDK cannot build a plan itself, and
/// before any query whose text has an aggregate (the history COUNT) it asks the gateway for one, even when the
/// query targets one partition and runs by optimistic direct execution. That costs a round trip in a row before
/// the count on every full page. What the SDK needs from such a plan (aggregates, rewritten query) follows from the
/// query's text alone when every parameter only filters rows, so one fetched plan serves every later request of
/// the same text.
/// </summary>
/// <remarks>
/// <para>
/// A plan also names the partition ranges the query touches, and those come from the filter's values: a kept plan
/// carries the first visitor's range. It is reused only for requests scoped to one partition key, because the SDK
/// (3.64) then routes by that key's own range and never reads the plan's; in the optimistic direct path it keeps
/// the plan only to build a fallback. Even a stale range could not widen a query: the request still names its
/// partition and the query filters on the visitor.
/// </para>
/// <para>
/// A query with any parameter not listed in <paramref name="filterOnlyParameters"/> (a <c>LIMIT @limit</c>, say, whose
/// value is written into the plan) always goes to the gateway when the SDK asks for its plan. At most <paramref name="capacity"/> query texts are
/// kept; beyond that plans pass through.
/// </para>
/// </remarks>
public sealed class QueryPlanCache(IEnumerable<string> filterOnlyParameters, int capacity = 256) : UntracedRequestHandler
{
    private readonly HashSet<string> _filterOnly = new(filterOnlyParameters, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _plans = new(StringComparer.Ordinal);

    /// <summary>Query shapes whose plan is held.</summary>
    public int Count => _plans.Count;

    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Every request of the app passes through here and almost none is a plan request: those go on without a frame.
        return CosmosHeaders.IsQueryPlanRequest(request) && request.Headers[CosmosHeaders.PartitionKey] is not null && request.Content is not null
            ? SendPlanRequestAsync(request, cancellationToken)
            : SendToNextAsync(request, cancellationToken);
    }

    private async Task<ResponseMessage> SendPlanRequestAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        var key = KeyOf(request, await ReadAsync(request.Content, c => request.Content = c, cancellationToken));
        if (key is not null && _plans.TryGetValue(key, out var plan))
        {
            return new ResponseMessage(HttpStatusCode.OK, request) { Content = new MemoryStream(plan, writable: false) };
        }

        var response = await SendToNextAsync(request, cancellationToken);
        if (key is null || response.StatusCode != HttpStatusCode.OK || response.Content is null)
        {
            return response;
        }

        try
        {
            var fetched = await ReadAsync(response.Content, c => response.Content = c, cancellationToken);
            if (_plans.Count < capacity)
            {
                _plans.TryAdd(key, fetched);
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    // Container, the features the SDK declared, and the query text. Null when the body is not a query the cache
    // understands, or has a parameter that can shape the plan: such requests always go to the gateway.
    private string? KeyOf(RequestMessage request, byte[] body)
    {
        try
        {
            using var spec = JsonDocument.Parse(body);
            if (!spec.RootElement.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var key = new StringBuilder()
                .Append(request.RequestUri?.OriginalString).Append('\n')
                .Append(request.Headers[CosmosHeaders.SupportedQueryFeatures]).Append('\n')
                .Append(query.GetString());
            if (spec.RootElement.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
            {
                foreach (var parameter in parameters.EnumerateArray())
                {
                    var name = parameter.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    if (name is null || !_filterOnly.Contains(name))
                    {
                        return null;
                    }
                }
            }

            return key.ToString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Reads a body whole and leaves it readable from the start for whoever sends it on: rewound where the stream
    // can seek, otherwise replaced by a copy.
    private static async Task<byte[]> ReadAsync(Stream content, Action<Stream> replace, CancellationToken cancellationToken)
    {
        var start = content.CanSeek ? content.Position : 0;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        var bytes = copy.ToArray();
        if (content.CanSeek)
        {
            content.Position = start;
        }
        else
        {
            await content.DisposeAsync();
            replace(new MemoryStream(bytes, writable: false));
        }

        return bytes;
    }
}
