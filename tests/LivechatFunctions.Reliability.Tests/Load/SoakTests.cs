using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using LivechatFunctions.LocalHost.Demo;
using LivechatFunctions.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace LivechatFunctions.Reliability.Tests.Load;

/// <summary>
/// A bounded soak over real HTTP against the local host: steady concurrency for LIVECHAT_SOAK_SECONDS (60 by
/// default), a mix of every kind of answer. Every answer must equal the one a single request got before the load,
/// and after warm-up neither memory nor handles may grow beyond generous bounds. The numbers are printed.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SoakTests(ReliabilityFixture fixture, ITestOutputHelper output)
{
    public const string DurationVariable = "LIVECHAT_SOAK_SECONDS";
    private const int Concurrency = 16;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(10);

    // Bounds on growth from the end of warm-up to the end of the run (a 60 s run answers a few thousand requests
    // after warm-up): a few KB kept per request, or one connection, thread or file left open per hundred requests,
    // would cross them. Working set moves with the allocator and JIT, so its bound is the loosest.
    private const long ManagedGrowthBytes = 12L << 20;
    private const long WorkingSetGrowthBytes = 128L << 20;
    private const int HandleGrowth = 40;
    private const int ThreadGrowth = 40;

    [Fact]
    public async Task Steady_load_answers_like_single_requests_without_growing_memory_or_handles()
    {
        var duration = TimeSpan.FromSeconds(Seconds());
        var warmUp = TimeSpan.FromSeconds(Math.Min(15, duration.TotalSeconds / 4));
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var requests = Requests();
        var expected = new List<(int Status, string Body)>();
        foreach (var request in requests)
        {
            expected.Add(await SendAsync(client, request));
        }

        long answered = 0;
        var wrong = new ConcurrentQueue<string>();
        var cursor = -1;
        var clock = Stopwatch.StartNew();
        var samples = new List<(TimeSpan At, long Answered, ProcessFootprint Footprint)>();
        ProcessFootprint baseline, final;
        await using (var load = new LoadRunner(Concurrency, async _ =>
        {
            var index = (int)((uint)Interlocked.Increment(ref cursor) % (uint)requests.Count);
            try
            {
                var got = await SendAsync(client, requests[index]);
                if (got != expected[index])
                {
                    wrong.Enqueue($"{requests[index].Label}: {got.Status} {Shorten(got.Body)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                wrong.Enqueue($"{requests[index].Label}: {ex.GetType().Name} {ex.Message}");
            }

            Interlocked.Increment(ref answered);
        }))
        {
            await Task.Delay(warmUp);
            baseline = ProcessFootprint.Measure();
            samples.Add((clock.Elapsed, Interlocked.Read(ref answered), baseline));
            while (clock.Elapsed < duration)
            {
                await Task.Delay(Min(SampleEvery, duration - clock.Elapsed));
                samples.Add((clock.Elapsed, Interlocked.Read(ref answered), ProcessFootprint.Measure()));
            }

            await load.StopAsync();
        }

        final = ProcessFootprint.Measure();
        Report(duration, warmUp, answered, wrong.Count, samples, final);

        Assert.True(wrong.IsEmpty, $"{wrong.Count} answers differed from a single request's, e.g. {string.Join(" / ", wrong.Take(3))}");
        Assert.True(answered >= requests.Count * Concurrency, $"only {answered} answers");
        Assert.True(final.ManagedBytes - baseline.ManagedBytes < ManagedGrowthBytes, $"managed heap grew from {baseline} to {final}");
        Assert.True(final.WorkingSetBytes - baseline.WorkingSetBytes < WorkingSetGrowthBytes, $"working set grew from {baseline} to {final}");
        Assert.True(final.Handles - baseline.Handles < HandleGrowth, $"handles grew from {baseline} to {final}");
        Assert.True(final.Threads - baseline.Threads < ThreadGrowth, $"threads grew from {baseline} to {final}");
    }

    private void Report(TimeSpan duration, TimeSpan warmUp, long answered, int wrong, List<(TimeSpan At, long Answered, ProcessFootprint Footprint)> samples, ProcessFootprint final)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"soak: {duration.TotalSeconds:F0} s at concurrency {Concurrency} (warm-up {warmUp.TotalSeconds:F0} s; {DurationVariable} sets the length)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"answers: {answered} ({answered / duration.TotalSeconds:F0}/s), differing from a single request's: {wrong}"));
        foreach (var (at, count, footprint) in samples)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  t={at.TotalSeconds,5:F0} s answers={count,7} | {footprint}"));
        }

        output.WriteLine($"  after the load    | {final}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"growth since warm-up: managed {(final.ManagedBytes - samples[0].Footprint.ManagedBytes) / 1048576.0:F1} MB (bound {ManagedGrowthBytes >> 20}), working set {(final.WorkingSetBytes - samples[0].Footprint.WorkingSetBytes) / 1048576.0:F1} MB (bound {WorkingSetGrowthBytes >> 20}), handles {final.Handles - samples[0].Footprint.Handles} (bound {HandleGrowth}), threads {final.Threads - samples[0].Footprint.Threads} (bound {ThreadGrowth})"));
    }

    private List<SoakRequest> Requests()
    {
        var ana = ReliabilityData.AnaRoom;
        var demo = DemoDataSet.Generate();
        var demoAgent = demo.SuggestedUser;
        var manager = ReliabilityData.Manager;
        return
        [
            new("agent, default page", Url(ana.Id, ana.VisitorId, ""), ReliabilityData.Agent.UserId, ReliabilityData.Agent.Token),
            new("manager, sorted second page", Url(ana.Id, ana.VisitorId, "?count=3&offset=2&sort=%7B%22fname%22%3A1%7D"), manager.UserId, manager.Token),
            new("manager, whole demo history", Url("demo-visitor-1-chat-01", "demo-visitor-1", "?count=0&closedChatsOnly=false&servedChatsOnly=false"), manager.UserId, manager.Token),
            new("manager, text and source", Url(ana.Id, ana.VisitorId, "?searchText=Hello&source=app&closedChatsOnly=false"), manager.UserId, manager.Token),
            new("demo agent, suggested room", Url(demo.SuggestedRoom.RoomId, demo.SuggestedRoom.VisitorId, "?count=5"), demoAgent.UserId, demoAgent.Token),
            new("wrong token", Url(ana.Id, ana.VisitorId, ""), manager.UserId, "not-the-token"),
            new("no livechat role", Url(ana.Id, ana.VisitorId, ""), ReliabilityData.Roleless.UserId, ReliabilityData.Roleless.Token),
            new("unknown parameter", Url(ana.Id, ana.VisitorId, "?bogus=1"), manager.UserId, manager.Token),
            new("room of another visitor", Url(ReliabilityData.BenRoom.Id, ana.VisitorId, ""), manager.UserId, manager.Token),
            new("agent of another department", Url(ana.Id, ana.VisitorId, ""), ReliabilityData.OtherAgent.UserId, ReliabilityData.OtherAgent.Token),
        ];
    }

    private Uri Url(string roomId, string visitorId, string query) => new(fixture.Host.FunctionUrl(roomId, visitorId) + query);

    private static async Task<(int Status, string Body)> SendAsync(HttpClient client, SoakRequest soak)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, soak.Url);
        request.Headers.Add("X-User-Id", soak.UserId);
        request.Headers.Add("X-Auth-Token", soak.Token);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static int Seconds() =>
        int.TryParse(Environment.GetEnvironmentVariable(DurationVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds >= 10
            ? seconds
            : 60;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private sealed record SoakRequest(string Label, Uri Url, string UserId, string Token);
}
