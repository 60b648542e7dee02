using System.Diagnostics;
using System.Globalization;
using System.Net;
using LivechatFunctions.LocalCosmos;
using LivechatFunctions.LocalHost.Demo;

namespace LivechatFunctions.Load;

/// <summary>
/// Start-up time of livechat-local: from starting the process to the first 200 of the demo request, polled
/// every 20 ms on a port chosen beforehand (so polling can begin with the process). It includes starting the
/// runtime, the embedded store (node) and loading the demo data, as a developer's first request waits for all of it.
/// The request that first answers 200 is timed on its own too, and the one sent right after it: the gap between the
/// two is what the first request after a start pays for a store client that is not ready yet.
/// </summary>
public static class StartupCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var demo = DemoDataSet.Generate();
        var (roomId, visitorId) = demo.SuggestedRoom;
        var user = demo.SuggestedUser;
        // A cold first request can take seconds on this machine: the client must not give up on it.
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero }) { Timeout = TimeSpan.FromSeconds(30) };
        var rows = new List<string>();
        await using var ownStore = options.OwnStore ? await StartOwnStoreAsync(demo, cancellationToken) : null;
        for (var run = 1; run <= options.StartupRuns; run++)
        {
            var cold = options.ColdStart && run == 1;
            var cache = cold ? Directory.CreateTempSubdirectory("livechat-perf-npm-") : null;
            try
            {
                var port = HostProcess.FreePort();
                var url = new Uri(FormattableString.Invariant($"http://127.0.0.1:{port}/api/v1/livechat/visitors.searchChats/room/{Uri.EscapeDataString(roomId)}/visitor/{Uri.EscapeDataString(visitorId)}?count=5"));
                var start = HostProcess.StartInfo(port, options.ServerGc, options.HostDirectory);
                if (ownStore is not null)
                {
                    start.Environment["Cosmos__AccountEndpoint"] = ownStore.Endpoint.AbsoluteUri;
                    start.Environment["Cosmos__AccountKey"] = CosmosServerProcess.WellKnownKey;
                }

                if (cache is not null)
                {
                    // An empty cache makes the host run npm ci for its store, as on a machine's very first run.
                    start.Environment["LIVECHAT_COSMOS_SERVER_CACHE"] = cache.FullName;
                }

                var watch = Stopwatch.StartNew();
                using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start livechat-local.");
                var readyLine = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
                var pipes = Task.WhenAll(WatchForReadyLineAsync(process, watch, readyLine), process.StandardError.ReadToEndAsync(CancellationToken.None));
                try
                {
                    var (firstOk, firstRequest) = await PollUntilOkAsync(client, url, user.UserId, user.Token, process, watch, cancellationToken);
                    var secondRequest = await TimeRequestAsync(client, url, user.UserId, user.Token, cancellationToken);
                    var ready = await readyLine.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
                    rows.Add(FormattableString.Invariant($"| {run} | {(cold ? "cold (empty npm cache)" : "warm")} | {firstOk.TotalMilliseconds:F0} | {ready.TotalMilliseconds:F0} | {firstRequest.TotalMilliseconds:F1} | {secondRequest.TotalMilliseconds:F1} |"));
                    await output.WriteLineAsync(FormattableString.Invariant($"  run {run}: first 200 after {firstOk.TotalMilliseconds:F0} ms (ready line after {ready.TotalMilliseconds:F0} ms); that request took {firstRequest.TotalMilliseconds:F1} ms, the next {secondRequest.TotalMilliseconds:F1} ms"));
                }
                finally
                {
                    await HostProcess.StopAsync(process);
                    await pipes.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None);
                }
            }
            finally
            {
                cache?.Delete(recursive: true);
            }
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync(FormattableString.Invariant($"Start-up of livechat-local ({(options.ServerGc ? "server" : "workstation")} GC, {(ownStore is null ? "embedded store" : "a store started by this tool, data loaded by it")}), process start → first 200 of the demo request:"));
        await output.WriteLineAsync();
        await output.WriteLineAsync("| run | npm cache | first 200 (ms) | ready line printed (ms) | first request (ms) | next request (ms) |");
        await output.WriteLineAsync("| ---: | --- | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            await output.WriteLineAsync(row);
        }

        return 0;
    }

    // One store for every start: the demo data goes in once, from this process, so no host's client has seen the store.
    private static async Task<CosmosServerProcess> StartOwnStoreAsync(DemoDataSet demo, CancellationToken cancellationToken)
    {
        var store = await CosmosServerProcess.StartAsync(null, cancellationToken);
        try
        {
            using var loader = store.CreateClient();
            await DemoDataLoader.LoadAsync(loader, store.ClientSettings, demo, createContainers: true, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private static async Task<TimeSpan> TimeRequestAsync(HttpClient client, Uri url, string userId, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-User-Id", userId);
        request.Headers.Add("X-Auth-Token", token);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, cancellationToken);
        clock.Stop();
        return response.StatusCode == HttpStatusCode.OK
            ? clock.Elapsed
            : throw new InvalidOperationException($"The request after the first 200 answered {(int)response.StatusCode}.");
    }

    /// <summary>When the first 200 came (from the process start), and how long that one request took.</summary>
    private static async Task<(TimeSpan FirstOk, TimeSpan Request)> PollUntilOkAsync(HttpClient client, Uri url, string userId, string token, Process process, Stopwatch watch, CancellationToken cancellationToken)
    {
        while (watch.Elapsed < Limit)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"livechat-local exited with code {process.ExitCode} before answering.");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("X-User-Id", userId);
            request.Headers.Add("X-Auth-Token", token);
            try
            {
                var sent = watch.Elapsed;
                using var response = await client.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var answered = watch.Elapsed;
                    return (answered, answered - sent);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"livechat-local did not answer 200 within {Limit}.");
    }

    // Reads stdout to its end (a full pipe would block the host) and notes when the ready message's last line came.
    private static async Task WatchForReadyLineAsync(Process process, Stopwatch watch, TaskCompletionSource<TimeSpan> ready)
    {
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.Contains("Ctrl+C", StringComparison.Ordinal))
            {
                ready.TrySetResult(watch.Elapsed);
            }
        }

        ready.TrySetException(new InvalidOperationException("livechat-local ended without printing its ready message."));
    }
}
