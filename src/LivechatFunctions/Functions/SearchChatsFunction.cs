using LivechatFunctions.ChatSearch;
using LivechatFunctions.Http;
using LivechatFunctions.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Functions;

/// <summary>
/// <c>GET /api/v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}</c>: reads the request,
/// asks <see cref="ChatHistorySearch"/>, and answers in the contract's terms.
/// </summary>
public sealed partial class SearchChatsFunction(ChatHistorySearch search, ILogger<SearchChatsFunction> logger)
{
    public const string Route = "v1/livechat/visitors.searchChats/room/{roomId}/visitor/{visitorId}";

    [Function(nameof(SearchChats))]
    public async Task<IActionResult> SearchChats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request,
        string roomId,
        string visitorId,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var searchRequest = new ChatSearchRequest(
            UserId: SingleHeader(request, "X-User-Id"),
            AuthToken: SingleHeader(request, "X-Auth-Token"),
            RoomId: roomId,
            VisitorId: visitorId,
            Query: QueryParameters.Parse(request.QueryString.Value));
        try
        {
            var outcome = await search.SearchAsync(searchRequest, request.HttpContext.RequestAborted);
            return outcome.Page is { } page ? new ChatHistoryResult(page) : new ApiErrorResult(outcome.Error!);
        }
        catch (StoreUnavailableException ex)
        {
            LogStoreUnavailable(logger, context.InvocationId, ex.Message);
            return new ApiErrorResult(ApiError.ServiceUnavailable(ex.RetryAfter));
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody reads this answer, and the exception's text is not worth its risk.
            LogCallerGone(logger, context.InvocationId);
            return new EmptyResult();
        }
        catch (Exception ex)
        {
            // The type, the frames and the store's sanitised message are logged, never an exception's own text:
            // the SDK's can carry a request address, and a token's address is its digest.
            LogUnexpected(logger, context.InvocationId, ex.GetType().FullName, ex is StoreFailureException ? ex.Message : null, ex.StackTrace);
            return new ApiErrorResult(ApiError.InternalError);
        }
    }

    // A header sent twice is not one identity; treat it like a missing one.
    private static string? SingleHeader(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId}: store unavailable, answered 503: {Detail}")]
    private static partial void LogStoreUnavailable(ILogger logger, string invocationId, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "Invocation {InvocationId}: the caller disconnected before the answer")]
    private static partial void LogCallerGone(ILogger logger, string invocationId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Invocation {InvocationId}: unexpected {ExceptionType}, answered 500: {Detail} {StackTrace}")]
    private static partial void LogUnexpected(ILogger logger, string invocationId, string? exceptionType, string? detail, string? stackTrace);
}
