using System.Diagnostics;
using System.Net;
using LivechatFunctions.LocalHost.Hosting;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The two failure answers of the contract over real HTTP: an unreachable store, a misconfigured one.</summary>
[Collection(LocalHostCollection.Name)]
public class StoreFailureHttpTests(LocalHostFixture fixture)
{
    [Fact]
    public async Task An_unreachable_store_answers_503_with_retry_after_within_the_request_timeout()
    {
        await using var host = await LocalFunctionHost.StartAsync(
            LocalHostOptions.Parse(StoreHostArguments.UnreachableStore(StoreHostArguments.ClosedPort())), CancellationToken.None);
        using var request = DemoAgentRequest(host);

        var clock = Stopwatch.StartNew();
        using var response = await fixture.Client.SendAsync(request);
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"success":false,"error":"service-unavailable"}""", await response.Content.ReadAsStringAsync());
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        // Connection refused fails fast; the bound is the configured 2 s timeout plus the SDK's own retries.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_missing_container_answers_500_without_detail()
    {
        await using var host = await LocalFunctionHost.StartAsync(
            LocalHostOptions.Parse(StoreHostArguments.MissingTokensContainer(fixture.Host.EmbeddedStoreEndpoint)), CancellationToken.None);
        using var request = DemoAgentRequest(host);
        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"success":false,"error":"internal-error"}""", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage DemoAgentRequest(LocalFunctionHost host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, host.FunctionUrl("r", "v"));
        request.Headers.Add("X-User-Id", "demo-agent");
        request.Headers.Add("X-Auth-Token", "demo-agent-token");
        return request;
    }
}
