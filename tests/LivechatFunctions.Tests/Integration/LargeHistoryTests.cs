using System.Globalization;
using System.Text;
using LivechatFunctions.Tests.Fakes;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// Histories the small data set cannot show: chats whose sort values all tie, and a searchText matching more chats than
/// one query may name (the local store refuses a query over 524,288 characters, as Cosmos DB does).
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public class LargeHistoryTests(LocalCosmosFixture cosmos)
{
    private const string TiedVisitor = "v-tied";
    private const string ManyVisitor = "v-many";
    private const int TiedChats = 23;
    private const int ManyChats = 30_000;

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    private static bool _seeded;

    [Theory]
    [InlineData("{\"fname\":1}")]
    [InlineData("{\"msgs\":-1}")]
    [InlineData("{\"closedAt\":1}")]
    [InlineData("{\"ts\":-1}")]
    public async Task Paging_chats_whose_sort_values_all_tie_visits_each_chat_once(string sort)
    {
        await SeedAsync();
        var seen = new List<string>();
        for (var offset = 0; offset < TiedChats; offset += 5)
        {
            var page = await OkAsync("t00", TiedVisitor, $"sort={Uri.EscapeDataString(sort)}&count=5&offset={offset}");
            seen.AddRange(Ids(page));
        }

        Assert.Equal(TiedChats, seen.Count);
        Assert.Equal(TiedChats, seen.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task Search_text_matching_30000_chats_answers_the_first_page_and_the_total()
    {
        await SeedAsync();

        var page = await OkAsync("m0000000000000000", ManyVisitor, "searchText=needle&count=50");

        Assert.Equal(ManyChats, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(ExpectedOrder().Take(50), Ids(page));
    }

    [Fact]
    public async Task Search_text_matching_30000_chats_answers_a_page_far_into_them()
    {
        await SeedAsync();

        var page = await OkAsync("m0000000000000000", ManyVisitor, "searchText=needle&count=100&offset=29950&sort=" + Uri.EscapeDataString("{\"ts\":1}"));

        Assert.Equal(ManyChats, page.Json.GetProperty("total").GetInt32());
        Assert.Equal(ExpectedOrder().Reverse().Skip(29_950), Ids(page));
    }

    // Newest first, ties (three chats share each ts) broken by _id, descending too.
    private static IEnumerable<string> ExpectedOrder() =>
        Enumerable.Range(0, ManyChats).OrderByDescending(i => i / 3).ThenByDescending(RoomId, StringComparer.Ordinal).Select(RoomId);

    private static string RoomId(int i) => "m" + i.ToString("D16", CultureInfo.InvariantCulture);

    private static string[] Ids(TestResponse response) => [.. response.History.Select(i => i.GetProperty("_id").GetString()!)];

    private async Task<TestResponse> OkAsync(string room, string visitor, string query)
    {
        var response = await cosmos.GetAsync(room, visitor, query);
        Assert.True(response.Status == 200, $"{response.Status}: {response.Body}");
        return response;
    }

    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }

            using var client = cosmos.CreateClient();
            var rooms = client.GetContainer(cosmos.DatabaseName, "rooms");
            // Same fname, msgs, ts and closedAt: every sort field ties.
            await WriteAsync(rooms, TiedVisitor, Enumerable.Range(0, TiedChats).Select(i => Room($"t{i:D2}", TiedVisitor, "2024-05-01T00:00:00.000Z")));
            var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            await WriteAsync(rooms, ManyVisitor, Enumerable.Range(0, ManyChats).SelectMany(i => new[]
            {
                Room(RoomId(i), ManyVisitor, start.AddSeconds(i / 3).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)),
                $$$"""{"id":"x{{{i:D16}}}","kind":"message","visitorId":"{{{ManyVisitor}}}","_id":"x{{{i:D16}}}","rid":"{{{RoomId(i)}}}","msg":"a needle here","ts":"2024-01-01T00:00:00.000Z","u":{"_id":"x","username":"x"}}""",
            }));
            _seeded = true;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static string Room(string id, string visitor, string ts) =>
        $$$"""{"id":"{{{id}}}","kind":"room","visitorId":"{{{visitor}}}","_id":"{{{id}}}","t":"l","fname":"Same","msgs":4,"ts":"{{{ts}}}","v":{"_id":"{{{visitor}}}","username":"guest"},"servedBy":{"_id":"agent1","username":"agent.one"},"closedAt":"2024-06-01T00:00:00.000Z","source":{"type":"widget"},"departmentId":"sales"}""";

    // Several writes in flight: one at a time, 60,000 documents take minutes.
    private static Task WriteAsync(Container rooms, string visitor, IEnumerable<string> documents) =>
        Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (json, ct) =>
        {
            using var content = new MemoryStream(Encoding.UTF8.GetBytes(json));
            using var response = await rooms.UpsertItemStreamAsync(content, new PartitionKey(visitor), cancellationToken: ct);
            Assert.True(response.IsSuccessStatusCode, $"upsert: {response.StatusCode}");
        });
}
