using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Runs one store operation and sorts what can go wrong into the two outcomes the contract knows (spec §2.6):
/// unavailable (503) and unexpected (500). The caller's own cancellation passes through untouched.
/// </summary>
public static class StoreCall
{
    /// <summary>The Cosmos DB built-in role that lets the app's identity read rooms and tokens, and nothing more.</summary>
    public const string RequiredDataPlaneRole = "Cosmos DB Built-in Data Reader";

    /// <summary>The id of <see cref="RequiredDataPlaneRole"/>, the same in every account.</summary>
    public const string RequiredDataPlaneRoleId = "00000000-0000-0000-0000-000000000001";

    // Cosmos DB's substatus for a replica that has not yet caught up with the session token the read carries.
    private const int ReadSessionNotAvailable = 1002;

    public static async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            // Set here, in this async method, the start is seen by every request the call sends and by nothing after it.
            StoreOperationClock.Start();
            return await call(cancellationToken).ConfigureAwait(false);
        }
        catch (CosmosException ex) when (IsTransient(ex.StatusCode, ex.SubStatusCode))
        {
            throw new StoreUnavailableException(operation, ex.StatusCode, ex.ActivityId, ex.RetryAfter);
        }
        catch (CosmosException ex)
        {
            throw new StoreFailureException(operation, ex.StatusCode, ex.ActivityId, ReasonFor(ex.StatusCode, ex.SubStatusCode));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's request timeout surfaces as a cancellation the caller did not ask for.
            throw new StoreUnavailableException(operation, HttpStatusCode.RequestTimeout, null, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or IOException)
        {
            throw new StoreUnavailableException(operation, null, null, null);
        }
        catch (JsonException)
        {
            throw new StoreFailureException(operation, null, null, "the store's answer is not the JSON expected");
        }
    }

    /// <summary>
    /// One point read, the document handed to <paramref name="read"/> while it is parsed; <c>null</c> when the
    /// document does not exist (<see cref="IsMissingDocument"/>).
    /// </summary>
    public static Task<T?> ReadDocumentAsync<T>(
        Container container, string id, string partitionKey, string operation, Func<JsonElement, T?> read, CancellationToken cancellationToken)
        where T : class =>
        RunAsync(operation, async ct =>
        {
            ArgumentNullException.ThrowIfNull(container);
            ArgumentNullException.ThrowIfNull(read);
            using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partitionKey), cancellationToken: ct);
            if (IsMissingDocument(response))
            {
                return null;
            }

            EnsureSuccess(response, operation);
            using var body = await ResponseBody.ReadAsync(response.Content, ct);
            using var document = JsonDocument.Parse(body.Json, StoreLimits.DocumentOptions);
            return read(document.RootElement);
        }, cancellationToken);

    /// <summary>Throws for any status that is not a success; callers handle their expected misses first.</summary>
    public static void EnsureSuccess(ResponseMessage response, string operation)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        if (IsTransient(response.StatusCode, SubStatusOf(response)))
        {
            throw new StoreUnavailableException(operation, response.StatusCode, response.Headers.ActivityId, RetryAfterOf(response));
        }

        throw new StoreFailureException(operation, response.StatusCode, response.Headers.ActivityId, ReasonFor(response.StatusCode, SubStatusOf(response)));
    }

    /// <summary>
    /// What the log says about a status the app does not expect. A 403 is nearly always the app's identity without a
    /// data-plane role (or with one granted minutes ago, not applied yet): a misconfiguration the answer (500) cannot
    /// explain, so the log names the role the app needs.
    /// </summary>
    internal static string ReasonFor(HttpStatusCode status, int subStatus) =>
        status == HttpStatusCode.Forbidden
            ? $"Cosmos DB refused the app's identity (substatus {subStatus.ToString(System.Globalization.CultureInfo.InvariantCulture)}): "
                + $"it needs the data-plane role {RequiredDataPlaneRole} ({RequiredDataPlaneRoleId}) on the account, "
                + "granted as a Cosmos DB SQL role assignment (infra/main.bicep grants it); a new assignment can take minutes to apply"
            : "unexpected status";

    /// <summary>
    /// Whether a point read found no document. 400 means an id or key the store cannot hold, so no such
    /// document either. Only a plain 404 is a missing document: with a substatus the store says something else,
    /// a missing database or container (1003, a misconfiguration) or a replica that has not yet caught up with
    /// the session (1002, worth retrying). Either one read as "no such token" would log the agent out.
    /// </summary>
    public static bool IsMissingDocument(ResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode switch
        {
            HttpStatusCode.BadRequest => true,
            HttpStatusCode.NotFound => SubStatusOf(response) == 0,
            _ => false,
        };
    }

    // No substatus header reads as 0, as the SDK's own typed accessor (not public) has it.
    private static int SubStatusOf(ResponseMessage response) =>
        int.TryParse(response.Headers["x-ms-substatus"], System.Globalization.NumberStyles.Integer,
            System.Globalization.CultureInfo.InvariantCulture, out var subStatus) ? subStatus : 0;

    // Cosmos DB says how long to back off in milliseconds; the SDK's typed accessor for it is not public.
    private static TimeSpan? RetryAfterOf(ResponseMessage response) =>
        double.TryParse(response.Headers["x-ms-retry-after-ms"], System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    // Throttling past the client's retries, timeouts, a failing or unreachable service and a session the replica has
    // not caught up with (404/1002, past the SDK's own retries) are worth retrying later.
    private static bool IsTransient(HttpStatusCode status, int subStatus) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or HttpStatusCode.Gone
            or (HttpStatusCode)449 || (int)status >= 500
        || (status == HttpStatusCode.NotFound && subStatus == ReadSessionNotAvailable);
}
