using System.Diagnostics;

namespace LivechatFunctions.Load;

/// <summary>What one target did at one concurrency in the measured window: its errors and the latencies of its answers.</summary>
public sealed record LoadResult(long Errors, TimeSpan Window, double[] SortedLatenciesMs)
{
    public double RequestsPerSecond => SortedLatenciesMs.Length / Window.TotalSeconds;

    /// <summary>Nearest rank: the smallest latency at or under which <paramref name="p"/> percent of the requests finished.</summary>
    public double Percentile(double p) => SortedLatenciesMs.Length == 0
        ? double.NaN
        : SortedLatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * SortedLatenciesMs.Length) - 1, 0, SortedLatenciesMs.Length - 1)];
}

/// <summary>
/// A closed loop: <c>concurrency</c> workers each send a request, wait for its answer and send the next. The load runs
/// without a pause from warm-up into the measured window, and the answers that arrive inside the window count.
/// </summary>
public static class ClosedLoop
{
    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<CancellationToken, Task> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var windowStart = Stopwatch.GetTimestamp() + (long)(warmUp.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var errors = 0L;
        var latencies = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var mine = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < windowEnd && !cancellationToken.IsCancellationRequested)
            {
                var sent = Stopwatch.GetTimestamp();
                var ok = true;
                try
                {
                    await request(cancellationToken);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or Microsoft.Azure.Cosmos.CosmosException)
                {
                    ok = false;
                }

                // Counted by when the answer came: with latencies of seconds (at 256 connections), counting only requests
                // sent inside the window would leave out its last seconds and understate the throughput.
                var answered = Stopwatch.GetTimestamp();
                if (answered >= windowStart && answered <= windowEnd)
                {
                    if (ok)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }

            return mine;
        }, cancellationToken)));
        cancellationToken.ThrowIfCancellationRequested();
        return new LoadResult(errors, duration, [.. latencies.SelectMany(list => list).Order()]);
    }
}
