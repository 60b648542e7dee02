using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Wall-clock time, CPU time and allocation per request, app against bare, for each case, in one process. On a
/// shared two-core machine wall-clock figures stretch whenever another process takes the CPU, and separate
/// processes (as BenchmarkDotNet runs them) catch different moments; here rounds of app and bare alternate, so
/// interference falls on both alike, and the median round is reported. CPU time per request barely stretches.
/// </summary>
public static class TimeAndAllocationReport
{
    public const int DefaultRounds = 7;
    private const int RequestsPerRound = 500;

    /// <summary>
    /// Prints the table, then the spread of the wall ratio of each round of the app over the bare round that follows
    /// it: a ratio a single median does not show with a margin. More <paramref name="rounds"/> narrow the spread's
    /// estimate; the median round stays the headline figure.
    /// </summary>
    public static async Task RunAsync(TextWriter output, int rounds = DefaultRounds)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Time and allocation per request (canned store; median of {rounds} alternating rounds of {RequestsPerRound} requests, after each path's warm-up until the JIT settles):"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | app wall µs | bare wall µs | wall ratio | app CPU µs | bare CPU µs | app − bare CPU µs | CPU ratio | app allocated KB | bare allocated KB | app − bare KB |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var spreads = new List<string>();
        foreach (var pageSize in new[] { 10, 100 })
        {
            foreach (var moreThanOnePage in new[] { false, true })
            {
                using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage);
                Func<Task> app = () => rig.AppRequestAsync(Stream.Null);
                Func<Task> bare = rig.BareRequestAsync;
                await JitSettling.RunAsync(app);
                await JitSettling.RunAsync(bare);
                var appRounds = new List<Round>();
                var bareRounds = new List<Round>();
                for (var round = 0; round < rounds; round++)
                {
                    appRounds.Add(await RoundAsync(app));
                    bareRounds.Add(await RoundAsync(bare));
                }

                var appWall = WallRounds.Median(appRounds.Select(r => r.Wall));
                var bareWall = WallRounds.Median(bareRounds.Select(r => r.Wall));
                var appCpu = WallRounds.Median(appRounds.Select(r => r.Cpu));
                var bareCpu = WallRounds.Median(bareRounds.Select(r => r.Cpu));
                var appKb = WallRounds.Median(appRounds.Select(r => r.Bytes)) / 1024;
                var bareKb = WallRounds.Median(bareRounds.Select(r => r.Bytes)) / 1024;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {pageSize} | {rig.Store.MatchingChats} | {appWall:F0} | {bareWall:F0} | {appWall / bareWall:F2} | {appCpu:F0} | {bareCpu:F0} | {appCpu - bareCpu:F0} | {appCpu / bareCpu:F2} | {appKb:F1} | {bareKb:F1} | {appKb - bareKb:F1} |"));
                spreads.Add(Spread(pageSize, rig.Store.MatchingChats, [.. appRounds.Zip(bareRounds, (a, b) => a.Wall / b.Wall)]));
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Wall ratio of each app round to the bare round after it:");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | rounds | lowest | lower quartile | median | upper quartile | highest | rounds over 1.25 |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in spreads)
        {
            await output.WriteLineAsync(row);
        }

        await output.WriteLineAsync();
    }

    private static string Spread(int pageSize, long chats, double[] ratios)
    {
        Array.Sort(ratios);
        double At(double quantile) => ratios[(int)Math.Round(quantile * (ratios.Length - 1))];
        return string.Create(CultureInfo.InvariantCulture,
            $"| {pageSize} | {chats} | {ratios.Length} | {ratios[0]:F2} | {At(0.25):F2} | {At(0.5):F2} | {At(0.75):F2} | {ratios[^1]:F2} | {ratios.Count(r => r > 1.25)} |");
    }

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
        var spent = self.TotalProcessorTime - cpu;
        return new Round(
            wall.Elapsed.TotalMicroseconds / RequestsPerRound,
            spent.TotalMicroseconds / RequestsPerRound,
            (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / RequestsPerRound);
    }

    private readonly record struct Round(double Wall, double Cpu, double Bytes);
}
