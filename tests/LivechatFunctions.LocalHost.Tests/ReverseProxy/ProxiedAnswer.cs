using System.Net;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// An answer reduced to what a client can tell apart: status, body bytes and every header as sent, except the few
/// that belong to each hop rather than to the answer (RFC 9110 §7.6.1 and the ones a proxy sets for itself).
/// </summary>
internal sealed record ProxiedAnswer(HttpStatusCode Status, string Headers, byte[] Body)
{
    private static readonly HashSet<string> PerHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Date", "Server",
    };

    public static async Task<ProxiedAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
            .Where(h => !PerHopHeaders.Contains(h.Key))
            .Select(h => $"{h.Key.ToLowerInvariant()}: {string.Join(", ", h.Value)}")
            .Order(StringComparer.Ordinal);
        return new ProxiedAnswer(response.StatusCode, string.Join('\n', headers), await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);
}
