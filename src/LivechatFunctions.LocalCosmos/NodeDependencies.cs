using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace LivechatFunctions.LocalCosmos;

/// <summary>
/// Installs the server's npm dependencies next to launcher.js on first use. The build copies
/// only the lock file, so every output folder installs exactly what the lock pins.
/// </summary>
internal static class NodeDependencies
{
    // Records which lock file the current node_modules was installed from. A hash rather than
    // timestamps, because copies made by the build do not reliably preserve modification times
    // and an interrupted install leaves a fresh-looking but incomplete node_modules behind.
    private const string MarkerFileName = ".livechat-lock.sha256";
    private const string LockFileName = ".npm-install.lock";
    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(250);

    public static async Task EnsureInstalledAsync(
        string serverDirectory, string npmExecutable, TimeSpan timeout, CancellationToken ct)
    {
        var packageLock = Path.Combine(serverDirectory, "package-lock.json");
        if (!File.Exists(packageLock))
        {
            throw new FileNotFoundException(
                $"The Cosmos DB server's package-lock.json is missing from '{serverDirectory}'.", packageLock);
        }

        var marker = Path.Combine(serverDirectory, "node_modules", MarkerFileName);
        var expected = await HashFileAsync(packageLock, ct).ConfigureAwait(false);
        if (await IsInstalledAsync(marker, expected, ct).ConfigureAwait(false))
        {
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            // Test hosts run several assemblies (and xunit several classes) at once; two npm ci
            // runs in one folder would delete each other's node_modules.
            await using var installLock = await AcquireLockAsync(
                Path.Combine(serverDirectory, LockFileName), deadline.Token).ConfigureAwait(false);

            // Whoever held the lock before us may have done the work already.
            if (await IsInstalledAsync(marker, expected, deadline.Token).ConfigureAwait(false))
            {
                return;
            }

            await RunNpmCiAsync(serverDirectory, npmExecutable, deadline.Token).ConfigureAwait(false);
            await File.WriteAllTextAsync(marker, expected, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"Installing the Cosmos DB server's npm packages in '{serverDirectory}' took longer than {timeout}. " +
                $"If another process holds '{LockFileName}' there, it may be stuck.");
        }
    }

    private static async Task<bool> IsInstalledAsync(string marker, string expectedHash, CancellationToken ct) =>
        File.Exists(marker)
        && string.Equals(
            (await File.ReadAllTextAsync(marker, ct).ConfigureAwait(false)).Trim(),
            expectedHash,
            StringComparison.OrdinalIgnoreCase);

    private static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive lock that other processes (and other handles
                // in this one) see; the file stays behind on purpose, since deleting it while
                // someone waits on it would let two holders in.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(LockRetryDelay, ct).ConfigureAwait(false);
            }
        }
    }

    private static async Task RunNpmCiAsync(string serverDirectory, string npmExecutable, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(npmExecutable)
        {
            WorkingDirectory = serverDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var npm = new Process { StartInfo = startInfo };
        try
        {
            npm.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                $"Could not run '{npmExecutable}' to install the Cosmos DB server ({ex.Message}). " +
                $"Install Node.js 20 or later, or set {CosmosServerOptions.NpmEnvironmentVariable} to npm's path.",
                ex);
        }

        var output = new OutputTail(40);
        var pumps = Task.WhenAll(output.PumpAsync(npm.StandardOutput), output.PumpAsync(npm.StandardError));
        try
        {
            await npm.WaitForExitAsync(ct).ConfigureAwait(false);
            await pumps.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            ProcessKiller.KillTree(npm);
            throw;
        }

        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{npmExecutable} ci' failed with exit code {npm.ExitCode} in '{serverDirectory}'. " +
                output.Describe("output"));
        }
    }
}
