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

    /// <summary>
    /// Warms each of <paramref name="paths"/> until the JIT settles, then times them in turn, round after round, so
    /// whatever else the machine does falls on all of them alike. Returns each path's median round, in µs per call.
    /// </summary>
    public static async Task<double[]> AlternatingMediansAsync(IReadOnlyList<Func<Task>> paths, int rounds, int callsPerRound)
    {
        foreach (var path in paths)
        {
            await JitSettling.RunAsync(path);
        }

        var times = paths.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < paths.Count; i++)
            {
                times[i].Add(await MicrosecondsPerCallAsync(paths[i], callsPerRound));
            }
        }

        return [.. times.Select(Median)];
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
