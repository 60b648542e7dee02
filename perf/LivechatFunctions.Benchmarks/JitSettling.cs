using System.Diagnostics;
using System.Runtime;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Runs a request in a loop until the JIT has stopped compiling: the steady state a long-running instance serves
/// from. Tiered compilation starts every method unoptimised, instruments the hot ones, and recompiles them
/// optimised in the background; on two shared cores that takes about ten seconds of traffic, during which a
/// request costs up to ten times its steady cost. BenchmarkDotNet sizes its iterations from a pilot run taken
/// before its warm-up, so without this it picks iterations far too short and measures the middle of tiering.
/// </summary>
public static class JitSettling
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AtLeast = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Calls <paramref name="request"/> until no method has been compiled for two seconds (at least three seconds,
    /// at most forty). Returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(Func<Task> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var compiled = JitInfo.GetCompiledMethodCount();
        var lastChange = TimeSpan.Zero;
        while (watch.Elapsed < AtMost)
        {
            await request();
            var now = JitInfo.GetCompiledMethodCount();
            if (now != compiled)
            {
                compiled = now;
                lastChange = watch.Elapsed;
            }
            else if (watch.Elapsed >= AtLeast && watch.Elapsed - lastChange >= Quiet)
            {
                break;
            }
        }

        return watch.Elapsed;
    }
}
