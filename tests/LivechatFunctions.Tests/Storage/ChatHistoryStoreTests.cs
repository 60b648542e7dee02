using System.Text;
using System.Text.Json;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;
using LivechatFunctions.Tests.Fakes;

namespace LivechatFunctions.Tests.Storage;

public class ChatHistoryStoreTests
{
    private static readonly ChatSearchParameters FirstPage = new(0, 3, ChatSort.Default, true, true, null, null);

    private static string Row(int i) =>
        $$"""{"_id":"r{{i}}","fname":"F","ts":"2021-01-0{{i}}T00:00:00.000Z","msgs":{{i}},"v":{"_id":"v1"},"open":true,"source":{"type":"widget"},"t":"l","departmentId":"d","id":"r{{i}}","kind":"room","visitorId":"v1","_rid":"x","_self":"y","_etag":"z","_attachments":"a","_ts":1}""";

    private static async Task<(ChatHistoryPage Page, FakeStore Store)> Read(ChatSearchParameters parameters, int rows, long count = 0)
    {
        var store = new FakeStore { CountResult = count };
        store.PageRows.AddRange(Enumerable.Range(1, rows).Select(Row));
        var page = await new ChatHistoryStore(store.Containers).ReadPageAsync(new ChatQuery("v1", parameters), CancellationToken.None);
        return (page, store);
    }

    private static JsonElement[] Items(ChatHistoryPage page) => [.. JsonDocument.Parse(page.HistoryJson).RootElement.EnumerateArray()];

    [Fact]
    public async Task Items_carry_only_contract_fields_even_if_the_store_sends_more()
    {
        var (page, _) = await Read(FirstPage, 1);
        var names = Items(page)[0].EnumerateObject().Select(p => p.Name);
        Assert.Equal(["_id", "fname", "ts", "msgs", "v"], names);
    }

