using System.Diagnostics;
using System.Globalization;
using System.Runtime;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// How a fresh process's requests get faster as the JIT tiers the app's path up: the mean of each second of a
/// closed loop (a page of 10, short history), with the methods compiled during that second. Run it in a process of
/// its own (<c>--ramp</c>); anything run before it would have warmed the code already.
/// </summary>
public static class RampReport
{
    public static async Task RunAsync(TextWriter output, int seconds)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var rig = await BenchmarkRig.CreateAsync(pageSize: 10, moreThanOnePage: false);
        await output.WriteLineAsync("| second | requests | mean µs | methods compiled |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: |");
        for (var second = 1; second <= seconds; second++)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            var watch = Stopwatch.StartNew();
            var requests = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(1))
            {
                await rig.AppRequestAsync(Stream.Null);
                requests++;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {second} | {requests} | {watch.Elapsed.TotalMicroseconds / requests:F0} | {JitInfo.GetCompiledMethodCount() - compiled} |"));
        }
    }
}
