using System.Collections.Concurrent;
using System.Diagnostics;
using LivechatFunctions.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace LivechatFunctions.Reliability.Tests.Faults;

/// <summary>
/// The local Cosmos DB server is killed in the middle of steady load over real HTTP and started again on the same
/// port: the host must not crash or hang a request, must answer 503 while the store is gone and 200 once it is back.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class StoreOutageUnderLoadTests(ITestOutputHelper output)
{
    private const int Workers = 16;
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Killing_the_store_mid_load_answers_503_while_it_is_gone_and_200_once_it_is_back()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var store = await LocalStore.StartAsync(limit.Token);
        await using var host = await ReliabilityFixture.StartHostAsync(store, limit.Token);
        using var client = new HttpClient { Timeout = FaultBounds.Answer + TimeSpan.FromSeconds(10) };
        var room = ReliabilityData.AnaRoom;
        var url = host.FunctionUrl(room.Id, room.VisitorId) + "?count=5";
        var expected = await GetAsync(client, url);
        Assert.Equal(200, expected.Status);
        var began = Stopwatch.GetTimestamp();

        var recorded = new ConcurrentQueue<LoadResult>();
        IReadOnlyList<LoadResult> results;
        double killedAt, restartedAt, resumedAt;
        await using (var load = new LoadRunner(Workers, async _ =>
        {
            var start = Stopwatch.GetElapsedTime(began).TotalSeconds;
            try
            {
                var answer = await GetAsync(client, url);
                recorded.Enqueue(new LoadResult(start, Stopwatch.GetElapsedTime(began).TotalSeconds, answer.Status, answer.Body, answer.Header("Retry-After"), null));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                recorded.Enqueue(new LoadResult(start, Stopwatch.GetElapsedTime(began).TotalSeconds, 0, string.Empty, null, $"{ex.GetType().Name}: {ex.Message}"));
            }
        }))
        {
            await Task.Delay(Phase, limit.Token);
            killedAt = Stopwatch.GetElapsedTime(began).TotalSeconds;
            await store.KillAsync();
            await Task.Delay(Phase, limit.Token);
            // The store comes back empty (it keeps data in memory only): hold new requests while it is loaded again,
            // so that what is measured is the outage and the recovery, not a half-loaded store.
            await load.PauseAsync();
            restartedAt = Stopwatch.GetElapsedTime(began).TotalSeconds;
            await store.RestartAsync(limit.Token);
            load.Resume();
            resumedAt = Stopwatch.GetElapsedTime(began).TotalSeconds;
            await Task.Delay(Phase, limit.Token);
            await load.StopAsync();
            results = [.. recorded];
        }

        Report(results, killedAt, restartedAt, resumedAt);
        Assert.All(results, r => Assert.True(r.Error is null, $"request failed at {r.Start:F1} s: {r.Error}"));
        Assert.All(results, r => Assert.True(r.Status is 200 or 503, $"{r.Status} at {r.Start:F1} s: {r.Body}"));
        Assert.All(results, r => Assert.True(r.End - r.Start < FaultBounds.Answer.TotalSeconds, $"took {r.End - r.Start:F1} s at {r.Start:F1} s"));
        Assert.All(results.Where(r => r.Status == 200), r => Assert.Equal(expected.Body, r.Body));
        Assert.All(results.Where(r => r.Status == 503), r => Assert.Equal(Contract.ServiceUnavailable, r.Body));
        Assert.All(results.Where(r => r.Status == 503), r => Assert.True(int.TryParse(r.RetryAfter, out var s) && s >= 1, $"Retry-After: '{r.RetryAfter}'"));
        Assert.All(results.Where(r => r.End < killedAt), r => Assert.Equal(200, r.Status));
        var during = results.Where(r => r.Start > killedAt + 0.5 && r.End < restartedAt).ToList();
        Assert.NotEmpty(during);
        Assert.All(during, r => Assert.Equal(503, r.Status));
        var after = results.Where(r => r.Start >= resumedAt).ToList();
        Assert.True(after.Count > Workers, $"only {after.Count} requests after the restart");
        Assert.All(after, r => Assert.Equal(200, r.Status));
        Assert.Equal(200, (await GetAsync(client, url)).Status);
    }

    private void Report(IReadOnlyList<LoadResult> results, double killedAt, double restartedAt, double resumedAt)
    {
        output.WriteLine($"killed at {killedAt:F1} s, restart began at {restartedAt:F1} s, load resumed at {resumedAt:F1} s");
        foreach (var second in results.GroupBy(r => ((int)r.Start, r.Status)).OrderBy(g => g.Key))
        {
            output.WriteLine($"  second {second.Key.Item1,3}: {second.Count(),4} x {second.Key.Status} (slowest {second.Max(r => r.End - r.Start):F2} s)");
        }
    }

    private static async Task<Answer> GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-User-Id", ReliabilityData.Agent.UserId);
        request.Headers.Add("X-Auth-Token", ReliabilityData.Agent.Token);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var headers = response.Headers.RetryAfter?.Delta is { } delta
            ? new Dictionary<string, string> { ["Retry-After"] = ((int)delta.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }
            : [];
        return new Answer((int)response.StatusCode, headers, body, clock.Elapsed);
    }

    private sealed record LoadResult(double Start, double End, int Status, string Body, string? RetryAfter, string? Error);
}
