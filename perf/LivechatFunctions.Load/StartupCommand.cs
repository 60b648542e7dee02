using System.Diagnostics;
using System.Globalization;

namespace LivechatFunctions.Load;

/// <summary>
/// Start-up of livechat-local: from starting the process to the first 200 of the demo request. It includes starting
/// the runtime, the embedded store (node) and loading the demo data, as a developer's first request waits for all of
/// it. That first request's own time, against the next one's, is what a first request pays over a warm one.
/// </summary>
public static class StartupCommand
{
    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        using var client = new HttpClient();
        var rows = new List<string>();
        for (var run = 1; run <= options.StartupRuns; run++)
        {
            await using var host = await HostProcess.StartAsync(cancellationToken);
            var next = Stopwatch.StartNew();
            var (status, _) = await HostProcess.GetAsync(client, host.FunctionUrl, cancellationToken);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {host.FirstAnswer.After.TotalMilliseconds:F0} | {host.FirstAnswer.Took.TotalMilliseconds:F0} | {next.Elapsed.TotalMilliseconds:F0} ({(int)status}) |"));
            await output.WriteLineAsync(rows[^1]);
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("Start-up of livechat-local: process start → first 200 of the demo request (default page), polled every 20 ms.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| run | first 200 after (ms) | that request took (ms) | the next request took (ms) |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: |");
        rows.ForEach(output.WriteLine);
        return 0;
    }
}
