using System.Diagnostics;
using System.Runtime;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Runs a request in a loop until the JIT has stopped compiling: the steady state a long-running instance serves
/// from. Tiered compilation starts every method unoptimised, instruments the hot ones, and recompiles them
/// optimised in the background; on two shared cores that takes about ten seconds of traffic, during which a
/// request costs up to five times its steady cost (<c>--ramp</c>). BenchmarkDotNet sizes its iterations from a
/// pilot run taken before its warm-up, so without this it picks iterations far too short and measures the middle
/// of tiering.
/// </summary>
public static class JitSettling
{
    // A method or two keeps arriving now and then long after the path is hot (a timer, a rare branch): a quiet
    // window allows a few.
    private const int QuietCompilations = 5;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan AtLeast = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan AtMost = TimeSpan.FromSeconds(40);

    /// <summary>
    /// Calls <paramref name="request"/> until a two-second window passes with fewer than five methods compiled (at
    /// least three seconds in all, at most forty). Returns how long that took.
    /// </summary>
    public static async Task<TimeSpan> RunAsync(Func<Task> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var watch = Stopwatch.StartNew();
        var windowStart = TimeSpan.Zero;
        var compiledAtWindowStart = JitInfo.GetCompiledMethodCount();
        while (watch.Elapsed < AtMost)
        {
            await request();
            if (watch.Elapsed - windowStart < Window)
            {
                continue;
            }

            var compiled = JitInfo.GetCompiledMethodCount();
            if (compiled - compiledAtWindowStart < QuietCompilations && watch.Elapsed >= AtLeast)
            {
                break;
            }

            windowStart = watch.Elapsed;
            compiledAtWindowStart = compiled;
        }

        return watch.Elapsed;
    }
}
