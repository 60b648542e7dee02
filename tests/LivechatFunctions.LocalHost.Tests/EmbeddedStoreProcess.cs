using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>
/// <c>livechat-local store --port 0</c> as a user starts it: a process of its own, read up to the line that says
/// how to stop it.
/// </summary>
public sealed class EmbeddedStoreProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmbeddedStoreProcess(Process process, string printed)
    {
        _process = process;
        Printed = printed;
    }

    /// <summary>Everything printed before "Press Ctrl+C to stop.".</summary>
    public string Printed { get; }

    public int ProcessId => _process.Id;

    public static async Task<EmbeddedStoreProcess> StartAsync(CancellationToken cancellationToken)
    {
        var process = LivechatLocalProcess.Start("store", "--port", "0");
        try
        {
            var (printed, ready) = await LivechatLocalProcess.ReadUntilReadyAsync(process, cancellationToken);
            if (!ready)
            {
                throw new InvalidOperationException("store ended before it was ready:\n" + string.Join('\n', printed) + await process.StandardError.ReadToEndAsync(cancellationToken));
            }

            return new EmbeddedStoreProcess(process, string.Join('\n', printed));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The printed lines that start with a quoted setting name, read the way they are meant to be used: pasted into
    /// the <c>Values</c> object of local.settings.json.
    /// </summary>
    public IReadOnlyDictionary<string, string> PrintedSettings()
    {
        var lines = Printed.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("\"Cosmos__", StringComparison.Ordinal));
        var values = "{" + string.Join('\n', lines).TrimEnd(',') + "}";
        return JsonSerializer.Deserialize<Dictionary<string, string>>(values)!;
    }

    public async Task<int> SignalAndWaitAsync(string signal, CancellationToken cancellationToken)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Node processes still running the launcher for this process (the launcher is given its parent's id).</summary>
    public IReadOnlyList<int> LauncherChildren()
    {
        var marker = $"launcher.js\0--port\0";
        var parent = $"\0--parent-pid\0{_process.Id.ToString(CultureInfo.InvariantCulture)}\0";
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (commandLine.Contains(marker, StringComparison.Ordinal) && commandLine.Contains(parent, StringComparison.Ordinal))
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // It exited while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read, so not our child either.
            }
        }

        return children;
    }

    /// <summary>Whether something still accepts connections on the port, given a moment to finish exiting.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, port);
            }
            catch (SocketException)
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
