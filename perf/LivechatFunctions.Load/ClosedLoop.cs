using System.Diagnostics;

namespace LivechatFunctions.Load;

/// <summary>What one target did at one concurrency during the measured window.</summary>
public sealed record LoadResult(
    string Target,
    int Concurrency,
    long Requests,
    long Errors,
    TimeSpan Window,
    double[] SortedLatenciesMs,
    TimeSpan HostCpu,
    TimeSpan StoreCpu,
    TimeSpan LoadCpu)
{
    public double RequestsPerSecond => Requests / Window.TotalSeconds;

    public double Percentile(double p)
    {
        if (SortedLatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        // Nearest rank: the smallest latency at or above which p percent of the requests finished.
        var rank = (int)Math.Ceiling(p / 100 * SortedLatenciesMs.Length);
        return SortedLatenciesMs[Math.Clamp(rank - 1, 0, SortedLatenciesMs.Length - 1)];
    }

    /// <summary>CPU milliseconds per completed request, or NaN without requests.</summary>
    public double PerRequestMs(TimeSpan cpu) => Requests == 0 ? double.NaN : cpu.TotalMilliseconds / Requests;
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send a request, wait for its answer and send the next. The
/// load runs without a pause from warm-up into the measured window; the answers that arrive inside the window
/// count (throughput, latency, errors), and CPU time is sampled at its edges.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(
        string target,
        int concurrency,
        TimeSpan warmUp,
        TimeSpan duration,
        Func<CancellationToken, Task<bool>> request,
        ProcessStats? host,
        ProcessStats? store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var self = ProcessStats.Current();
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[concurrency];
        var errors = new long[concurrency];

        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < windowEnd && !cancellationToken.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await request(cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or Microsoft.Azure.Cosmos.CosmosException)
                {
                    ok = false;
                }

                var answered = Stopwatch.GetTimestamp();
                // Counted by when the answer came: with latencies of seconds (at 256 connections), counting only
                // requests sent inside the window would leave out its last seconds and understate the throughput.
                if (answered >= windowStart && answered <= windowEnd)
                {
                    if (ok)
                    {
                        mine.Add(answered - sent);
                    }
                    else
                    {
                        errors[worker]++;
                    }
                }
            }
        }, cancellationToken)).ToArray();

        await Task.Delay(Until(windowStart), cancellationToken);
        var (hostBefore, storeBefore, selfBefore) = (host?.CpuTime() ?? default, store?.CpuTime() ?? default, self.CpuTime());
        await Task.Delay(Until(windowEnd), cancellationToken);
        var (hostAfter, storeAfter, selfAfter) = (host?.CpuTime() ?? default, store?.CpuTime() ?? default, self.CpuTime());
        await Task.WhenAll(workers);

        var sorted = latencies.SelectMany(list => list).Select(ticks => ticks * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return new LoadResult(target, concurrency, sorted.Length, errors.Sum(), duration, sorted,
            hostAfter - hostBefore, storeAfter - storeBefore, selfAfter - selfBefore);
    }

    private static TimeSpan Until(long timestamp)
    {
        var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
