using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace LivechatFunctions.Load;

/// <summary>
/// The default mode: livechat-local in a child process, loaded at each concurrency with one or two requests, each
/// beside two floors driven against the same store in the same run (the same page's query alone, and every store
/// call of the request).
/// </summary>
public static class LoadCommand
{
    private const string EndpointTarget = "endpoint (HTTP → app → store)";
    private const string PageFloorTarget = "floor: page query (SDK)";
    private const string CallsFloorTarget = "floor: all store calls (SDK)";
    private const string TokenCacheSetting = "Authentication__TokenCacheLifetime";

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync(options.ServerGc, cancellationToken);
        var startedIn = started.Elapsed;
        var memory = new List<(string Moment, double Host, double Store)> { ("ready (demo data loaded)", host.Stats.WorkingSetMiB(), host.StoreStats?.WorkingSetMiB() ?? double.NaN) };
        await output.WriteLineAsync($"livechat-local pid {host.Stats.Id} ({(options.ServerGc ? "server" : "workstation")} GC) ready in {startedIn.TotalSeconds:F1} s; store pid {host.StoreStats?.Id.ToString(CultureInfo.InvariantCulture) ?? "unknown"} at {host.StoreEndpoint}");
        // The host inherits this shell's environment: say when it runs with the token cache on (off by default).
        await output.WriteLineAsync($"Token cache: {(Environment.GetEnvironmentVariable(TokenCacheSetting) is { Length: > 0 } lifetime ? $"{TokenCacheSetting}={lifetime}, inherited by the host" : "off (the default)")}; the all-calls floor always reads the token.");

