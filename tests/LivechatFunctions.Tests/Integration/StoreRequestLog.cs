using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Records, in the client's pipeline, what each request to the store asked for: a point read (its address) or a query
/// (its text), so a test can say which reads a request caused, not only how many.
/// </summary>
public sealed class StoreRequestLog : RequestHandler
{
    private readonly List<string> _requests = [];

    /// <summary>"read &lt;address&gt;" or "query &lt;text&gt;", in the order sent.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The queries that searched message texts (the <c>searchText</c> search).</summary>
    public IReadOnlyList<string> MessageSearches => [.. Requests.Where(r => r.StartsWith("query ", StringComparison.Ordinal) && r.Contains("m.msg", StringComparison.Ordinal))];

    public void Clear()
    {
        lock (_requests)
        {
            _requests.Clear();
        }
    }

    public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entry = request.Content is { CanSeek: true } body
            ? "query " + await ReadAndRewindAsync(body, cancellationToken)
            : "read " + request.RequestUri?.OriginalString;
        lock (_requests)
        {
            _requests.Add(entry);
        }

        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string> ReadAndRewindAsync(Stream body, CancellationToken cancellationToken)
    {
        var start = body.Position;
        using var reader = new StreamReader(body, leaveOpen: true);
        var text = await reader.ReadToEndAsync(cancellationToken);
        body.Position = start;
        return text;
    }
}
