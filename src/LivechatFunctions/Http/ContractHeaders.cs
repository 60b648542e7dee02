using Microsoft.AspNetCore.Http;

namespace LivechatFunctions.Http;

/// <summary>Headers every answer of the endpoint carries (spec §2).</summary>
public static class ContractHeaders
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static void Apply(HttpResponse response, int statusCode)
    {
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        // History is personal data: no cache on the way may keep a copy.
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
