using System.Net;
using System.Runtime.InteropServices;
using Azure.Identity;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Importer.Store;

/// <summary>
/// Upserts documents as raw JSON streams with at most <c>concurrency</c> in flight, which with the client's bulk
/// mode lets the SDK pack them into batches per partition range. A document the store refuses (too large, bad
/// id) is counted and reported; a store that is unavailable after retries, or refuses access, stops the run.
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

    public async ValueTask WriteAsync(ConvertedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ThrowIfFailed();
        await _slots.WaitAsync(cancellationToken);
        if (Volatile.Read(ref _failure) is not null)
        {
            _slots.Release();
            ThrowIfFailed();
        }

        // Not awaited: the slot it holds is what bounds the writes, and FlushAsync collects them all.
        _ = WriteAndReleaseAsync(document);
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

    private async Task WriteAndReleaseAsync(ConvertedDocument document)
    {
        try
        {
            await UpsertAsync(document, _operations.Token);
        }
        catch (OperationCanceledException) when (_operations.IsCancellationRequested)
        {
            // Cancelled with the run, or after another write failed.
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
            Fail(new StoreFailedException($"unexpected {ex.GetType().Name} while writing {Describe(document)}: {ex.Message}", ex));
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
        var container = document.Kind == DocumentKind.Token ? _tokens : _rooms;
        var partitionKey = new PartitionKey(document.PartitionKey);
        for (var attempt = 0; ; attempt++)
        {
            HttpStatusCode? status;
            string detail;
            try
            {
                using var content = ContentOf(document);
                using var response = await container.UpsertItemStreamAsync(content, partitionKey, WriteOptions, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    _tally.AddWritten(document.Kind);
                    return;
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
                    _tally.AddRejected(document.Kind);
                    _report($"{document.Source}: the store rejected {Describe(document)} ({StoreStatusClassifier.Describe(status)}): {detail}");
                    return;
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

    private static string Describe(ConvertedDocument document) =>
        $"{document.Kind.ToString().ToLowerInvariant()} {document.Id}";

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
