using System.Diagnostics;

namespace LivechatFunctions.Infra.Tests.Helpers;

/// <summary>Runs a command-line tool to its end with both output streams captured, killing it when it overruns.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// How to start <paramref name="fileName"/> with <paramref name="arguments"/>, output redirected, in
    /// <paramref name="workingDirectory"/> (this process's own when <c>null</c>).
    /// </summary>
    public static ProcessStartInfo Redirected(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Runs the process to its end; past <paramref name="timeout"/> it is killed and <paramref name="overrun"/> thrown.</summary>
    public static ScriptResult Run(ProcessStartInfo startInfo, TimeSpan timeout, string overrun)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");

        // Drain both streams concurrently so a full pipe never blocks the tool.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(overrun);
        }

        return new ScriptResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), clock.Elapsed);
    }
}
