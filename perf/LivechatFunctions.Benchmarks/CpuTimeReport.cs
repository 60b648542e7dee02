using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// CPU time and allocation per request, app against bare, for each case. On a shared two-core machine the
/// wall-clock figures of BenchmarkDotNet stretch whenever another process takes the CPU; the process's own
/// CPU time per request barely does, so this table is the steadier one to compare before and after a change.
/// Rounds of app and bare alternate, so interference falls on both alike; the median round is reported.
/// </summary>
public static class CpuTimeReport
{
    private const int Rounds = 7;
    private const int RequestsPerRound = 500;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"CPU time and allocation per request (canned store; median of {Rounds} alternating rounds of {RequestsPerRound} requests, after {WarmUp.TotalSeconds:F0} s of warm-up each):"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | app CPU µs | bare CPU µs | app − bare µs | ratio | app allocated KB | bare allocated KB | app − bare KB |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var pageSize in new[] { 10, 100 })
        {
            foreach (var moreThanOnePage in new[] { false, true })
            {
                using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage);
                Func<Task> app = () => rig.AppRequestAsync(Stream.Null);
                Func<Task> bare = rig.BareRequestAsync;
                await WarmUpAsync(app);
                await WarmUpAsync(bare);
                var appRounds = new List<(double Cpu, double Bytes)>();
                var bareRounds = new List<(double Cpu, double Bytes)>();
                for (var round = 0; round < Rounds; round++)
                {
                    appRounds.Add(await RoundAsync(app));
                    bareRounds.Add(await RoundAsync(bare));
                }

                var appCpu = Median(appRounds.Select(r => r.Cpu));
                var bareCpu = Median(bareRounds.Select(r => r.Cpu));
                var appKb = Median(appRounds.Select(r => r.Bytes)) / 1024;
                var bareKb = Median(bareRounds.Select(r => r.Bytes)) / 1024;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {pageSize} | {rig.Store.MatchingChats} | {appCpu:F0} | {bareCpu:F0} | {appCpu - bareCpu:F0} | {appCpu / bareCpu:F2} | {appKb:F1} | {bareKb:F1} | {appKb - bareKb:F1} |"));
            }
        }

        await output.WriteLineAsync();
    }

    private static async Task WarmUpAsync(Func<Task> request)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < WarmUp)
        {
            await request();
        }
    }

    /// <summary>CPU microseconds and bytes allocated per request over one round, for the whole process.</summary>
    private static async Task<(double Cpu, double Bytes)> RoundAsync(Func<Task> request)
    {
        using var self = Process.GetCurrentProcess();
        var bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = self.TotalProcessorTime;
        for (var i = 0; i < RequestsPerRound; i++)
        {
            await request();
        }

        self.Refresh();
        var spent = self.TotalProcessorTime - cpu;
        return (spent.TotalMicroseconds / RequestsPerRound, (double)(GC.GetTotalAllocatedBytes(precise: true) - bytes) / RequestsPerRound);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
