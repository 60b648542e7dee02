using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// One path, app or bare, in a closed loop for a profiler to attach to (<c>--loop</c>, <c>perf/profile.sh</c>): the JIT
/// settles first, then the process says it is ready and keeps requesting for the time asked. A sampling profiler
/// attached to each of two such processes shows where the app's extra time sits by module and method, which timing
/// whole parts (<c>--parts</c>) cannot: the parts' sum leaves some of it unexplained.
/// </summary>
public static class ClosedLoop
{
    /// <summary>The line the process prints once its path is warm; a script waits for it before attaching.</summary>
    public const string ReadyLine = "ready";

    public static async Task RunAsync(TextWriter output, bool app, int pageSize, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage: false);
        Func<Task> request = app ? () => rig.AppRequestAsync(Stream.Null) : rig.BareRequestAsync;
        await JitSettling.RunAsync(request);
        await output.WriteLineAsync(ReadyLine);
        await output.FlushAsync();

        var requests = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await request();
            requests++;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{(app ? "app" : "bare")}, page of {pageSize}: {requests} requests in {watch.Elapsed.TotalSeconds:F1} s, {watch.Elapsed.TotalMicroseconds / requests:F1} µs each"));
    }
}
