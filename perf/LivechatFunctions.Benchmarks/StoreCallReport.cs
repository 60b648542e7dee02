using System.Globalization;
using LivechatFunctions.Perf;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// The check that runs before anything is timed (and alone as the smoke): for each case the app must answer 200 with
/// the page and total the canned store implies, its <see cref="Storage.StoreCallCounter"/> must count what reached the
/// store, and the bare path must make the same store requests, kind for kind; a benchmark of anything else would
/// measure the wrong thing. Prints the store requests of one warm request, by kind.
/// </summary>
public static class StoreCallReport
{
    public static async Task<bool> RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ok = true;
        await output.WriteLineAsync("Store requests of one warm request (canned store, no network):");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | status | count | total | store requests | by kind | bare path's |");
        await output.WriteLineAsync("| ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var (pageSize, moreThanOnePage) in SearchChatsBenchmarks.Cases)
        {
            using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage);
            var (appBefore, bareBefore) = (rig.AppHandler.Snapshot(), rig.BareHandler.Snapshot());
            rig.Counter.Reset();
            using var body = new MemoryStream();
            var status = await rig.AppRequestAsync(body);
            await rig.BareRequestAsync();
            var app = Delta(appBefore, rig.AppHandler.Snapshot());
            var bare = Delta(bareBefore, rig.BareHandler.Snapshot());

            var expectedCount = (int)Math.Min(pageSize, rig.Store.MatchingChats);
            var (count, total) = FunctionInvoker.ReadPage(body.ToArray()) ?? (-1, -1);
            var right = status == 200 && count == expectedCount && total == rig.Store.MatchingChats && rig.Counter.Total == app.Sum()
                && app[(int)StoreRequestKind.Other] == 0 && app.SequenceEqual(bare);
            ok &= right;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {pageSize} | {rig.Store.MatchingChats} | {status}{(right ? "" : " WRONG")} | {count} (expected {expectedCount}) | {total} | {app.Sum()} | {Describe(app)} | {Describe(bare)} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(ok ? "Store call check: passed." : "Store call check: FAILED (see WRONG above).");
        return ok;
    }

    private static long[] Delta(long[] before, long[] after) => [.. after.Select((value, i) => value - before[i])];

    private static string Describe(long[] counts) => string.Join(", ", Enum.GetValues<StoreRequestKind>()
        .Where(kind => counts[(int)kind] > 0)
        .Select(kind => string.Create(CultureInfo.InvariantCulture, $"{kind} {counts[(int)kind]}")));
}
