using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Runs each benchmark case a few times outside BenchmarkDotNet: checks that the app answers 200 with the
/// page and total the canned store implies, and counts the store requests one warm request makes, by kind.
/// This is the smoke test, and the round-trip table printed before every benchmark run.
/// </summary>
public static class StoreCallReport
{
    private const int WarmUpRequests = 3;
    private const int TimedRequests = 200;

    public static async Task<bool> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ok = true;
        await output.WriteLineAsync("Store requests per whole request, after warm-up (canned store, no network):");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | status | count | total | store requests: app | app, by kind | bare | quick mean app / bare (µs) |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        foreach (var pageSize in new[] { 10, 100 })
        {
            foreach (var moreThanOnePage in new[] { false, true })
            {
                using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage);
                for (var i = 0; i < WarmUpRequests; i++)
                {
                    await rig.AppRequestAsync(Stream.Null);
                    await rig.BareRequestAsync();
                }

                var before = rig.AppHandler.Snapshot();
                rig.Counter.Reset();
                using var body = new MemoryStream();
                var status = await rig.AppRequestAsync(body);
                var app = Delta(before, rig.AppHandler.Snapshot());
                var counted = rig.Counter.Total;

                var bareBefore = rig.BareHandler.Snapshot();
                await rig.BareRequestAsync();
                var bare = Delta(bareBefore, rig.BareHandler.Snapshot());

                var expectedCount = (int)Math.Min(pageSize, rig.Store.MatchingChats);
                var (count, total) = ReadPage(body.ToArray());
                var right = status == 200 && count == expectedCount && total == rig.Store.MatchingChats && counted == app.Sum()
                    && app[(int)StoreRequestKind.Other] == 0 && bare[(int)StoreRequestKind.Other] == 0;
                ok &= right;

                var appMean = await MeanMicrosecondsAsync(() => rig.AppRequestAsync(Stream.Null));
                var bareMean = await MeanMicrosecondsAsync(rig.BareRequestAsync);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {pageSize} | {rig.Store.MatchingChats} | {status}{(right ? string.Empty : " WRONG")} | {count} (expected {expectedCount}) | {total} | {app.Sum()} | {Describe(app)} | {bare.Sum()} | {appMean:F0} / {bareMean:F0} |"));
            }
        }

        await output.WriteLineAsync();
        // The quick means include the JIT's tiering and are only a glance: BenchmarkDotNet's figures are the ones
        // to quote. (Nor do canned answers show concurrency: they complete synchronously, so nothing overlaps.)
        await output.WriteLineAsync(ok ? "Store call check: passed." : "Store call check: FAILED (see WRONG above).");
        return ok;
    }

    private static long[] Delta(long[] before, long[] after) => [.. after.Select((value, i) => value - before[i])];

    private static string Describe(long[] counts) => string.Join(", ", Enum.GetValues<StoreRequestKind>()
        .Where(kind => counts[(int)kind] > 0)
        .Select(kind => string.Create(CultureInfo.InvariantCulture, $"{kind} {counts[(int)kind]}")));

    private static (int Count, long Total) ReadPage(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return (document.RootElement.GetProperty("count").GetInt32(), document.RootElement.GetProperty("total").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return (-1, -1);
        }
    }

    private static async Task<double> MeanMicrosecondsAsync<T>(Func<Task<T>> request)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < TimedRequests; i++)
        {
            await request();
        }

        return watch.Elapsed.TotalMicroseconds / TimedRequests;
    }
}
