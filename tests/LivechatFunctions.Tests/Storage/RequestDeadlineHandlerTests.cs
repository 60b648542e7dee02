using System.Diagnostics;
using System.Net;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Storage;

/// <summary>The store deadline bounds a whole operation: a query's later pages get only what its first left.</summary>
public sealed class RequestDeadlineHandlerTests
{
    private static readonly CosmosOptions Settings = new() { RequestTimeout = TimeSpan.FromMilliseconds(600), MaxRateLimitRetryWait = TimeSpan.FromMilliseconds(400) };

    [Fact]
    public async Task Requests_of_one_operation_share_its_deadline()
    {
        var handler = new RequestDeadlineHandler(Options.Create(Settings)) { InnerHandler = new SlowStore(TimeSpan.FromMilliseconds(400)) };
        var clock = Stopwatch.StartNew();

        // Ten pages of 400 ms each would take 4 s, each well within 1 s alone; the operation's deadline is 1 s. A
        // deadline per request would let every page through, so the timeout itself shows that the pages share one.
        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => StoreCall.RunAsync("query", async ct =>
        {
            for (var page = 0; page < 10; page++)
            {
                using var response = await handler.SendAsync(new RequestMessage(HttpMethod.Post, new Uri("dbs/d/colls/c/docs", UriKind.Relative)), ct);
            }

            return 0;
        }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.RequestTimeout, error.Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"cut after {clock.Elapsed}, before the deadline");
    }

    [Fact]
    public async Task Each_operation_gets_a_deadline_of_its_own()
    {
        var handler = new RequestDeadlineHandler(Options.Create(Settings)) { InnerHandler = new SlowStore(TimeSpan.FromMilliseconds(700)) };

        for (var operation = 0; operation < 2; operation++)
        {
            await StoreCall.RunAsync("read", async ct =>
            {
                using var response = await handler.SendAsync(new RequestMessage(HttpMethod.Get, new Uri("dbs/d/colls/c/docs/x", UriKind.Relative)), ct);
                return 0;
            }, CancellationToken.None);
        }
    }

    [Fact]
    public void Outside_an_operation_a_request_gets_the_whole_deadline() =>
        Assert.Equal(TimeSpan.FromSeconds(1), StoreOperationClock.Remaining(TimeSpan.FromSeconds(1)));

    private sealed class SlowStore(TimeSpan delay) : RequestHandler
    {
        public override async Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(delay, cancellationToken);
            return new ResponseMessage(HttpStatusCode.OK, request);
        }
    }
}
