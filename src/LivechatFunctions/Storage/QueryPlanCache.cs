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
/// the count on every full page. The plan depends on the query's text, not on the values of parameters that only
/// filter rows, so one fetched plan serves every later request of the same shape.
/// </summary>
/// <remarks>
/// Only single-partition plans are kept: their partition ranges are the one partition named by the request, which
/// the SDK takes from the request's own partition key, never from the plan. Parameters not listed in
/// <paramref name="filterOnlyParameters"/> (a <c>TOP @top</c>, say) stay part of the key, because their values
/// can be written into the plan. At most <paramref name="capacity"/> shapes are kept; beyond that plans pass through.
/// </remarks>
public sealed class QueryPlanCache(IEnumerable<string> filterOnlyParameters, int capacity = 256) : RequestHandler
{
    private readonly HashSet<string> _filterOnly = new(filterOnlyParameters, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _plans = new(StringComparer.Ordinal);

    /// <summary>Query shapes whose plan is held.</summary>
    public int Count => _plans.Count;

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CosmosHeaders.IsQueryPlanRequest(request) || request.Headers[CosmosHeaders.PartitionKey] is null || request.Content is null)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var body = await ReplaceContentAsync(request.Content, c => request.Content = c, cancellationToken);
        var key = KeyOf(request, body);
        if (key is not null && _plans.TryGetValue(key, out var plan))
        {
            return new ResponseMessage(HttpStatusCode.OK, request) { Content = new MemoryStream(plan, writable: false) };
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (key is null || response.StatusCode != HttpStatusCode.OK || response.Content is null)
        {
            return response;
        }

        var fetched = await ReplaceContentAsync(response.Content, c => response.Content = c, cancellationToken);
        if (_plans.Count < capacity)
        {
            _plans.TryAdd(key, fetched);
        }

        return response;
    }

    // Container, the features the SDK declared, the query text, and the parameters that can shape the plan.
    // Null when the body is not a query the cache understands: such requests always go to the gateway.
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
                        key.Append('\n').Append(parameter.GetRawText());
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

    // Reads a body once and puts an unread copy back in its place, so it can be both inspected and sent on.
    private static async Task<byte[]> ReplaceContentAsync(Stream content, Action<Stream> replace, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            bytes = copy.ToArray();
        }

        replace(new MemoryStream(bytes, writable: false));
        return bytes;
    }
}
