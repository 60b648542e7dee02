using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LivechatFunctions.Storage;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalCosmos;

/// <summary>
/// A local Cosmos DB protocol server (@vercel/cosmosdb-server, in memory, HTTPS with a
/// self-signed certificate) running as a child node process on 127.0.0.1.
/// </summary>
/// <remarks>
/// The server's stdin is a pipe held by this object. Closing it stops the server, and because
/// the operating system closes it when this process dies for any reason, a crashed or killed
/// test run does not leave servers behind.
/// </remarks>
public sealed partial class CosmosServerProcess : IAsyncDisposable
{
    /// <summary>
    /// The published key of the Cosmos DB emulators. The local server checks every request's
    /// signature against it and refuses another key with 401, as the emulator does.
    /// </summary>
    public const string WellKnownKey =
        "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>Folder the build copies the server into, next to this assembly's consumers.</summary>
    public const string DefaultServerFolderName = "cosmos-server";

    private const int OutputTailLines = 50;
    private static readonly TimeSpan KillWaitLimit = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Task _outputPumps;
    private readonly Task _exited;
    private readonly TimeSpan _shutdownGracePeriod;
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    private CosmosServerProcess(
        Process process, Uri endpoint, Task outputPumps, Task exited, TimeSpan shutdownGracePeriod)
    {
        _process = process;
        _outputPumps = outputPumps;
        _exited = exited;
        _shutdownGracePeriod = shutdownGracePeriod;
        ProcessId = process.Id;
        Endpoint = endpoint;
    }

    /// <summary>Base address of the server, such as <c>https://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    public int ProcessId { get; }

    /// <summary>Connection string for code that configures Cosmos DB that way.</summary>
    public string ConnectionString => $"AccountEndpoint={Endpoint};AccountKey={WellKnownKey};";

    public bool HasExited => _exited.IsCompleted;