    [Fact]
    public async Task Items_keep_the_contract_field_order_whatever_the_store_order()
    {
        var store = new FakeStore();
        store.PageRows.Add("""{"closingMessage":{"msg":"bye"},"tags":["a"],"closer":"user","closedBy":{"_id":"a"},"closedAt":"2021","servedBy":{"_id":"a"},"v":{},"msgs":1,"ts":"t","fname":"f","_id":"r"}""");
        var page = await new ChatHistoryStore(store.Containers).ReadPageAsync(new ChatQuery("v1", FirstPage), CancellationToken.None);
        Assert.Equal(ChatHistoryItem.Fields, Items(page)[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Values_are_copied_as_stored()
    {
        var (page, _) = await Read(FirstPage, 1);
        var item = Items(page)[0];
        Assert.Equal("2021-01-01T00:00:00.000Z", item.GetProperty("ts").GetString());
        Assert.Equal(1, item.GetProperty("msgs").GetInt32());
    }

    private static string ItemRow(int i) =>
        $$$"""{"_id":"r{{{i}}}","fname":"F","ts":"2021-01-01T00:00:00.000Z","msgs":{{{i}}},"v":{"_id":"v1","username":"guest"}}""";

    [Theory]
    [InlineData(null, 0, 500)]
    [InlineData(50, 0, 500)]
    [InlineData(50, 120, null)]
    public async Task A_page_larger_than_the_buffer_it_starts_with_comes_back_whole(int? rowsPerResponse, int offset, int? count)
    {
        // Rows already in item shape are copied as they are, so the page grows as fast as the answers: with several
        // answers per page it outgrows the room made at its first row, and when the app skips the offset itself (every
        // chat asked for) that row is in a later answer.
        var store = new FakeStore { RowsPerResponse = rowsPerResponse };
        store.PageRows.AddRange(Enumerable.Range(1, 500).Select(ItemRow));
        using var page = await new ChatHistoryStore(store.Containers).ReadPageAsync(
            new ChatQuery("v1", FirstPage with { Offset = offset, Count = count }), CancellationToken.None);

        Assert.True(page.HistoryJson.Length > 2 * PageBuffer.DefaultCapacity);
        Assert.Equal(Enumerable.Range(offset + 1, 500 - offset).Select(i => $"r{i}"), Items(page).Select(item => item.GetProperty("_id").GetString()));
    }

    [Fact]
    public async Task A_short_first_page_proves_the_total_without_a_count_query()
    {
        var (page, store) = await Read(FirstPage, 2);
        Assert.Equal(2, page.Count);
        Assert.Equal(2, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task A_full_page_counts_the_total()
    {
        var (page, store) = await Read(FirstPage, 3, count: 42);
        Assert.Equal(3, page.Count);
        Assert.Equal(42, page.Total);
        Assert.Equal(2, store.Queries.Count);
        Assert.Contains("COUNT(1)", store.Queries[1].Query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_page_after_an_offset_proves_the_total_as_offset_plus_its_rows()
    {
        // Offset 2 and count 3: the store skips 2 of the 4 matches and sends the other 2, fewer than 3, so there are
        // exactly 4 matches, whatever a count would say.
        var (page, store) = await Read(FirstPage with { Offset = 2 }, 4, count: 99);
        Assert.Equal(["r3", "r4"], Items(page).Select(i => i.GetProperty("_id").GetString()));
        Assert.Equal(2, page.Offset);
        Assert.Equal(4, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task Skipped_chats_stay_in_the_store()
    {
        var (_, store) = await Read(FirstPage with { Offset = 2 }, 4);
        var parameters = store.Queries[0].Query.GetQueryParameters().ToDictionary(p => p.Name, p => p.Value);
        Assert.Equal(2, parameters["@offset"]);
        Assert.Equal(3, parameters["@limit"]);
        Assert.Equal(3, store.Queries[0].Options.MaxItemCount);
    }

    [Fact]
    public async Task A_count_lower_than_the_rows_already_read_does_not_shrink_the_total()
    {
        // Chats deleted between the page and the count: the answer must still add up.
        var (page, _) = await Read(FirstPage with { Offset = 2 }, 5, count: 1);
        Assert.Equal(5, page.Total);
    }

    [Fact]
    public async Task A_later_page_asks_for_the_count_only_once_it_is_full()
    {
        var (page, store) = await Read(FirstPage with { Offset = 2 }, 5, count: 42);
        Assert.Equal(42, page.Total);
        Assert.Contains("ORDER BY", store.Queries[0].Query.QueryText, StringComparison.Ordinal);
        Assert.Contains("COUNT(1)", store.Queries[1].Query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_last_page_past_the_first_proves_the_total_without_a_count_query()
    {
        var (page, store) = await Read(FirstPage with { Offset = 3 }, 4, count: 99);
        Assert.Equal(1, page.Count);
        Assert.Equal(4, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task A_first_page_asks_for_the_count_only_once_it_is_full()
    {
        var (_, store) = await Read(FirstPage, 3, count: 42);
        Assert.Contains("ORDER BY", store.Queries[0].Query.QueryText, StringComparison.Ordinal);
        Assert.Contains("COUNT(1)", store.Queries[1].Query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offset_past_the_end_gives_an_empty_page_and_counts_the_true_total()
    {
        // An empty page past the start cannot tell where the matches ended, so only a count can.
        var (page, store) = await Read(FirstPage with { Offset = 10 }, 4, count: 4);
        Assert.Equal(0, page.Count);
        Assert.Equal("[]", Encoding.UTF8.GetString(page.HistoryJson.Span));
        Assert.Equal(4, page.Total);
        Assert.Contains("COUNT(1)", store.Queries[1].Query.QueryText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_first_page_proves_there_are_no_matches()
    {
        var (page, store) = await Read(FirstPage, 0, count: 99);
        Assert.Equal(0, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task Count_all_after_an_offset_skips_in_the_app_and_counts_the_skipped_chats()
    {
        var (page, store) = await Read(FirstPage with { Offset = 5, Count = null }, 7, count: 99);
        Assert.Equal(["r6", "r7"], Items(page).Select(i => i.GetProperty("_id").GetString()));
        Assert.Equal(7, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task Count_all_reads_every_row_and_needs_no_count_query()
    {
        var (page, store) = await Read(FirstPage with { Count = null }, 7);
        Assert.Equal(7, page.Count);
        Assert.Equal(7, page.Total);
        Assert.Single(store.Queries);
    }

    [Fact]
    public async Task Queries_name_the_partition_and_skip_the_query_plan()
    {
        var (_, store) = await Read(FirstPage, 3, count: 3);
        Assert.All(store.Queries, q =>
        {
            Assert.Equal(new Microsoft.Azure.Cosmos.PartitionKey("v1"), q.Options.PartitionKey);
            Assert.True(q.Options.EnableOptimisticDirectExecution);
        });
    }

    [Fact]
    public async Task Message_search_returns_each_room_once()
    {
        var store = new FakeStore();
        store.MessageRoomIds.AddRange(["r1", "r2", "r1"]);
        var rooms = await new ChatHistoryStore(store.Containers).FindRoomsWithTextAsync("v1", "hello", CancellationToken.None);
        Assert.Equal(["r1", "r2"], rooms.Order());
    }

    [Theory]
    [InlineData(System.Net.HttpStatusCode.TooManyRequests)]
    [InlineData(System.Net.HttpStatusCode.ServiceUnavailable)]
    [InlineData(System.Net.HttpStatusCode.RequestTimeout)]
    [InlineData(System.Net.HttpStatusCode.InternalServerError)]
    public async Task Transient_query_failures_are_store_unavailable(System.Net.HttpStatusCode status)
    {
        var store = new FakeStore { QueryFailure = status, RetryAfterMilliseconds = "1500" };
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            new ChatHistoryStore(store.Containers).ReadPageAsync(new ChatQuery("v1", FirstPage), CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), error.RetryAfter);
    }

    [Theory]
    [InlineData("\"just text\"")]
    [InlineData("42")]
    [InlineData("[{\"_id\":\"r1\"}]")]
    public async Task A_row_that_is_not_an_object_is_a_store_failure(string row)
    {
        var store = new FakeStore();
        store.PageRows.Add(row);
        var error = await Assert.ThrowsAsync<StoreFailureException>(() =>
            new ChatHistoryStore(store.Containers).ReadPageAsync(new ChatQuery("v1", FirstPage), CancellationToken.None));
        Assert.Contains("not the JSON expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_query_is_a_store_failure_not_unavailability()
    {
        var store = new FakeStore { QueryFailure = System.Net.HttpStatusCode.Forbidden };
        await Assert.ThrowsAsync<StoreFailureException>(() =>
            new ChatHistoryStore(store.Containers).ReadPageAsync(new ChatQuery("v1", FirstPage), CancellationToken.None));
    }
}
