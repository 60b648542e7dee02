using System.Net;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Tests.Storage;

public class QueryPlanCacheTests
{
    private const string CountQuery = "SELECT VALUE COUNT(1) FROM c WHERE c.visitorId = @visitorId";

    private static (QueryPlanCache Cache, RecordingHandler Gateway) Create(string plan = """{"queryInfo":{"aggregates":["Count"]}}""", HttpStatusCode status = HttpStatusCode.OK)
    {
        var gateway = new RecordingHandler(plan, status);
        return (new QueryPlanCache(ChatQuery.FilterOnlyParameters) { InnerHandler = gateway }, gateway);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Send(RequestHandler handler, RequestMessage request)
    {
        using var response = await handler.SendAsync(request, CancellationToken.None);
        using var reader = new StreamReader(response.Content);
        return (response.StatusCode, await reader.ReadToEndAsync());
    }

    [Fact]
    public async Task The_first_plan_of_a_query_comes_from_the_gateway_with_its_body_intact()
    {
        var (cache, gateway) = Create();
        var (status, body) = await Send(cache, RecordingHandler.PlanRequest(CountQuery));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"queryInfo":{"aggregates":["Count"]}}""", body);
        Assert.Contains(CountQuery, Assert.Single(gateway.Bodies), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_query_for_another_visitor_is_answered_from_memory()
    {
        var (cache, gateway) = Create();
        await Send(cache, RecordingHandler.PlanRequest(CountQuery));
        var (status, body) = await Send(cache, RecordingHandler.PlanRequest(CountQuery, """[{"name":"@visitorId","value":"v2"}]""", """["v2"]"""));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"queryInfo":{"aggregates":["Count"]}}""", body);
        Assert.Single(gateway.Bodies);
    }

    [Fact]
    public async Task A_different_query_text_asks_the_gateway_again()
    {
        var (cache, gateway) = Create();
        await Send(cache, RecordingHandler.PlanRequest(CountQuery));
        await Send(cache, RecordingHandler.PlanRequest(CountQuery + " AND IS_DEFINED(c.closedAt)"));
        Assert.Equal(2, gateway.Bodies.Count);
    }

    [Fact]
    public async Task A_query_with_a_parameter_that_can_shape_the_plan_is_never_kept()
    {
        // TOP's value is written into the plan: a plan for TOP 10 must not answer for TOP 20, nor fill the cache.
        var (cache, gateway) = Create();
        const string query = "SELECT TOP @top * FROM c WHERE c.visitorId = @visitorId";
        await Send(cache, RecordingHandler.PlanRequest(query, """[{"name":"@visitorId","value":"v1"},{"name":"@top","value":10}]"""));
        await Send(cache, RecordingHandler.PlanRequest(query, """[{"name":"@visitorId","value":"v1"},{"name":"@top","value":10}]"""));
        Assert.Equal(2, gateway.Bodies.Count);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_plan_without_a_partition_key_is_never_kept()
    {
        var (cache, gateway) = Create();
        await Send(cache, RecordingHandler.PlanRequest(CountQuery, partitionKey: null));
        await Send(cache, RecordingHandler.PlanRequest(CountQuery, partitionKey: null));
        Assert.Equal(2, gateway.Bodies.Count);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task A_failed_plan_request_is_not_kept()
    {
        var (cache, gateway) = Create("""{"code":"ServiceUnavailable"}""", HttpStatusCode.ServiceUnavailable);
        var (status, _) = await Send(cache, RecordingHandler.PlanRequest(CountQuery));
        await Send(cache, RecordingHandler.PlanRequest(CountQuery));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(2, gateway.Bodies.Count);
    }

    [Fact]
    public async Task Requests_other_than_plans_pass_through_untouched()
    {
        var (cache, gateway) = Create("""{"Documents":[3]}""");
        string body = string.Empty;
        for (var i = 0; i < 2; i++)
        {
            var query = RecordingHandler.PlanRequest(CountQuery);
            query.Headers.Remove("x-ms-cosmos-is-query-plan-request");
            (_, body) = await Send(cache, query);
        }

        Assert.Equal("""{"Documents":[3]}""", body);
        Assert.Equal(2, gateway.Bodies.Count);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task It_holds_no_more_shapes_than_its_capacity()
    {
        var gateway = new RecordingHandler();
        var cache = new QueryPlanCache(ChatQuery.FilterOnlyParameters, capacity: 2) { InnerHandler = gateway };
        foreach (var filter in new[] { "a", "b", "c", "c" })
        {
            await Send(cache, RecordingHandler.PlanRequest(CountQuery + " AND c." + filter + " = 1"));
        }

        Assert.Equal(2, cache.Count);
        Assert.Equal(4, gateway.Bodies.Count);
    }
}
