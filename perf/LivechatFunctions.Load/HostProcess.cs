using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LivechatFunctions.Load;

/// <summary>
/// <c>livechat-local</c> as a child process: the function on ASP.NET Core with its embedded local Cosmos DB
/// server and the demo data, as a developer runs it. A separate process keeps the host's memory, CPU time and
/// garbage collections apart from the load generator's.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Task _drain;

    private HostProcess(Process process, Task drain, Uri functionUrl, Uri storeEndpoint, string userId, string token)
    {
        _process = process;
        _drain = drain;
        FunctionUrl = functionUrl;
        StoreEndpoint = storeEndpoint;
        UserId = userId;
        Token = token;
        Stats = new ProcessStats(process);
    }

    /// <summary>The demo request the host prints, without its query string.</summary>
    public Uri FunctionUrl { get; }

    public Uri StoreEndpoint { get; }

    public string UserId { get; }

    public string Token { get; }

    public ProcessStats Stats { get; }

    /// <summary>The node process of the embedded store, when it can be found.</summary>
    public ProcessStats? StoreStats { get; private set; }

    /// <summary>
    /// The start command for livechat-local, from this tool's output or from <paramref name="hostDirectory"/> (a
    /// published copy, say ReadyToRun), with the environment the measurements want.
    /// </summary>
    /// <summary>The page size the host answers a request without <c>count</c> with: the contract's default (spec §1).</summary>
    public static int DefaultPageSize { get; } = new LivechatFunctions.ChatSearch.SearchOptions().DefaultCount;

    public static ProcessStartInfo StartInfo(int port, bool serverGc, string? hostDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(hostDirectory ?? AppContext.BaseDirectory, "livechat-local.dll"), "--port", port.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // The SDK otherwise asks Azure's instance metadata address for a VM id; this machine is not in Azure.
        start.Environment["COSMOS_DISABLE_IMDS_ACCESS"] = "true";
        start.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        // The floor of the default-page request queries a page of this size: the host must not take another from
        // an inherited Search__DefaultCount.
        start.Environment["Search__DefaultCount"] = DefaultPageSize.ToString(CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>A port that was free a moment ago, for a child that must be reachable from its first second.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static async Task<HostProcess> StartAsync(bool serverGc, CancellationToken cancellationToken)
    {
        var process = Process.Start(StartInfo(0, serverGc)) ?? throw new InvalidOperationException("Could not start livechat-local.");
        try
        {
            var printed = new List<string>();
            string? line;
            while ((line = await process.StandardOutput.ReadLineAsync(cancellationToken)) is not null
                && !line.Contains("Ctrl+C", StringComparison.Ordinal))
            {
                printed.Add(line);
            }

            var text = string.Join('\n', printed);
            var curl = CurlLine().Match(text);
            var store = StoreLine().Match(text);
            if (!curl.Success || !store.Success)
            {
                throw new InvalidOperationException("livechat-local did not print its demo request and store:\n" + text
                    + "\n" + await process.StandardError.ReadToEndAsync(cancellationToken));
            }

            // Keep reading both pipes so a chatty host never blocks on a full one.
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(CancellationToken.None), process.StandardError.ReadToEndAsync(CancellationToken.None));
            var url = new Uri(curl.Groups["url"].Value);
            var host = new HostProcess(process, drain, new Uri(url.GetLeftPart(UriPartial.Path)), new Uri(store.Groups["endpoint"].Value),
                curl.Groups["user"].Value, curl.Groups["token"].Value);
            host.StoreStats = ProcessStats.FindChild(process.Id, "launcher.js");
            return host;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_process);
        await _drain.WaitAsync(StopWait).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>Stops a livechat-local child gracefully (it then stops its store), or kills it when it will not.</summary>
    public static async Task StopAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        if (process.HasExited)
        {
            return;
        }

        // SIGTERM, not SIGINT: a shell's background job starts with SIGINT ignored, the children inherit that, and
        // the host would then wait out StopWait before being killed (seen under nohup: 15 s per start-up run).
        using (var interrupt = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(StopWait);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [GeneratedRegex(@"curl -s -H 'X-User-Id: (?<user>[^']+)' -H 'X-Auth-Token: (?<token>[^']+)' '(?<url>[^']+)'")]
    private static partial Regex CurlLine();

    [GeneratedRegex(@"embedded local Cosmos DB server at (?<endpoint>https://127\.0\.0\.1:\d+/)")]
    private static partial Regex StoreLine();
}
