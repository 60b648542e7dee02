using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

public class StoreCallCounterTests
{
    private static async Task Send(RequestHandler handler, RequestMessage request)
    {
        using var _ = await handler.SendAsync(request, CancellationToken.None);
    }

    [Fact]
    public async Task Every_request_that_reaches_it_is_counted_once()
    {
        var counter = new StoreCallCounter { InnerHandler = new RecordingHandler() };
        await Send(counter, new RequestMessage(HttpMethod.Get, new Uri("dbs/livechat/colls/tokens/docs/abc", UriKind.Relative)));
        await Send(counter, new RequestMessage(HttpMethod.Post, new Uri("dbs/livechat/colls/rooms/docs", UriKind.Relative)));
        Assert.Equal(2, counter.Total);
        Assert.Equal(0, counter.QueryPlans);
    }

    [Fact]
    public async Task Query_plan_requests_are_counted_apart()
    {
        var counter = new StoreCallCounter { InnerHandler = new RecordingHandler() };
        await Send(counter, RecordingHandler.PlanRequest("SELECT VALUE COUNT(1) FROM c"));
        Assert.Equal(1, counter.Total);
        Assert.Equal(1, counter.QueryPlans);
    }

    [Fact]
    public async Task Reset_starts_the_counts_again()
    {
        var counter = new StoreCallCounter { InnerHandler = new RecordingHandler() };
        await Send(counter, RecordingHandler.PlanRequest("SELECT VALUE COUNT(1) FROM c"));
        counter.Reset();
        Assert.Equal(0, counter.Total);
        Assert.Equal(0, counter.QueryPlans);
    }
}
