using System.Net;

namespace LivechatFunctions.Storage;

/// <summary>
/// The store answered something the app did not expect (a refused credential, a missing container, a
/// malformed document): the caller gets 500. Like <see cref="StoreUnavailableException"/> it carries no SDK
/// exception, whose text can hold a token digest.
/// </summary>
public sealed class StoreFailureException : Exception
{
    public StoreFailureException()
    {
    }

    public StoreFailureException(string message)
        : base(message)
    {
    }

    public StoreFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreFailureException(string operation, HttpStatusCode? status, string? activityId, string reason)
        : base($"Store {operation} failed (status {(status is null ? "none" : (int)status.Value)}, activity {activityId ?? "none"}): {reason}")
    {
        Operation = operation;
        Status = status;
    }

    public string? Operation { get; }

    public HttpStatusCode? Status { get; }
}
