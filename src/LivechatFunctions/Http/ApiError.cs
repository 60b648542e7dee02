using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LivechatFunctions.Http;

/// <summary>
/// One error answer of the contract (spec §2): its status and its exact JSON body, serialised once.
/// </summary>
public sealed class ApiError
{
    // Relaxed escaping keeps a quote as \" (as Rocket.Chat writes it) instead of \u0022.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] ServiceUnavailableBody = Write(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", "service-unavailable");
    });

    private ApiError(HttpStatusCode status, byte[] body, TimeSpan? retryAfter = null)
    {
        Status = status;
        Body = body;
        RetryAfter = retryAfter;
    }

    public HttpStatusCode Status { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Set only on 503: how long the caller should wait before trying again.</summary>
    public TimeSpan? RetryAfter { get; }

    public static ApiError NotLoggedIn { get; } = new(HttpStatusCode.Unauthorized, Write(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", "You must be logged in to do this.");
        w.WriteString("status", "error");
        w.WriteString("message", "You must be logged in to do this.");
    }));

    public static ApiError Forbidden { get; } = Failure(HttpStatusCode.Forbidden,
        "User does not have the permissions required for this action [error-unauthorized]");

    public static ApiError UnknownParameter { get; } = InvalidParams("must NOT have additional properties");

    public static ApiError NotANumber { get; } = InvalidParams("must be number");

    /// <summary>A parameter other than <c>offset</c>/<c>count</c> given twice or as <c>name[]</c> (spec §1).</summary>
    public static ApiError NotAString { get; } = InvalidParams("must be string");

    public static ApiError Negative { get; } = InvalidParams("must be >= 0");

    public static ApiError InvalidRoom { get; } = Failure(HttpStatusCode.BadRequest, "invalid-room");

    public static ApiError NotAllowed { get; } = Failure(HttpStatusCode.BadRequest, "error-not-allowed");

    public static ApiError InternalError { get; } = Failure(HttpStatusCode.InternalServerError, "internal-error");

    public static ApiError InvalidSort(string rawValue) => new(HttpStatusCode.BadRequest, Write(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", $"Invalid sort parameter provided: \"{rawValue}\" [error-invalid-sort]");
        w.WriteString("errorType", "error-invalid-sort");
        // Rocket.Chat raises this error from its parseJsonQuery helper and names it in the details.
        w.WriteStartObject("details");
        w.WriteString("helperMethod", "parseJsonQuery");
        w.WriteEndObject();
    }));

    public static ApiError ServiceUnavailable(TimeSpan retryAfter) =>
        new(HttpStatusCode.ServiceUnavailable, ServiceUnavailableBody, retryAfter);

    private static ApiError Failure(HttpStatusCode status, string error) => new(status, Write(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", error);
    }));

    private static ApiError InvalidParams(string message) => new(HttpStatusCode.BadRequest, Write(w =>
    {
        w.WriteBoolean("success", false);
        w.WriteString("error", $"{message} [invalid-params]");
        w.WriteString("errorType", "invalid-params");
    }));

    private static byte[] Write(Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
