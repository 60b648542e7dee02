using System.Text.Json;
using LivechatFunctions.ChatSearch;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>
/// Runs the history queries in the visitor's partition. Answers are read where they lie, row by row, and only the
/// item's own fields reach the page (<see cref="ChatHistoryItem"/>); no store document becomes an object.
/// </summary>
public sealed class ChatHistoryStore(LivechatContainers containers)
{
    /// <summary>The page of <paramref name="query"/>, and the total, counted only when the page cannot prove it.</summary>
    /// <remarks>
    /// The count waits for the page rather than going out with it: most histories fit in one page, and a count
    /// sent alongside would cost request units on every one of them, and on every last page, for a total the
    /// page itself proves. A full page, or an offset past the last chat, pays one more round trip instead.
    /// </remarks>
    public async Task<ChatHistoryPage> ReadPageAsync(ChatQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.RoomIds is { } roomIds && StoreLimits.SplitIds(roomIds) is { Count: > 1 } runs)
        {
            return await ReadPageOfManyRoomsAsync(query, runs, cancellationToken);
        }

        // A small first array: the page's own size is known only at its first row (PageWriter).
        var items = new PageBuffer(initialCapacity: 256);
        try
        {
            var (rows, written) = await ReadRowsAsync(query, items, cancellationToken);
            var offset = query.Parameters.Offset;

            // Without a limit the store sent every match, the skipped ones included. With one, a page that stops short
            // of it ends at the last match, unless it is empty past the start: then the offset may lie past that match.
            var shown = query.Limit is null ? rows : written > 0 ? offset + written : 0;
            var proven = query.Limit is not { } limit || written < limit && (written > 0 || offset == 0);
            var total = proven ? shown : await CountAsync(query, cancellationToken);

            // The count runs after the page, on what the store holds by then: chats deleted in between must not make
            // the total smaller than what this very answer shows.
            total = Math.Max(total, shown);
            return new ChatHistoryPage(items.WrittenMemory, written, offset, total) { Buffer = items };
        }
        catch
        {
            items.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The page among more matching chats than one query can name (their ids would pass Cosmos DB's query size limit).
    /// The store gives each run of ids' matches as (id, sort value); the app orders them all as the store would
    /// (<see cref="StoreSortKey"/>), which gives the total and the page's ids, and the page's items are then read in
    /// runs of consecutive page ids, each ordered by the store, so the runs join in order.
    /// </summary>
    private async Task<ChatHistoryPage> ReadPageOfManyRoomsAsync(ChatQuery query, List<string[]> runs, CancellationToken cancellationToken)
    {
        var sortProperty = query.Parameters.Sort.PropertyName;
        var keys = new List<StoreSortKey>();
        foreach (var run in runs)
        {
            await ForEachRowAsync("history sort keys", query.WithRoomIds(run).SortKeys(), query.VisitorId, null, 0, (ref Utf8JsonReader row, ReadOnlyMemory<byte> _) =>
                keys.Add(StoreSortKey.Read(ref row, sortProperty)), cancellationToken);
        }

        var descending = query.Parameters.Sort.Descending;
        keys.Sort((x, y) => descending ? StoreSortKey.Compare(y, x) : StoreSortKey.Compare(x, y));
        var offset = query.Parameters.Offset;
        var pageIds = keys.Skip((int)Math.Min(offset, int.MaxValue)).Take(query.Limit ?? int.MaxValue).Select(key => key.Id);

        var items = new PageBuffer(initialCapacity: 256);
        try
        {
            using (var page = new PageWriter(items))
            {
                // Every chat of a run is on the page: no TOP, OFFSET or skipping, only the run's own order.
                var wholeRuns = query.Parameters with { Offset = 0, Count = null };
                foreach (var run in StoreLimits.SplitIds(pageIds))
                {
                    await ForEachRowAsync("history query", new ChatQuery(query.VisitorId, wholeRuns, run).Page(), query.VisitorId, run.Length, 0, page.Add, cancellationToken);
                }

                page.Complete();
                var written = page.Count;
                // Chats deleted between the two reads leave the page short; the total never counts fewer than it shows.
                return new ChatHistoryPage(items.WrittenMemory, written, offset, Math.Max(keys.Count, written > 0 ? offset + written : 0)) { Buffer = items };
            }
        }
        catch
        {
            items.Dispose();
            throw;
        }
    }

    /// <summary>Ids of the visitor's chats with a message containing <paramref name="searchText"/>.</summary>
    public async Task<IReadOnlyCollection<string>> FindRoomsWithTextAsync(string visitorId, string searchText, CancellationToken cancellationToken)
    {
        var roomIds = new HashSet<string>(StringComparer.Ordinal);
        await ForEachRowAsync("message search", ChatQuery.RoomsWithText(visitorId, searchText), visitorId, null, 0, (ref Utf8JsonReader row, ReadOnlyMemory<byte> _) =>
        {
            if (row.TokenType == JsonTokenType.String)
            {
                roomIds.Add(row.GetString()!);
            }
            else
            {
                row.Skip();
            }
        }, cancellationToken);
        return roomIds;
    }

    private async Task<(long Rows, int Written)> ReadRowsAsync(ChatQuery query, PageBuffer items, CancellationToken cancellationToken)
    {
        using var page = new PageWriter(items);
        var rows = await ForEachRowAsync("history query", query.Page(), query.VisitorId, query.Limit, query.SkippedByApp, page.Add, cancellationToken);
        page.Complete();
        return (rows, page.Count);
    }

    internal async Task<long> CountAsync(ChatQuery query, CancellationToken cancellationToken)
    {
        long count = 0;
        await ForEachRowAsync("history count", query.Count(), query.VisitorId, null, 0, (ref Utf8JsonReader row, ReadOnlyMemory<byte> _) =>
        {
            if (row.TokenType != JsonTokenType.Number || !row.TryGetInt64(out var value))
            {
                throw new StoreFailureException("history count", null, null, "the count is not a number");
            }

            count += value;
        }, cancellationToken);
        return count;
    }

    /// <summary>
    /// Runs a query to the end and hands every row after the first <paramref name="skip"/> to <paramref name="onRow"/>.
    /// Skipped rows are only stepped over, never parsed into elements. Returns the rows seen, skipped ones included.
    /// </summary>
    private async Task<long> ForEachRowAsync(
        string operation,
        QueryDefinition definition,
        string visitorId,
        long? expectedRows,
        long skip,
        RowReader onRow,
        CancellationToken cancellationToken) =>
        await StoreCall.RunAsync(operation, async ct =>
        {
            var options = new QueryRequestOptions
            {
                PartitionKey = new PartitionKey(visitorId),
                // One partition: the SDK sends the query straight to it. For the COUNT it still asks for a query
                // plan first, which QueryPlanCache answers after the first time.
                EnableOptimisticDirectExecution = true,
                // Ask for the whole page in one response where it is bounded.
                MaxItemCount = expectedRows is > 0 and <= 1000 ? (int)expectedRows.Value : -1,
            };
            long seen = 0;
            using var iterator = containers.Rooms.GetItemQueryStreamIterator(definition, continuationToken: null, options);
            while (iterator.HasMoreResults)
            {
                using var response = await iterator.ReadNextAsync(ct);
                StoreCall.EnsureSuccess(response, operation);
                using var body = await ResponseBody.ReadAsync(response.Content, ct);
                seen = QueryResultRows.ForEach(body.Json, seen, skip, onRow)
                    ?? throw new StoreFailureException(operation, response.StatusCode, response.Headers.ActivityId, "no Documents array");
            }

            return seen;
        }, cancellationToken);
}
