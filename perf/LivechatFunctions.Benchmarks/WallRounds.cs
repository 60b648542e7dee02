using System.Diagnostics;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// The timing the in-process reports share: one round of calls timed on the wall clock, and the median of rounds
/// (the middle round, so a round another process took the CPU from does not move it).
/// </summary>
internal static class WallRounds
{
    /// <summary>Runs <paramref name="call"/> <paramref name="calls"/> times in a row; returns wall µs per call.</summary>
    public static async Task<double> MicrosecondsPerCallAsync(Func<Task> call, int calls)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            await call();
        }

        return watch.Elapsed.TotalMicroseconds / calls;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