    /// <summary>
    /// Installs the server's npm packages if this machine has none for this version yet, starts the server
    /// and returns once it accepts connections.
    /// </summary>
    public static async Task<CosmosServerProcess> StartAsync(CosmosServerOptions? options, CancellationToken ct)
    {
        options ??= new CosmosServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options));

        var sourceDirectory = Path.GetFullPath(
            options.ServerDirectory ?? Path.Combine(AppContext.BaseDirectory, DefaultServerFolderName));
        if (!File.Exists(Path.Combine(sourceDirectory, "launcher.js")))
        {
            throw new FileNotFoundException(
                $"The Cosmos DB server launcher is missing from '{sourceDirectory}'. Projects that start it " +
                "must reference LivechatFunctions.LocalCosmos so the build copies it there.",
                Path.Combine(sourceDirectory, "launcher.js"));
        }

        // A folder given explicitly is used as is; the build's copy is shared through a per-machine cache.
        var serverDirectory = options.ServerDirectory is null ? SharedServerDirectory.Prepare(sourceDirectory) : sourceDirectory;
        var launcher = Path.Combine(serverDirectory, "launcher.js");

        await NodeDependencies.EnsureInstalledAsync(
            serverDirectory, options.NpmExecutable, options.InstallTimeout, ct).ConfigureAwait(false);

        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = StartNode(options, serverDirectory, launcher, exited);
        var stdout = new OutputTail(OutputTailLines);
        var stderr = new OutputTail(OutputTailLines);
        var stderrPump = stderr.PumpAsync(process.StandardError);
        try
        {
            var endpoint = await WaitForReadyLineAsync(process, stdout, stderr, stderrPump, options, ct)
                .ConfigureAwait(false);

            // Keep draining stdout so a chatty server can never block on a full pipe.
            var outputPumps = Task.WhenAll(stdout.PumpAsync(process.StandardOutput), stderrPump);
            return new CosmosServerProcess(process, endpoint, outputPumps, exited.Task, options.ShutdownGracePeriod);
        }
        catch
        {
            ProcessKiller.KillTree(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates a client for this server with the app's own loopback settings (<see cref="CosmosClientFactory"/>);
    /// <paramref name="configure"/> can adjust them, for example the serializer.
    /// </summary>
    public CosmosClient CreateClient(Action<CosmosClientOptions>? configure = null)
    {
        var options = CosmosClientFactory.CreateClientOptions(ClientSettings, Endpoint);
        configure?.Invoke(options);
        return new CosmosClient(Endpoint.AbsoluteUri, WellKnownKey, options);
    }

    /// <summary>The app's Cosmos settings for this server, as <c>Cosmos:*</c> configuration would give them.</summary>
    public CosmosOptions ClientSettings => new() { AccountEndpoint = Endpoint.AbsoluteUri, AccountKey = WellKnownKey };

    /// <summary>Completes when the server process has exited, for whatever reason.</summary>
    public Task WaitForExitAsync(CancellationToken ct) => _exited.WaitAsync(ct);

    /// <summary>
    /// Stops the server: closes its stdin, waits for the grace period, then kills it. Cancelling
    /// only stops the waiting; the shutdown itself always runs to the end so no server leaks.
    /// </summary>
    public Task StopAsync(CancellationToken ct)
    {
        lock (_stopGate)
        {
            _stopping ??= StopCoreAsync();
        }

        return _stopping.WaitAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static Process StartNode(
        CosmosServerOptions options, string serverDirectory, string launcher, TaskCompletionSource exited)
    {
        var startInfo = new ProcessStartInfo(options.NodeExecutable)
        {
            WorkingDirectory = serverDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(launcher);
        startInfo.ArgumentList.Add("--port");
        startInfo.ArgumentList.Add(options.Port.ToString(CultureInfo.InvariantCulture));
        startInfo.ArgumentList.Add("--parent-pid");
        startInfo.ArgumentList.Add((options.ParentProcessId ?? Environment.ProcessId).ToString(CultureInfo.InvariantCulture));

        if (options.TieOrderSeed is { } seed)
        {
            startInfo.Environment[CosmosServerOptions.TieOrderSeedEnvironmentVariable] = seed.ToString(CultureInfo.InvariantCulture);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        // Subscribed before Start so an immediate exit is not missed.
        process.Exited += (_, _) => exited.TrySetResult();
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException(
                $"Could not start '{options.NodeExecutable}' for the Cosmos DB server ({ex.Message}). " +
                $"Install Node.js 20 or later, or set {CosmosServerOptions.NodeEnvironmentVariable} to node's path.",
                ex);
        }

        return process;
    }

    private static async Task<Uri> WaitForReadyLineAsync(
        Process process,
        OutputTail stdout,
        OutputTail stderr,
        Task stderrPump,
        CosmosServerOptions options,
        CancellationToken ct)
    {
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(ct);
        startup.CancelAfter(options.StartupTimeout);
        try
        {
            while (true)
            {
                // WaitAsync as well as the token: a pipe read is not guaranteed to observe cancellation.
                var line = await process.StandardOutput.ReadLineAsync(startup.Token).AsTask()
                    .WaitAsync(startup.Token).ConfigureAwait(false);
                if (line is null)
                {
                    break;
                }

                var ready = ReadyLine().Match(line);
                if (ready.Success)
                {
                    return new Uri(ready.Groups["endpoint"].Value);
                }

                stdout.Add(line);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            ProcessKiller.KillTree(process);
            throw new TimeoutException(
                $"The Cosmos DB server did not report that it was listening within {options.StartupTimeout}. " +
                stderr.Describe("stderr"));
        }

        // Its stdout ended before the ready line: it exited, so collect why.
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        try
        {
            await stderrPump.WaitAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Report what arrived so far.
        }

        throw new InvalidOperationException(
            $"The Cosmos DB server exited with code {process.ExitCode} before it was ready. " +
            stderr.Describe("stderr") +
            (stdout.ToString().Length > 0 ? Environment.NewLine + stdout.Describe("stdout") : string.Empty));
    }

    private async Task StopCoreAsync()
    {
        try
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Already gone: the pipe's other end is closed.
            }

            using (var grace = new CancellationTokenSource(_shutdownGracePeriod))
            {
                try
                {
                    await _exited.WaitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    ProcessKiller.KillTree(_process);
                }
            }

            using var killWait = new CancellationTokenSource(KillWaitLimit);
            try
            {
                await _exited.WaitAsync(killWait.Token).ConfigureAwait(false);
                await _outputPumps.WaitAsync(killWait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                throw new TimeoutException(
                    $"The Cosmos DB server (process {ProcessId}) did not exit within {KillWaitLimit} of being killed.", ex);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    [GeneratedRegex(@"^cosmosdb-server listening on (?<endpoint>https://127\.0\.0\.1:\d+/)$", RegexOptions.CultureInvariant)]
    private static partial Regex ReadyLine();
}
