using System.Globalization;
using System.Net;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.Perf;

namespace LivechatFunctions.Load;

/// <summary>
/// The default mode: livechat-local in a child process, loaded at each concurrency with one or two requests, each beside
/// its floor: the same store calls made bare (<see cref="BareStoreCalls"/>) from this process against the same store.
/// </summary>
public static class LoadCommand
{
    private const string TokenCacheSetting = "Authentication__TokenCacheLifetime";

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        await using var host = await HostProcess.StartAsync(cancellationToken);
        var memory = new List<string> { Invariant($"ready (demo data loaded): {host.WorkingSetMiB():F0}") };
        await output.WriteLineAsync(Invariant($"livechat-local answered its first 200 after {host.FirstAnswer.After.TotalSeconds:F1} s; its store is at {host.StoreEndpoint}"));
        // The host inherits this shell's environment: say when it runs with the token cache on (off by default).
        await output.WriteLineAsync($"Token cache: {(Environment.GetEnvironmentVariable(TokenCacheSetting) is { Length: > 0 } lifetime ? $"{TokenCacheSetting}={lifetime}, inherited by the host" : "off (the default)")}; the floor always reads the token.");

        var ((roomId, visitorId), agent) = (HostProcess.Demo.SuggestedRoom, HostProcess.Demo.SuggestedUser);
        var requests = new List<(string Name, Func<CancellationToken, Task> Endpoint, BareStoreCalls Floor)>();
        try
        {
            // Without --count: the request an agent's console makes most (the contract's default page, which holds the
            // demo visitor's whole history), and a full page, which also costs the count.
            using var client = CreateClient(options.Concurrency.Max());
            foreach (var count in options.PageSize is { } size ? [size] : new int?[] { null, 10 })
            {
                var name = count is { } n ? Invariant($"count={n}") : "default page";
                var url = new Uri(host.FunctionUrl + (count is null ? "" : "?" + name));
                var (status, body) = await HostProcess.GetAsync(client, url, cancellationToken);
                var shown = FunctionInvoker.ReadPage(body)?.Count ?? -1;
                await output.WriteLineAsync(Invariant($"Request \"{name}\": GET {url} as {agent.UserId}: {(int)status}, {shown} chats, {body.Length} bytes"));
                if (status != HttpStatusCode.OK)
                {
                    return 1;
                }

                // The app counts when the page comes back full; the floor makes the same calls.
                var pageSize = count ?? HostProcess.DefaultPageSize;
                requests.Add((name, async ct => EnsureOk(await HostProcess.GetAsync(client, url, ct)), new BareStoreCalls(host.StoreEndpoint,
                    CosmosServerProcess.WellKnownKey, null, agent.UserId, agent.Token, roomId, BareStoreCalls.Page(visitorId, pageSize), countsToo: shown >= pageSize)));
            }

            // Every target runs unmeasured first: on two cores the JIT's tiering needs many seconds of traffic (the host's
            // CPU per request fell from 19 ms to 3.4 ms over the first 30 s), so earlier figures would measure the compiler.
            var prime = options.Duration > TimeSpan.FromSeconds(3) ? options.Duration : TimeSpan.FromSeconds(3);
            foreach (var send in requests.SelectMany(request => new[] { request.Endpoint, request.Floor.RequestAsync }))
            {
                await ClosedLoop.RunAsync(options.Concurrency[0], TimeSpan.Zero, prime, send, cancellationToken);
            }

            memory.Add(Invariant($"after warm-up: {host.WorkingSetMiB():F0}"));
            var (rows, failed) = (new List<string>(), false);
            foreach (var concurrency in options.Concurrency)
            {
                foreach (var (name, endpoint, floor) in requests)
                {
                    var app = await ClosedLoop.RunAsync(concurrency, options.WarmUp, options.Duration, endpoint, cancellationToken);
                    var bare = await ClosedLoop.RunAsync(concurrency, options.WarmUp, options.Duration, floor.RequestAsync, cancellationToken);
                    failed |= app.Errors + bare.Errors > 0 || app.SortedLatenciesMs.Length == 0 || bare.SortedLatenciesMs.Length == 0;
                    rows.Add(Invariant($"| {name} | {concurrency} | {app.RequestsPerSecond:F0} | {app.Percentile(50):F1} / {app.Percentile(95):F1} / {app.Percentile(99):F1} | {bare.RequestsPerSecond:F0} | {bare.Percentile(50):F1} / {bare.Percentile(95):F1} / {bare.Percentile(99):F1} | {app.Percentile(50) / bare.Percentile(50):F2} | {app.Errors} / {bare.Errors} |"));
                    await output.WriteLineAsync(rows[^1]);
                }

                memory.Add(Invariant($"after {concurrency} connections: {host.WorkingSetMiB():F0}"));
            }

            await output.WriteLineAsync();
            await output.WriteLineAsync(Invariant($"Closed loop: each target first ran {prime.TotalSeconds:F0} s unmeasured at {options.Concurrency[0]} connections; each row is {options.Duration.TotalSeconds:F0} s measured per target after {options.WarmUp.TotalSeconds:F0} s unmeasured. Floor = the same store calls made bare on the SDK from this process."));
            await output.WriteLineAsync();
            await output.WriteLineAsync("| request | connections | endpoint req/s | endpoint p50 / p95 / p99 ms | floor req/s | floor p50 / p95 / p99 ms | endpoint ÷ floor, p50 | errors, endpoint / floor |");
            await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            rows.ForEach(output.WriteLine);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Host working set (MiB): {string.Join("; ", memory)}.");
            return failed ? 1 : 0;
        }
        finally
        {
            requests.ForEach(request => request.Floor.Dispose());
        }
    }

    private static void EnsureOk((HttpStatusCode Status, byte[] Body) answer)
    {
        if (answer.Status != HttpStatusCode.OK)
        {
            throw new HttpRequestException(Invariant($"The endpoint answered {(int)answer.Status}."));
        }
    }

    private static HttpClient CreateClient(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
