using System.Diagnostics;
using LivechatFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;
using static LivechatFunctions.Tests.Integration.IntegrationData;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// What a refused request sends to a real store and what it waits for (spec §2, after the error list): the message
/// search runs only once access is granted, and no refusal waits for the page query started beside the room read.
/// agent2 may not open a01 (agent1 served it; agent2 has no closed-room permission).
/// </summary>
[Collection(LocalCosmosCollection.Name)]
public class RefusalStoreCallTests(LocalCosmosFixture cosmos)
{
    private const string NotAllowed = """{"success":false,"error":"error-not-allowed"}""";
    private const string InvalidRoom = """{"success":false,"error":"invalid-room"}""";

    // Long enough for a search started beside the room read to reach the store's pipeline after the answer.
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);

    /// <summary>A fresh app, warmed up by one granted request so that the SDK's own metadata reads are behind it.</summary>
    private async Task<(ServiceProvider App, StoreCallCounter Calls, StoreRequestLog Log)> WarmAppAsync()
    {
        var log = new StoreRequestLog();
        var app = cosmos.CreateApp(new Dictionary<string, string?>(), log);
        var warm = await cosmos.GetAsync(app, "a01", Alice, "count=50&searchText=Hello");
        Assert.True(warm.Status == 200, $"{warm.Status}: {warm.Body}");
        var calls = app.GetRequiredService<StoreCallCounter>();
        calls.Reset();
        log.Clear();
        return (app, calls, log);
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("no such word anywhere")]
    public async Task An_access_refusal_with_search_text_sends_only_the_token_and_room_reads(string searchText)
    {
        var (app, calls, log) = await WarmAppAsync();
        using (app)
        {
            var response = await cosmos.GetAsync(app, "a01", Alice, "searchText=" + Uri.EscapeDataString(searchText), "agent2", "agent2-token");
            await Task.Delay(Settle);

            Assert.Equal(NotAllowed, response.Body);
            Assert.Equal(2, calls.Total);
            Assert.All(log.Requests, r => Assert.StartsWith("read ", r, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_room_refusal_with_search_text_sends_no_message_search()
    {
        var (app, calls, log) = await WarmAppAsync();
        using (app)
        {
            var response = await cosmos.GetAsync(app, "no-such-room", Alice, "searchText=Hello");
            await Task.Delay(Settle);

            Assert.Equal(InvalidRoom, response.Body);
            Assert.Equal(2, calls.Total);
            Assert.Empty(log.MessageSearches);
        }
    }

    [Fact]
    public async Task A_granted_request_with_search_text_searches_the_messages_once()
    {
        var (app, calls, log) = await WarmAppAsync();
        using (app)
        {
            var response = await cosmos.GetAsync(app, "a01", Alice, "searchText=Hello");

            Assert.Equal(200, response.Status);
            Assert.Single(log.MessageSearches);
            Assert.Equal(4, calls.Total);
        }
    }

    [Fact]
    public async Task An_access_refusal_does_not_wait_for_the_page_query_sent_beside_the_room_read()
    {
        var holding = new PageQueryHoldingHandler();
        using var app = cosmos.CreateApp(new Dictionary<string, string?>(), holding);
        try
        {
            var watch = Stopwatch.StartNew();
            var answer = cosmos.GetAsync(app, "a01", Alice, "count=50", "agent2", "agent2-token");
            var finished = await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.Same(answer, finished);
            Assert.Equal(NotAllowed, (await answer).Body);
            Assert.Equal(1, holding.Held);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        }
        finally
        {
            holding.Release();
        }
    }

    [Fact]
    public async Task A_room_refusal_does_not_wait_for_the_page_query_sent_beside_the_room_read()
    {
        var holding = new PageQueryHoldingHandler();
        using var app = cosmos.CreateApp(new Dictionary<string, string?>(), holding);
        try
        {
            var answer = cosmos.GetAsync(app, "no-such-room", Alice, "count=50");
            var finished = await Task.WhenAny(answer, Task.Delay(TimeSpan.FromSeconds(20)));

            Assert.Same(answer, finished);
            Assert.Equal(InvalidRoom, (await answer).Body);
            Assert.Equal(1, holding.Held);
        }
        finally
        {
            holding.Release();
        }
    }
}
