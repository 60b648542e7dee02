using System.Net;

namespace LivechatFunctions.Storage;

/// <summary>
/// The store could not answer in time (throttling past the client's retries, a timeout, no connection): the
/// caller gets 503 with Retry-After. The message names the operation and status only; request addresses can
/// hold a token digest, so the SDK's exception is not carried along.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Used when the store gives no hint of its own.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    public StoreUnavailableException()
        : this("store", null, null, null)
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
        RetryAfter = DefaultRetryAfter;
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        RetryAfter = DefaultRetryAfter;
    }

    public StoreUnavailableException(string operation, HttpStatusCode? status, string? activityId, TimeSpan? retryAfter)
        : base($"Store {operation} unavailable (status {(status is null ? "none" : (int)status.Value)}, activity {activityId ?? "none"})")
    {
        Operation = operation;
        Status = status;
        ActivityId = activityId;
        RetryAfter = retryAfter is { } hint && hint > TimeSpan.Zero ? hint : DefaultRetryAfter;
    }

    public string? Operation { get; }

    public HttpStatusCode? Status { get; }

    public string? ActivityId { get; }

    public TimeSpan RetryAfter { get; }
}
