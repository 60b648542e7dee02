using System.Net;
using System.Runtime.InteropServices;
using Azure.Identity;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Store;

/// <summary>
/// Upserts documents as raw JSON streams with at most <c>concurrency</c> operations in flight, which with the
/// client's bulk mode lets the SDK pack them into batches per partition range; deletes what the export shows
/// gone, finding a user's token documents with a query inside the user's partition. A document the store
/// refuses (too large, bad id) is counted and reported; a store that is unavailable after retries, or refuses
/// access, stops the run.
/// </summary>
public sealed class CosmosDocumentSink : IDocumentSink, IDisposable
{
    private static readonly ItemRequestOptions WriteOptions = new() { EnableContentResponseOnWrite = false };

    private readonly Container _rooms;
    private readonly Container _tokens;
    private readonly int _concurrency;
    private readonly ImportTally _tally;
    private readonly StoreRetryPolicy _retry;
    private readonly TimeProvider _clock;
    private readonly Action<string> _report;
    private readonly SemaphoreSlim _slots;

    // Cancelled by the run's token or by the first fatal failure, which spares the other writes their retries.
    private readonly CancellationTokenSource _operations;
    private StoreFailedException? _failure;
    private long _unconfirmed;

    /// <param name="rooms">Container of chats and messages.</param>
    /// <param name="tokens">Container of token documents.</param>
    /// <param name="concurrency">Most upserts in flight.</param>
    /// <param name="tally">Counts written and rejected documents.</param>
    /// <param name="retry">Waits between retries of transient failures.</param>
    /// <param name="clock">Times the waits.</param>
    /// <param name="report">Receives one line per rejected document.</param>
    /// <param name="runCancellation">Cancels every write in flight.</param>
    public CosmosDocumentSink(
        Container rooms,
        Container tokens,
        int concurrency,
        ImportTally tally,
        StoreRetryPolicy retry,
        TimeProvider clock,
        Action<string> report,
        CancellationToken runCancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _rooms = rooms;
        _tokens = tokens;
        _concurrency = concurrency;
        _tally = tally;
        _retry = retry;
        _clock = clock;
        _report = report;
        _slots = new SemaphoreSlim(concurrency, concurrency);
        _operations = CancellationTokenSource.CreateLinkedTokenSource(runCancellation);
    }

    public long Unconfirmed => Interlocked.Read(ref _unconfirmed);

