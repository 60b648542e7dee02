using Microsoft.AspNetCore.Http;

namespace LivechatFunctions.Http;

/// <summary>Headers every answer of the endpoint carries (spec §2).</summary>
public static class ContractHeaders
{
    /// <summary>
    /// The media type alone, as Rocket.Chat sends it: JSON is UTF-8 by definition, Rocket.Chat strips the charset on
    /// purpose, and its own tests compare the header exactly.
    /// </summary>
    public const string JsonContentType = "application/json";

    public static void Apply(HttpResponse response, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        // History is personal data: no cache on the way may keep a copy. Pragma is for HTTP/1.0 caches, and
        // Rocket.Chat sends it beside Cache-Control.
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
