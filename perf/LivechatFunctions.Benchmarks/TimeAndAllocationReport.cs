using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Wall-clock time, CPU time and allocation per request, app against bare, for each case, in one process (the short
/// mode). On a shared two-core machine wall-clock figures stretch whenever another process takes the CPU, and separate
/// processes (as BenchmarkDotNet runs them) catch different moments and get different code from the JIT; here rounds
/// of app and bare alternate, so interference falls on both alike, and the median round is reported, with the spread
/// of the ratio of each app round to the bare round after it.
/// </summary>
public static class TimeAndAllocationReport
{
    public const int DefaultRounds = 7;
    private const int RequestsPerRound = 500;

    public static async Task RunAsync(TextWriter output, int rounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Time and allocation per request (canned store; median of {rounds} alternating rounds of {RequestsPerRound}, after {BenchmarkRig.WarmUp.TotalSeconds:F0} s of each path):"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | app wall µs | bare wall µs | wall ratio | round ratios: lowest, quartiles, highest | rounds over 1.25 | app CPU µs | bare CPU µs | CPU ratio | app KB | bare KB | allocation ratio |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (pageSize, moreThanOnePage) in SearchChatsBenchmarks.Cases)
        {
            using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage);
            Func<Task> app = () => rig.AppRequestAsync(Stream.Null);
            await BenchmarkRig.WarmUpAsync(app);
            await BenchmarkRig.WarmUpAsync(rig.BareRequestAsync);
            var (appRounds, bareRounds) = (new List<Round>(), new List<Round>());
            for (var round = 0; round < rounds; round++)
            {
                appRounds.Add(await RoundAsync(app));
                bareRounds.Add(await RoundAsync(rig.BareRequestAsync));
            }

            var (appWall, bareWall) = (Median(appRounds, r => r.Wall), Median(bareRounds, r => r.Wall));
            var (appCpu, bareCpu) = (Median(appRounds, r => r.Cpu), Median(bareRounds, r => r.Cpu));
            var (appKb, bareKb) = (Median(appRounds, r => r.Bytes) / 1024, Median(bareRounds, r => r.Bytes) / 1024);
            var ratios = appRounds.Zip(bareRounds, (a, b) => a.Wall / b.Wall).Order().ToArray();
            double At(double quantile) => ratios[(int)Math.Round(quantile * (ratios.Length - 1))];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {pageSize} | {rig.Store.MatchingChats} | {appWall:F0} | {bareWall:F0} | {appWall / bareWall:F2} | {At(0):F2}, {At(0.25):F2}, {At(0.5):F2}, {At(0.75):F2}, {At(1):F2} | {ratios.Count(r => r > 1.25)} | {appCpu:F0} | {bareCpu:F0} | {appCpu / bareCpu:F2} | {appKb:F1} | {bareKb:F1} | {appKb / bareKb:F2} |"));
        }

        await output.WriteLineAsync();
    }

    private static double Median(List<Round> rounds, Func<Round, double> value) => rounds.Select(value).Order().ElementAt(rounds.Count / 2);

    /// <summary>Wall-clock and CPU microseconds and bytes allocated per request over one round, for the whole process.</summary>
    private static async Task<Round> RoundAsync(Func<Task> request)
    {
        using var self = Process.GetCurrentProcess();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = self.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < RequestsPerRound; i++)
        {
            await request();
        }

        wall.Stop();
        self.Refresh();
        return new Round(
            wall.Elapsed.TotalMicroseconds / RequestsPerRound,
            (self.TotalProcessorTime - cpu).TotalMicroseconds / RequestsPerRound,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / RequestsPerRound);
    }

    private readonly record struct Round(double Wall, double Cpu, double Bytes);
}
