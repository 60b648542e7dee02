using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LivechatFunctions.LocalHost.Tests.ReverseProxy;

/// <summary>
/// Real nginx on 127.0.0.1, run as the current user in the foreground (daemon off) with its own prefix, pid file,
/// logs and temp directories under a fresh temporary directory, so it writes nothing under /var. The site is the
/// committed template; the main configuration around it is what a Debian nginx.conf's http block would hold.
/// </summary>
internal sealed class NginxProxy(string executable, DirectoryInfo prefix, Process process, int port) : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _executable = executable;
    private readonly DirectoryInfo _prefix = prefix;
    private readonly Process _process = process;

    public Uri BaseAddress { get; } = new($"https://127.0.0.1:{port}/");

    public string ErrorLog => ReadIfExists(Path.Combine(_prefix.FullName, "error.log"));

    /// <summary>Starts nginx serving <paramref name="site"/> (a rendered template) on <paramref name="port"/>.</summary>
    public static async Task<NginxProxy> StartAsync(string executable, DirectoryInfo prefix, string site, int port, CancellationToken cancellationToken)
    {
        File.WriteAllText(Path.Combine(prefix.FullName, "site.conf"), site);
        var configPath = Path.Combine(prefix.FullName, "nginx.conf");
        File.WriteAllText(configPath, MainConfiguration(prefix.FullName));

        var startInfo = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -e: the log for messages before the configuration is read, which would otherwise be /var/log/nginx/error.log.
        foreach (var argument in (string[])["-p", prefix.FullName + "/", "-c", configPath, "-e", Path.Combine(prefix.FullName, "error.log")])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var proxy = new NginxProxy(executable, prefix, process, port);
        try
        {
            await proxy.WaitUntilListeningAsync(port, cancellationToken);
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // A fast shutdown of master and workers through the pid file, as `nginx -s stop` does for a service.
            using var stop = Process.Start(new ProcessStartInfo(_executable)
            {
                ArgumentList = { "-p", _prefix.FullName + "/", "-c", Path.Combine(_prefix.FullName, "nginx.conf"), "-e", Path.Combine(_prefix.FullName, "error.log"), "-s", "stop" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (stop is not null)
            {
                await stop.WaitForExitAsync();
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string MainConfiguration(string prefix)
    {
        // Workers of a root master would switch to nobody, who cannot read this directory: keep them as root then.
        var user = Environment.UserName == "root" ? "user root;\n" : string.Empty;
        return $$"""
            {{user}}daemon off;
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events {
                worker_connections 128;
            }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client_body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                include {{prefix}}/site.conf;
            }
            """;
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

    private async Task WaitUntilListeningAsync(int port, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                var stderr = await _process.StandardError.ReadToEndAsync(cancellationToken);
                throw new InvalidOperationException($"nginx exited with {_process.ExitCode}:{Environment.NewLine}{stderr}{ErrorLog}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException) when (clock.Elapsed < StartTimeout)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