        var requests = new List<LoadRequest>();
        try
        {
            foreach (var count in options.PageSize is { } size ? [size] : DefaultCounts)
            {
                var request = LoadRequest.Create(host, count);
                requests.Add(request);
                await request.Floor.PrepareAsync(cancellationToken);
                await output.WriteLineAsync($"Request \"{request.Name}\": GET {request.Url} as {host.UserId}; the app's page is {(request.Floor.CountsToo ? "full, so it also counts" : "short, so it does not count")}.");
                using var check = CreateClient(1);
                var (status, body) = await SendAsync(check, request.Url, host, cancellationToken);
                await output.WriteLineAsync($"Check: {(int)status} {Summary(body)}");
                if (status != HttpStatusCode.OK)
                {
                    return 1;
                }
            }

            // Every target runs unmeasured first: on two cores the JIT's tiering needs many seconds of traffic
            // (measured: the host's CPU per request fell from 19 ms to 3.4 ms over the first 30 s), so figures
            // taken earlier would measure the compiler, not the request.
            var prime = options.Duration > TimeSpan.FromSeconds(3) ? options.Duration : TimeSpan.FromSeconds(3);
            using (var warm = CreateClient(options.Concurrency[0]))
            {
                foreach (var request in requests)
                {
                    foreach (var (_, send) in request.Targets(warm, host))
                    {
                        await ClosedLoop.RunAsync("warm-up", options.Concurrency[0], TimeSpan.Zero, prime, send, null, null, cancellationToken);
                    }
                }
            }

            memory.Add(("after warm-up", host.Stats.WorkingSetMiB(), host.StoreStats?.WorkingSetMiB() ?? double.NaN));
            var results = new List<(LoadRequest Request, LoadResult Result)>();
            foreach (var concurrency in options.Concurrency)
            {
                using var client = CreateClient(concurrency);
                foreach (var request in requests)
                {
                    foreach (var (target, send) in request.Targets(client, host))
                    {
                        var result = await ClosedLoop.RunAsync(target, concurrency, options.WarmUp, options.Duration, send, host.Stats, host.StoreStats, cancellationToken);
                        results.Add((request, result));
                        await output.WriteLineAsync($"  {concurrency,4} × {request.Name} × {target}: {result.RequestsPerSecond:F0} req/s, p50 {result.Percentile(50):F1} ms, errors {result.Errors}");
                    }
                }

                memory.Add(($"after {concurrency} connections", host.Stats.WorkingSetMiB(), host.StoreStats?.WorkingSetMiB() ?? double.NaN));
            }

            await output.WriteLineAsync();
            await WriteTablesAsync(output, options, prime, results, memory);
            return results.Any(r => r.Result.Errors > 0 || r.Result.Requests == 0) ? 1 : 0;
        }
        finally
        {
            foreach (var request in requests)
            {
                request.Floor.Dispose();
            }
        }
    }

    // Without --count: the request an agent's console makes most (the contract's default page, which holds the
    // demo visitor's whole history), and a full page, which also costs the count.
    private static readonly int?[] DefaultCounts = [null, 10];

    private static async Task WriteTablesAsync(TextWriter output, LoadOptions options, TimeSpan prime, List<(LoadRequest Request, LoadResult Result)> results, List<(string Moment, double Host, double Store)> memory)
    {
        await output.WriteLineAsync(Invariant($"Closed loop: each target first ran {prime.TotalSeconds:F0} s unmeasured at {options.Concurrency[0]} connections; each row is {options.Duration.TotalSeconds:F0} s measured after {options.WarmUp.TotalSeconds:F0} s unmeasured. CPU is per completed request, by process (host = livechat-local, store = its node server, load = this tool: the floors' SDK work runs here)."));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| request | connections | target | req/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/req host | CPU ms/req store | CPU ms/req load |");
        await output.WriteLineAsync("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (request, r) in results)
        {
            await output.WriteLineAsync(Invariant(
                $"| {request.Name} | {r.Concurrency} | {r.Target} | {r.RequestsPerSecond:F0} | {r.Percentile(50):F1} | {r.Percentile(95):F1} | {r.Percentile(99):F1} | {r.Errors} | {r.PerRequestMs(r.HostCpu):F2} | {r.PerRequestMs(r.StoreCpu):F2} | {r.PerRequestMs(r.LoadCpu):F2} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("All-calls floor ÷ page floor is what the contract's store calls alone cost against the page query: the token and room reads (and the count) it requires, made bare, before any app code or HTTP hop.");
        await output.WriteLineAsync();
        await output.WriteLineAsync("| request | connections | endpoint p50 ms | floor: page query p50 ms | endpoint ÷ page floor | floor: all store calls p50 ms | all-calls floor ÷ page floor | endpoint ÷ all-calls floor | endpoint req/s ÷ page floor req/s |");
        await output.WriteLineAsync("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        // One row per measured round, in order: a concurrency may be listed twice to see whether it settles.
        foreach (var round in results.Chunk(LoadRequest.TargetCount))
        {
            var request = round[0].Request;
            var endpoint = round.Single(r => r.Result.Target == EndpointTarget).Result;
            var page = round.Single(r => r.Result.Target == PageFloorTarget).Result;
            var calls = round.Single(r => r.Result.Target == CallsFloorTarget).Result;
            await output.WriteLineAsync(Invariant(
                $"| {request.Name} | {endpoint.Concurrency} | {endpoint.Percentile(50):F1} | {page.Percentile(50):F1} | {endpoint.Percentile(50) / page.Percentile(50):F2} | {calls.Percentile(50):F1} | {calls.Percentile(50) / page.Percentile(50):F2} | {endpoint.Percentile(50) / calls.Percentile(50):F2} | {endpoint.RequestsPerSecond / page.RequestsPerSecond:F2} |"));
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("| moment | host working set MiB | store (node) working set MiB |");
        await output.WriteLineAsync("| --- | ---: | ---: |");
        foreach (var (moment, hostMiB, storeMiB) in memory)
        {
            await output.WriteLineAsync(Invariant($"| {moment} | {hostMiB:F0} | {storeMiB:F0} |"));
        }
    }

    /// <summary>One request the load drives, with its floors: the same page's query alone, and all its store calls.</summary>
    private sealed record LoadRequest(string Name, Uri Url, StoreFloor Floor)
    {
        public const int TargetCount = 3;

        public static LoadRequest Create(HostProcess host, int? count)
        {
            var (roomId, visitorId) = RoomAndVisitor(host.FunctionUrl);
            var name = count is { } n ? Invariant($"count={n}") : "default page";
            var url = new Uri(host.FunctionUrl + (count is null ? "" : "?" + name));
            var pageSize = count ?? HostProcess.DefaultPageSize;
            return new LoadRequest(name, url, new StoreFloor(host.StoreEndpoint, host.UserId, host.Token, roomId, visitorId, pageSize));
        }

        public (string Target, Func<CancellationToken, Task<bool>> Send)[] Targets(HttpClient client, HostProcess host) =>
        [
            (EndpointTarget, ct => SucceedsAsync(client, Url, host, ct)),
            (PageFloorTarget, Floor.PageQueryAsync),
            (CallsFloorTarget, Floor.StoreCallsAsync),
        ];
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

    private static async Task<bool> SucceedsAsync(HttpClient client, Uri url, HostProcess host, CancellationToken cancellationToken) =>
        (await SendAsync(client, url, host, cancellationToken)).Status == HttpStatusCode.OK;

    private static async Task<(HttpStatusCode Status, byte[] Body)> SendAsync(HttpClient client, Uri url, HostProcess host, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-User-Id", host.UserId);
        request.Headers.Add("X-Auth-Token", host.Token);
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    private static string Summary(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return Invariant($"count {root.GetProperty("count").GetInt32()}, total {root.GetProperty("total").GetInt64()}, {body.Length} bytes");
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(body);
        }
    }

    /// <summary>The room and visitor of <c>.../room/{roomId}/visitor/{visitorId}</c>.</summary>
    public static (string RoomId, string VisitorId) RoomAndVisitor(Uri functionUrl)
    {
        ArgumentNullException.ThrowIfNull(functionUrl);
        var segments = functionUrl.AbsolutePath.Split('/');
        var room = Array.IndexOf(segments, "room");
        var visitor = Array.IndexOf(segments, "visitor");
        return (Uri.UnescapeDataString(segments[room + 1]), Uri.UnescapeDataString(segments[visitor + 1]));
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
