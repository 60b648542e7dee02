using System.Net;
using LivechatFunctions.Reliability.Tests.Harness;
using Microsoft.Extensions.Logging;

namespace LivechatFunctions.Reliability.Tests.Faults;

/// <summary>
/// Store faults injected under the Cosmos SDK (spec §2.6): its retries and timeouts run for real, and the caller
/// must get the contract's 503 with Retry-After, within <see cref="FaultBounds.Answer"/>, never a 500 for an
/// outage; the log must name the invocation; and the first request after the fault ends must be answered in full.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StoreFaultTests(ReliabilityFixture fixture) : IAsyncLifetime
{
    private static readonly ChatFixture Room = ReliabilityData.AnaRoom;
    private InProcessApp _app = null!;
    private Answer _healthy = null!;

    public static TheoryData<string> Outages => ["throttled past the retries", "503", "408", "410", "500", "connection refused"];

    public async Task InitializeAsync()
    {
        _app = InProcessApp.Create(fixture.Store, FaultBounds.Settings);
        _healthy = await RequestAsync();
        Assert.Equal(200, _healthy.Status);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task A_store_outage_answers_503_with_retry_after_in_bounded_time_and_recovers(string outage)
    {
        _app.Faults.Inject(outage switch
        {
            "throttled past the retries" => StoreFault.Throttle(retryAfterMs: 100),
            "connection refused" => StoreFault.Refuse,
            _ => StoreFault.Respond((HttpStatusCode)int.Parse(outage, System.Globalization.CultureInfo.InvariantCulture)),
        });

        var answer = await RequestAsync();

        await AssertAnOutageAnswerAsync(answer);
    }

    [Fact]
    public async Task Throttling_is_retried_by_the_sdk_as_configured_before_the_caller_sees_503()
    {
        _app.Faults.Inject(StoreFault.Throttle(retryAfterMs: 100));

        var answer = await RequestAsync();

        Contract.IsServiceUnavailable(answer);
        // The first request (the token read) is throttled, then retried Cosmos:MaxRateLimitRetries times.
        Assert.Equal(1 + _app.Options.MaxRateLimitRetries, _app.Faults.Faulted);
        await AssertRecoversAsync();
    }

    [Fact]
    public async Task Throttling_that_the_sdk_retries_away_is_invisible_to_the_caller()
    {
        _app.Faults.Inject(StoreFault.Throttle(retryAfterMs: 100, times: _app.Options.MaxRateLimitRetries));

        var answer = await RequestAsync();

        Assert.Equal(_healthy.Body, answer.Body);
        Assert.Equal(_app.Options.MaxRateLimitRetries, _app.Faults.Faulted);
    }

    [Fact]
    public async Task The_stores_own_back_off_hint_becomes_the_callers_retry_after()
    {
        // A hint longer than the retry budget (Cosmos:MaxRateLimitRetryWait, 2 s) is not waited out in the app.
        _app.Faults.Inject(StoreFault.Throttle(retryAfterMs: 3000));

        var answer = await RequestAsync();

        Contract.IsServiceUnavailable(answer);
        Assert.Equal("3", answer.Header("Retry-After"));
        Assert.Equal(1, _app.Faults.Faulted);
        Assert.True(answer.Elapsed < FaultBounds.Answer, $"took {answer.Elapsed}");
    }

    [Fact]
    public async Task A_store_that_never_answers_is_given_up_on_by_the_configured_request_timeout()
    {
        _app.Faults.Inject(StoreFault.Hang);

        var pending = RequestAsync();
        var finished = await Task.WhenAny(pending, Task.Delay(FaultBounds.Answer + TimeSpan.FromSeconds(5)));
        if (finished != pending)
        {
            _app.Faults.Clear();
            await pending.WaitAsync(InProcessApp.CallLimit);
            Assert.Fail(
                $"No answer {FaultBounds.Answer + TimeSpan.FromSeconds(5)} after a hung store request with Cosmos:RequestTimeout = " +
                $"{FaultBounds.RequestTimeout}; {_app.Faults.Faulted} request(s) hanging. In Gateway mode the SDK waits 65 s per " +
                "attempt, three attempts, whatever RequestTimeout says: the app must bound each store call itself.");
        }

        var answer = await pending;
        await AssertAnOutageAnswerAsync(answer);
    }

    [Fact]
    public async Task A_store_answer_that_is_not_json_answers_500_without_detail_and_recovers()
    {
        _app.Faults.Inject(StoreFault.Truncate);

        var answer = await RequestAsync();

        Assert.Equal(500, answer.Status);
        Assert.Equal(Contract.InternalError, answer.Body);
        Assert.Equal("no-store", answer.Header("Cache-Control"));
        AssertBounded(answer);
        AssertLogged(answer, LogLevel.Error, "answered 500");
        await AssertRecoversAsync();
    }

    private Task<Answer> RequestAsync() => _app.GetAsync(ReliabilityData.Agent, Room.Id, Room.VisitorId, "count=5");

    /// <summary>An outage's answer: 503 in time, logged as a warning, and the next request served once the store is back.</summary>
    private async Task AssertAnOutageAnswerAsync(Answer answer)
    {
        Contract.IsServiceUnavailable(answer);
        AssertBounded(answer);
        AssertLogged(answer, LogLevel.Warning, "store unavailable, answered 503");
        await AssertRecoversAsync();
    }

    private static void AssertBounded(Answer answer) =>
        Assert.True(answer.Elapsed < FaultBounds.Answer, $"took {answer.Elapsed}, more than {FaultBounds.Answer}");

    private void AssertLogged(Answer answer, LogLevel level, string what) =>
        Assert.Contains(_app.Log.Entries, entry =>
            entry.Level == level && entry.Text.Contains($"Invocation {answer.InvocationId}: ", StringComparison.Ordinal)
            && entry.Text.Contains(what, StringComparison.Ordinal));

    private async Task AssertRecoversAsync()
    {
        _app.Faults.Clear();
        var after = await RequestAsync();
        Assert.Equal(200, after.Status);
        Assert.Equal(_healthy.Body, after.Body);
    }
}
