using System.Globalization;
using LivechatFunctions.Authentication;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Http;
using LivechatFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Where the app's extra time goes (<c>--parts</c>): each store call the way the app makes it (its store type, the
/// JSON read, its client's request handlers) beside the same call bare, then the whole request both ways and the
/// app's work that touches no store, in one process, rounds alternating, medians reported. Parts timed alone run
/// with warmer caches than inside a request, so they add up to a little less than the whole.
/// </summary>
public static class PartsReport
{
    private const int Rounds = 9;
    private const int CallsPerRound = 1000;

    public static async Task RunAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"The app's parts against the same store calls bare (canned store; wall µs per call, median of {Rounds} alternating rounds of {CallsPerRound}, after the JIT settles):"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| page asked | visitor's chats | part | app µs | bare µs | app − bare µs |");
        await output.WriteLineAsync("| ---: | ---: | --- | ---: | ---: | ---: |");
        foreach (var pageSize in new[] { 10, 100 })
        {
            using var rig = await BenchmarkRig.CreateAsync(pageSize, moreThanOnePage: false);
            var services = rig.AppServices;
            var authenticator = services.GetRequiredService<TokenAuthenticator>();
            var rooms = services.GetRequiredService<RoomStore>();
            var history = services.GetRequiredService<ChatHistoryStore>();
            var parser = services.GetRequiredService<SearchParameterParser>();
            var parameters = parser.Parse(QueryParameters.Parse(rig.QueryString)).Parameters
                ?? throw new InvalidOperationException("The benchmark's query string does not parse.");

            var parts = new (string Part, Func<Task> App, Func<Task> Bare)[]
            {
                ("whole request", () => rig.AppRequestAsync(Stream.Null), rig.BareRequestAsync),
                ("token: TokenAuthenticator against a drained point read",
                    () => authenticator.AuthenticateAsync(CannedStore.UserId, CannedStore.AuthToken, CancellationToken.None), rig.BareTokenReadAsync),
                ("room: RoomStore against a drained point read",
                    () => rooms.FindAsync(CannedStore.VisitorId, CannedStore.RoomId, CancellationToken.None), rig.BareRoomReadAsync),
                ("page: ChatHistoryStore against the drained query",
                    async () => (await history.ReadPageAsync(new ChatQuery(CannedStore.VisitorId, parameters), CancellationToken.None)).Dispose(),
                    rig.BareQueriesAsync),
                ("no store: digest, query string, parameters, SQL text",
                    () =>
                    {
                        _ = TokenDigest.Compute(CannedStore.AuthToken);
                        _ = new ChatQuery(CannedStore.VisitorId, parser.Parse(QueryParameters.Parse(rig.QueryString)).Parameters!).Page();
                        return Task.CompletedTask;
                    },
                    () => Task.CompletedTask),
            };

            foreach (var (part, app, bare) in parts)
            {
                var medians = await WallRounds.AlternatingMediansAsync([app, bare], Rounds, CallsPerRound);
                var (appMedian, bareMedian) = (medians[0], medians[1]);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"| {pageSize} | {rig.Store.MatchingChats} | {part} | {appMedian:F1} | {bareMedian:F1} | {appMedian - bareMedian:F1} |"));
            }
        }

        await output.WriteLineAsync();
    }

    /// <summary>
    /// Runs each app part once outside the timing (the smoke): fails unless the token names the agent, the room is
    /// found, and the page holds every chat of the short history, so <c>--parts</c> times calls that work.
    /// </summary>
    public static async Task<bool> CheckAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var rig = await BenchmarkRig.CreateAsync(10, moreThanOnePage: false);
        var services = rig.AppServices;
        var user = await services.GetRequiredService<TokenAuthenticator>().AuthenticateAsync(CannedStore.UserId, CannedStore.AuthToken, CancellationToken.None);
        var room = await services.GetRequiredService<RoomStore>().FindAsync(CannedStore.VisitorId, CannedStore.RoomId, CancellationToken.None);
        var parameters = services.GetRequiredService<SearchParameterParser>().Parse(QueryParameters.Parse(rig.QueryString)).Parameters!;
        using var page = await services.GetRequiredService<ChatHistoryStore>().ReadPageAsync(new ChatQuery(CannedStore.VisitorId, parameters), CancellationToken.None);
        var passed = user?.Id == CannedStore.UserId && room is not null && page.Count == rig.Store.MatchingChats && page.Total == rig.Store.MatchingChats;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Parts: token for {user?.Id ?? "nobody"}, room {(room is null ? "missing" : "found")}, page of {page.Count} of {page.Total}{(passed ? "" : " (FAILED)")}"));
        return passed;
    }
}
