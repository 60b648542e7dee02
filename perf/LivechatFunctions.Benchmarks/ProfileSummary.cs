using System.Globalization;
using System.Text.Json;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Reads a sampled thread-time profile of <see cref="ClosedLoop"/> (dotnet-trace's speedscope output) and tells where the
/// busiest thread, the one serving the loop, spent its time: by owner of the innermost frame that has one (the app, the
/// Cosmos SDK, System.Text.Json, ASP.NET Core, HttpClient, the benchmark's rig), and the app's own methods. Runtime
/// frames (allocation, copying, locks) count for the owner that called them. Time the thread spent waiting for work is
/// left out. The sampler can only stop a thread at safe points, so a method's figure leans towards the calls and loops
/// in it; two profiles taken alike compare better than one profile's methods do.
/// </summary>
public static class ProfileSummary
{
    private static readonly (string Prefix, string Owner)[] Owners =
    [
        ("LivechatFunctions.Benchmarks!", "benchmark rig"),
        ("LivechatFunctions!", "app"),
        ("Microsoft.Azure.Cosmos", "Cosmos SDK"),
        ("System.Text.Json!", "System.Text.Json"),
        ("Microsoft.AspNetCore", "ASP.NET Core"),
        ("System.IO.Pipelines!", "ASP.NET Core"),
        ("System.Net.Http!", "HttpClient"),
        ("Newtonsoft.Json!", "Newtonsoft.Json"),
    ];

    private static readonly string[] Waits = ["LowLevelLifoSemaphore", "WaitHandle.Wait", "Monitor.Wait", "Thread.Sleep"];

    public static async Task RunAsync(TextWriter output, string speedscopePath, double microsecondsPerRequest)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var document = JsonDocument.Parse(await File.ReadAllBytesAsync(speedscopePath));
        var frames = document.RootElement.GetProperty("shared").GetProperty("frames").EnumerateArray()
            .Select(f => f.GetProperty("name").GetString() ?? string.Empty).ToArray();
        var owners = frames.Select(name => Owners.FirstOrDefault(o => name.StartsWith(o.Prefix, StringComparison.Ordinal)).Owner).ToArray();
        var waits = frames.Select(name => Waits.Any(w => name.Contains(w, StringComparison.Ordinal))).ToArray();
        var thread = document.RootElement.GetProperty("profiles").EnumerateArray()
            .MaxBy(p => p.GetProperty("events").GetArrayLength());

        var byOwner = new Dictionary<string, double>(StringComparer.Ordinal);
        var byAppMethod = new Dictionary<string, double>(StringComparer.Ordinal);
        var stack = new List<int>();
        double? last = null;
        var busy = 0.0;
        foreach (var e in thread.GetProperty("events").EnumerateArray())
        {
            var at = e.GetProperty("at").GetDouble();
            if (last is { } previous && stack.Count > 0 && !stack.Any(f => waits[f]))
            {
                var spent = at - previous;
                busy += spent;
                var owner = stack.LastOrDefault(f => owners[f] is not null, -1);
                Add(byOwner, owner < 0 ? "runtime and other" : owners[owner]!, spent);
                if (owner >= 0 && owners[owner] == "app")
                {
                    Add(byAppMethod, frames[owner][(frames[owner].IndexOf('!') + 1)..], spent);
                }
            }

            last = at;
            if (e.GetProperty("type").GetString() == "O")
            {
                stack.Add(e.GetProperty("frame").GetInt32());
            }
            else if (stack.Count > 0)
            {
                stack.RemoveAt(stack.Count - 1);
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(speedscopePath)}: {busy / 1000:F1} s busy on the loop's thread; µs per request = share × {microsecondsPerRequest:F1}"));
        await output.WriteLineAsync();
        await WriteTableAsync(output, "owner of the innermost frame", byOwner, busy, microsecondsPerRequest, int.MaxValue);
        await WriteTableAsync(output, "app method (innermost, no SDK frame below it)", byAppMethod, busy, microsecondsPerRequest, 15);
    }

    private static void Add(Dictionary<string, double> totals, string key, double value) =>
        totals[key] = totals.GetValueOrDefault(key) + value;

    private static async Task WriteTableAsync(TextWriter output, string heading, Dictionary<string, double> totals, double busy, double perRequest, int rows)
    {
        await output.WriteLineAsync($"| {heading} | share | µs per request |");
        await output.WriteLineAsync("| --- | ---: | ---: |");
        // Below a thousandth of the thread's time a row is a handful of samples.
        var shown = totals.Where(t => t.Value >= busy / 1000).OrderByDescending(t => t.Value).Take(rows).ToList();
        foreach (var (key, value) in shown)
        {
            var share = value / busy;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {key} | {share:P1} | {share * perRequest:F1} |"));
        }

        if (shown.Count == 0)
        {
            await output.WriteLineAsync("| (none) | | |");
        }

        await output.WriteLineAsync();
    }
}