    public ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return StartAsync(token => UpsertAsync(document, token), $"writing {Describe(document.Kind, document.Id)}", cancellationToken);
    }

    public ValueTask DeleteAsync(DocumentDeletion deletion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deletion);
        return StartAsync(token => DeleteDocumentAsync(deletion, token), $"deleting {Describe(deletion.Kind, deletion.Id)}", cancellationToken);
    }

    public ValueTask ReconcileTokensAsync(TokenReconciliation reconciliation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        return StartAsync(token => ReconcileAsync(reconciliation, token), $"finding the token documents of user {reconciliation.UserId}", cancellationToken);
    }

    public async Task RemoveTokensOfAbsentUsersAsync(IReadOnlySet<string> exportedUserIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exportedUserIds);
        // The writes and deletions of the users' pass first, so the feed shows what they left.
        await FlushAsync(cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _operations.Token);
        // The whole list first: deleting while the feed is read could move its continuation past documents.
        var absent = new List<(string Id, string UserId)>();
        string? continuation = null;
        do
        {
            var page = await ReadPageAsync(null, continuation, null, "reading the token documents", linked.Token);
            if (page is null)
            {
                return;
            }

            absent.AddRange(page.Value.Items.Where(item => item.UserId is not null && !exportedUserIds.Contains(item.UserId)).Select(item => (item.Id, item.UserId!)));
            continuation = page.Value.Continuation;
        }
        while (continuation is not null);

        foreach (var (id, userId) in absent)
        {
            await DeleteAsync(new DocumentDeletion(DocumentKind.Token, id, userId, DeletionReasons.TokenOfAbsentUser, "users export"), cancellationToken);
        }

        await FlushAsync(cancellationToken);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        // Holding every slot means no write is left running.
        for (var held = 0; held < _concurrency; held++)
        {
            await _slots.WaitAsync(cancellationToken);
        }

        _slots.Release(_concurrency);
        ThrowIfFailed();
    }

    public void Dispose()
    {
        _operations.Dispose();
        _slots.Dispose();
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw failure;
        }
    }

    private async ValueTask StartAsync(Func<CancellationToken, Task> operation, string description, CancellationToken cancellationToken)
    {
        ThrowIfFailed();
        await _slots.WaitAsync(cancellationToken);
        if (Volatile.Read(ref _failure) is not null)
        {
            _slots.Release();
            ThrowIfFailed();
        }

        // Not awaited: the slot it holds is what bounds the operations, and FlushAsync collects them all.
        _ = RunAndReleaseAsync(operation, description);
    }

    private async Task RunAndReleaseAsync(Func<CancellationToken, Task> operation, string description)
    {
        try
        {
            await operation(_operations.Token);
        }
        catch (OperationCanceledException) when (_operations.IsCancellationRequested)
        {
            // Cancelled with the run, or after another operation failed.
            Interlocked.Increment(ref _unconfirmed);
        }
        catch (StoreFailedException ex)
        {
            Interlocked.Increment(ref _unconfirmed);
            Fail(ex);
        }
#pragma warning disable CA1031 // Any other failure must still stop the run with a report, not vanish in an unobserved task.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _unconfirmed);
            Fail(new StoreFailedException($"unexpected {ex.GetType().Name} while {description}: {ex.Message}", ex));
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Fail(StoreFailedException failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            _operations.Cancel();
        }
    }

    private async Task UpsertAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        var refusal = $"{document.Source}: the store rejected {Describe(document.Kind, document.Id)}";
        if (Succeeded(await SendAsync(UpsertOnceAsync, isAnswer: null, onAnswer: null, document.Kind, refusal, cancellationToken)))
        {
            _tally.AddWritten(document.Kind);
        }

        async Task<ResponseMessage> UpsertOnceAsync(CancellationToken token)
        {
            using var content = ContentOf(document);
            return await ContainerOf(document.Kind).UpsertItemStreamAsync(content, new PartitionKey(document.PartitionKey), WriteOptions, token);
        }
    }

    private async Task DeleteDocumentAsync(DocumentDeletion deletion, CancellationToken cancellationToken)
    {
        var container = ContainerOf(deletion.Kind);
        var partitionKey = new PartitionKey(deletion.PartitionKey);
        // Not found is an answer, not a failure: a message hidden before it was ever imported has no document.
        var status = await SendAsync(
            token => container.DeleteItemStreamAsync(deletion.Id, partitionKey, WriteOptions, token),
            isAnswer: code => code == HttpStatusCode.NotFound,
            onAnswer: null,
            deletion.Kind,
            $"{deletion.Source}: the store refused to delete {Describe(deletion.Kind, deletion.Id)}",
            cancellationToken);
        if (Succeeded(status))
        {
            _tally.AddDeleted(deletion.Reason);
        }
    }

    private static bool Succeeded(HttpStatusCode? status) => status is { } code && (int)code is >= 200 and < 300;

    private Container ContainerOf(DocumentKind kind) => kind == DocumentKind.Token ? _tokens : _rooms;

    private async Task ReconcileAsync(TokenReconciliation reconciliation, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        var query = TokenDocumentQueries.IdsOfUser(reconciliation.UserId);
        var options = TokenDocumentQueries.InPartition(reconciliation.UserId);
        string? continuation = null;
        do
        {
            var page = await ReadPageAsync(query, continuation, options, $"finding the token documents of user {reconciliation.UserId}", cancellationToken);
            if (page is null)
            {
                return;
            }

            stale.AddRange(page.Value.Items.Select(item => item.Id).Where(id => !reconciliation.Kept.Contains(id)));
            continuation = page.Value.Continuation;
        }
        while (continuation is not null);

        // In the slot this reconciliation already holds: one user's tokens are few.
        foreach (var id in stale)
        {
            await DeleteDocumentAsync(new DocumentDeletion(DocumentKind.Token, id, reconciliation.UserId, reconciliation.Reason, reconciliation.Source), cancellationToken);
        }
    }

    /// <summary>One page of a query on the tokens container (or its feed), with the same retries as a write; <c>null</c> if refused.</summary>
    private async Task<(IReadOnlyList<(string Id, string? UserId)> Items, string? Continuation)?> ReadPageAsync(
        QueryDefinition? query, string? continuation, QueryRequestOptions? options, string what, CancellationToken cancellationToken)
    {
        (IReadOnlyList<(string Id, string? UserId)> Items, string? Continuation)? page = null;
        await SendAsync(
            async token =>
            {
                // A fresh iterator per attempt, from the page's continuation: a failed one is not read again.
                using var iterator = TokenDocumentQueries.Page(_tokens, query, continuation, options);
                return await iterator.ReadNextAsync(token);
            },
            isAnswer: null,
            onAnswer: async (response, token) =>
            {
                var items = await TokenDocumentQueries.ItemsOfAsync(response, token);
                page = (items, string.IsNullOrEmpty(response.ContinuationToken) ? null : response.ContinuationToken);
            },
            DocumentKind.Token,
            $"the store refused {what}",
            cancellationToken);
        return page;
    }

    /// <summary>
    /// Sends one request until it is answered: retries transient failures, counts and reports a refusal of this one
    /// request, and stops the run on a fatal answer. Returns the answer's status, or <c>null</c> after a refusal.
    /// </summary>
    private async Task<HttpStatusCode?> SendAsync(
        Func<CancellationToken, Task<ResponseMessage>> send,
        Func<HttpStatusCode, bool>? isAnswer,
        Func<ResponseMessage, CancellationToken, Task>? onAnswer,
        DocumentKind kind,
        string refusal,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            HttpStatusCode? status;
            string detail;
            try
            {
                using var response = await send(cancellationToken);
                if (response.IsSuccessStatusCode || isAnswer?.Invoke(response.StatusCode) == true)
                {
                    if (onAnswer is not null)
                    {
                        await onAnswer(response, cancellationToken);
                    }

                    return response.StatusCode;
                }

                status = response.StatusCode;
                detail = FirstLine(response.ErrorMessage);
            }
            catch (CosmosException ex)
            {
                status = ex.StatusCode;
                detail = FirstLine(ex.Message);
            }
            catch (AuthenticationFailedException ex)
            {
                throw new StoreFailedException("could not sign in to Cosmos DB: " + FirstLine(ex.Message), ex);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The SDK's own request timeout.
                status = HttpStatusCode.RequestTimeout;
                detail = "request timed out";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutException)
            {
                status = null;
                detail = ex.Message;
            }

            switch (StoreStatusClassifier.Classify(status))
            {
                case StoreStatus.Rejected:
                    _tally.AddRejected(kind);
                    _report($"{refusal} ({StoreStatusClassifier.Describe(status)}): {detail}");
                    return null;
                case StoreStatus.Fatal:
                    throw new StoreFailedException(StoreStatusClassifier.Explain(status, detail));
                default:
                    if (attempt >= _retry.Delays.Count)
                    {
                        throw new StoreFailedException(
                            $"the store is unavailable: {StoreStatusClassifier.Describe(status)} after {attempt + 1} attempts ({detail})");
                    }

                    await Task.Delay(_retry.Delays[attempt], _clock, cancellationToken);
                    break;
            }
        }
    }

    private static MemoryStream ContentOf(ConvertedDocument document) =>
        MemoryMarshal.TryGetArray(document.Json, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(document.Json.ToArray(), writable: false);

    private static string Describe(DocumentKind kind, string id) =>
        $"{kind.ToString().ToLowerInvariant()} {id}";

    private static string FirstLine(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "no detail";
        }

        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line : line[..200] + "...";
    }
}
