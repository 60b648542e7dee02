using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LivechatFunctions.LocalHost.Demo;

namespace LivechatFunctions.Load;

/// <summary>
/// <c>livechat-local</c> as a child process: the function on ASP.NET Core with its embedded local Cosmos DB server and
/// the demo data, as a developer runs it, with workstation GC as the Functions worker (a console app) has. A separate
/// process keeps the host's memory, CPU time and garbage collections apart from the load generator's. It is started on
/// a port chosen beforehand, so the demo request can be polled (every 20 ms) from the moment the process starts.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);
    private const string StoreMarker = "embedded local Cosmos DB server at ";

    private readonly Process _process;
    private readonly TaskCompletionSource<Uri> _store = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _drain;

    private HostProcess(Process process, Uri functionUrl)
    {
        _process = process;
        FunctionUrl = functionUrl;
        _drain = Task.WhenAll(WatchOutputAsync(), process.StandardError.ReadToEndAsync(CancellationToken.None));
    }

    /// <summary>The page size the host answers a request without <c>count</c> with: the contract's default (spec §1).</summary>
    public static int DefaultPageSize { get; } = new ChatSearch.SearchOptions().DefaultCount;

    /// <summary>The demo data the host loads (the same seed): the agent the requests are made as, and the room asked for.</summary>
    public static DemoDataSet Demo { get; } = DemoDataSet.Generate();

    /// <summary>The demo request, without its query string.</summary>
    public Uri FunctionUrl { get; }

    /// <summary>The embedded store, as the host printed it.</summary>
    public Uri StoreEndpoint => _store.Task.Result;

    /// <summary>From starting the process to the first 200 of the demo request, and that request's own time.</summary>
    public (TimeSpan After, TimeSpan Took) FirstAnswer { get; private set; }

    /// <summary>Starts livechat-local and returns once it answers the demo request with 200.</summary>
    public static async Task<HostProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "livechat-local.dll"), "--port", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The SDK otherwise asks Azure's instance metadata address for a VM id; this machine is not in Azure.
        start.Environment["COSMOS_DISABLE_IMDS_ACCESS"] = "true";
        start.Environment["DOTNET_gcServer"] = "0";
        // The floor of the default-page request queries a page of this size: not another from an inherited setting.
        start.Environment["Search__DefaultCount"] = DefaultPageSize.ToString(CultureInfo.InvariantCulture);
        var url = new Uri(FormattableString.Invariant($"http://127.0.0.1:{port}/api/v1/livechat/visitors.searchChats/room/{Demo.SuggestedRoom.RoomId}/visitor/{Demo.SuggestedRoom.VisitorId}"));
        var watch = Stopwatch.StartNew();
        var host = new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start livechat-local."), url);
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            while (true)
            {
                var request = Stopwatch.StartNew();
                if (await TryGetAsync(client, url, cancellationToken) == HttpStatusCode.OK)
                {
                    host.FirstAnswer = (watch.Elapsed, request.Elapsed);
                    break;
                }

                if (host._process.HasExited || watch.Elapsed > StartLimit)
                {
                    throw new InvalidOperationException($"livechat-local did not answer 200 (exited: {host._process.HasExited}) within {StartLimit}.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
            }

            await host._store.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public double WorkingSetMiB()
    {
        _process.Refresh();
        return _process.WorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>A GET of <paramref name="url"/> as the demo agent.</summary>
    public static async Task<(HttpStatusCode Status, byte[] Body)> GetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-User-Id", Demo.SuggestedUser.UserId);
        request.Headers.Add("X-Auth-Token", Demo.SuggestedUser.Token);
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Stops the host and its node store (the whole process tree: nothing of a run may go on loading the machine).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
        await _drain.WaitAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        _process.Dispose();
    }

    private static async Task<HttpStatusCode?> TryGetAsync(HttpClient client, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            return (await GetAsync(client, url, cancellationToken)).Status;
        }
        catch (HttpRequestException)
        {
            return null; // Not listening yet.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Reads stdout to its end (a full pipe would block the host) and notes where the host says its store is.
    private async Task WatchOutputAsync()
    {
        string? line;
        while ((line = await _process.StandardOutput.ReadLineAsync()) is not null)
        {
            if (line.Split(StoreMarker) is [_, var rest])
            {
                _store.TrySetResult(new Uri(rest.Split(' ')[0]));
            }
        }

        _store.TrySetException(new InvalidOperationException("livechat-local ended without naming its store."));
    }
}
