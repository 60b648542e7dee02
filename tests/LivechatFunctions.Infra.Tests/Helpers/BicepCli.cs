using System.Diagnostics;
using System.Reflection;

namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>Runs the Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
internal static class BicepCli
{
    private const string PackagePathKey = "BicepPackagePath";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private static readonly Lazy<string> ExecutablePath = new(Locate);

    public static BicepResult Run(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath.Value)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");

        // Drain both streams concurrently so a full pipe never blocks the CLI.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return new BicepResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    private static string Locate()
    {
        var packagePath = typeof(BicepCli).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == PackagePathKey)?.Value;
        if (string.IsNullOrEmpty(packagePath))
        {
            throw new InvalidOperationException(
                $"The test assembly has no {PackagePathKey} metadata; restore the test project so the Bicep package path is known.");
        }

        var executable = Path.Combine(packagePath, "tools", OperatingSystem.IsWindows() ? "bicep.exe" : "bicep");
        if (!File.Exists(executable))
        {
            throw new FileNotFoundException("The Bicep CLI is missing from its NuGet package.", executable);
        }

        // NuGet extracts package files without guaranteeing the execute bit for everyone.
        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            var mode = File.GetUnixFileMode(executable);
            if ((mode & execute) != execute)
            {
                File.SetUnixFileMode(executable, mode | execute);
            }
        }

        return executable;
    }
}

internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError);
