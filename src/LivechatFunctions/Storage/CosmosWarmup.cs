using System.Diagnostics;
using LivechatFunctions.ChatSearch;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Storage;

/// <summary>
/// Makes the app's one <see cref="CosmosClient"/> ready while the host starts, so the first request after a start
/// does not pay for it: the account read (and with it the credential's first token), both containers' metadata and
/// partition key ranges in the client's own caches, connections to the store, and the query plan of the history
/// count, which <see cref="QueryPlanCache"/> then keeps. The wait is bounded by <see cref="CosmosOptions.WarmupTimeout"/>;
/// a store that is slow or down at start is logged and the app starts anyway, answering 503 until it can reach it.
/// </summary>
/// <remarks>
/// It runs in <see cref="StartingAsync"/>, before any hosted service's <c>StartAsync</c>: in the isolated worker that
/// is before the worker connects to the Functions host, so no invocation can arrive ahead of it. It warms the client
/// the app already holds rather than building one with <c>CosmosClient.CreateAndInitializeAsync</c>: that method
/// disposes its client when it fails (and the app's request handlers, once part of a client's pipeline, cannot join
/// another), and over Gateway (every loopback store) it reads only the account.
/// </remarks>
public sealed partial class CosmosWarmup(
    CosmosClient client,
    LivechatContainers containers,
    ChatHistoryStore history,
    IOptions<CosmosOptions> options,
    ILogger<CosmosWarmup> logger) : IHostedLifecycleService
{
    /// <summary>A visitor and user id no Rocket.Chat id looks like: the warm-up's reads find nothing and cost ~1 RU each.</summary>
    public const string AbsentId = "livechat-warmup~";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.WarmupTimeout;
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        var clock = Stopwatch.StartNew();
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var warming = WarmAsync(abandon.Token);
        try
        {
            await warming.WaitAsync(timeout, cancellationToken);
            LogReady(clock.Elapsed.TotalMilliseconds);
        }
        catch (TimeoutException)
        {
            await abandon.CancelAsync();
            // Whatever it ends with now is of no interest; observed so it is not reported as unobserved.
            _ = warming.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LogTimedOut(timeout);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The SDK's message can run to pages of diagnostics; the type and the store's status say enough here.
            var status = ex switch
            {
                CosmosException cosmos => (int?)cosmos.StatusCode,
                StoreUnavailableException unavailable => (int?)unavailable.Status,
                _ => null,
            };
            LogFailed(ex.GetType().Name, status, clock.Elapsed.TotalMilliseconds);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        // The account: its regions and the token the credential gets for it. The SDK's call takes no token.
        await client.ReadAccountAsync().WaitAsync(cancellationToken);

        // Each container's properties and partition key ranges, through the caches every later request reads.
        await Task.WhenAll(
            containers.Rooms.GetFeedRangesAsync(cancellationToken),
            containers.Tokens.GetFeedRangesAsync(cancellationToken));

        // One request of each kind a request sends, into partitions that hold nothing: the connections they use, and
        // the count's query plans, which would otherwise cost the first full page a round trip more than the next. The
        // count's text depends on the closed and served filters, which the caller's permissions add (spec §5): each of
        // the four is fetched once. A source or searchText filter makes a text of its own, left to its first request.
        var reads = new List<Task>
        {
            StoreCall.ReadDocumentAsync<object>(containers.Tokens, AbsentId, AbsentId, "warm-up token read", _ => null, cancellationToken),
        };
        foreach (var closedOnly in new[] { false, true })
        {
            foreach (var servedOnly in new[] { false, true })
            {
                var noChats = new ChatQuery(AbsentId, new ChatSearchParameters(0, null, ChatSort.Default, closedOnly, servedOnly, null, null));
                reads.Add(history.CountAsync(noChats, cancellationToken));
            }
        }

        await Task.WhenAll(reads);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store client ready in {ElapsedMs:F0} ms (account, containers, connections, query plans)")]
    private partial void LogReady(double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store client not ready within Cosmos:WarmupTimeout ({Timeout}); starting anyway, requests answer 503 until the store answers")]
    private partial void LogTimedOut(TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store client could not be made ready ({ExceptionType}, status {Status}) after {ElapsedMs:F0} ms; starting anyway, requests answer 503 until the store answers")]
    private partial void LogFailed(string exceptionType, int? status, double elapsedMs);
}
