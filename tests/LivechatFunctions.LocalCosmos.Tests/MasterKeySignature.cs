using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>
/// Signs a hand-made request as a Cosmos DB client does (master-key HMAC over verb, resource type, resource link and
/// date), for tests that speak the REST protocol themselves.
/// </summary>
internal static class MasterKeySignature
{
    public static HttpRequestMessage Sign(HttpRequestMessage request, Uri endpoint, string key = CosmosServerProcess.WellKnownKey)
    {
        var date = DateTime.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        var path = new Uri(endpoint, request.RequestUri!).AbsolutePath.Trim('/');
        var segments = path.Length == 0 ? [] : path.Split('/').Select(Uri.UnescapeDataString).ToArray();
        var isItem = segments.Length % 2 == 0;
        var type = segments.Length == 0 ? string.Empty : isItem ? segments[^2] : segments[^1];
        var link = string.Join('/', isItem ? segments : segments[..^1]);
        var payload = $"{request.Method.Method.ToLowerInvariant()}\n{type.ToLowerInvariant()}\n{link}\n{date.ToLowerInvariant()}\n\n";
        using var hmac = new HMACSHA256(Convert.FromBase64String(key));
        var signature = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(payload)));
        request.Headers.Add("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("authorization", WebUtility.UrlEncode($"type=master&ver=1.0&sig={signature}"));
        return request;
    }
}
