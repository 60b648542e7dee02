using System.Globalization;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// What the token cache (off by default) changes (<c>--token-cache</c>): the same request with the cache off and on,
/// each beside its bare store calls (with the cache on the app reads no token after the first request, so neither does
/// its bare path), in one process with rounds alternating, and the store requests of one warm request each way.
/// </summary>
public static class TokenCacheReport
{
    private const int Rounds = 9;
    private const int RequestsPerRound = 500;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Token cache off and on (canned store; wall µs per request, median of {Rounds} alternating rounds of {RequestsPerRound}, after the JIT settles):"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | token cache | store requests | app µs | bare µs | app ÷ bare | app ÷ app with the cache off |");
        await output.WriteLineAsync("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var pageSize in new[] { 10, 100 })
        {
            using var off = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage: false);
            using var on = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage: false, Lifetime);
            var paths = new Func<Task>[]
            {
                () => off.AppRequestAsync(Stream.Null), off.BareRequestAsync,
                () => on.AppRequestAsync(Stream.Null), on.BareRequestAsync,
            };
            var medians = await WallRounds.AlternatingMediansAsync(paths, Rounds, RequestsPerRound);
            var offRequests = (await StoreRequestsAsync(off)).Sum();
            var onRequests = (await StoreRequestsAsync(on)).Sum();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {pageSize} | {off.Store.MatchingChats} | off | {offRequests} | {medians[0]:F0} | {medians[1]:F0} | {medians[0] / medians[1]:F2} | 1.00 |"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {pageSize} | {on.Store.MatchingChats} | on ({Lifetime:c}) | {onRequests} | {medians[2]:F0} | {medians[3]:F0} | {medians[2] / medians[3]:F2} | {medians[2] / medians[0]:F2} |"));
        }

        await output.WriteLineAsync();
    }

    /// <summary>
    /// The smoke: with the cache on, a warm request answers 200 with only the room read and the page query, and with it
    /// off it still reads the token; fails otherwise, so <c>--token-cache</c> times the requests it says it does.
    /// </summary>
    public static async Task<bool> CheckAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var off = await BenchmarkRig.CreateAsync(10, moreThanOnePage: false);
        using var on = await BenchmarkRig.CreateAsync(10, moreThanOnePage: false, Lifetime);
        var offRequests = (await StoreRequestsAsync(off)).Sum();
        var onByKind = await StoreRequestsAsync(on);
        var onRequests = onByKind.Sum();
        var passed = offRequests == 3 && onRequests == 2 && onByKind[(int)StoreRequestKind.TokenRead] == 0
            && onByKind[(int)StoreRequestKind.RoomRead] == 1 && onByKind[(int)StoreRequestKind.PageQuery] == 1;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Token cache: a warm request makes {offRequests} store requests with it off and {onRequests} with it on{(passed ? "" : " (FAILED: expected 3 and 2, the token read left out)")}"));
        return passed;
    }

    /// <summary>One warm request's store requests by kind (<see cref="StoreRequestKind"/>); all -1 unless it answered 200.</summary>
    private static async Task<long[]> StoreRequestsAsync(BenchmarkRig rig)
    {
        var before = rig.AppHandler.Snapshot();
        var status = await rig.AppRequestAsync(Stream.Null);
        var after = rig.AppHandler.Snapshot();
        return [.. after.Select((count, kind) => status == 200 ? count - before[kind] : -1)];
    }
}
