using System.Diagnostics;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The built <c>livechat-local</c> tool run as its own process, the way a newcomer starts it.</summary>
internal static class LivechatLocalProcess
{
    /// <summary>Starts <c>dotnet livechat-local.dll</c> with <paramref name="arguments"/>, both output streams redirected.</summary>
    public static Process Start(params string[] arguments) =>
        Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "livechat-local.dll"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;

    /// <summary>
    /// The lines printed before the "Press Ctrl+C to stop." line, and whether that line came (it does not when the
    /// process ends first).
    /// </summary>
    public static async Task<(List<string> Printed, bool Ready)> ReadUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var printed = new List<string>();
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(cancellationToken)) is not null && !line.Contains("Ctrl+C", StringComparison.Ordinal))
        {
            printed.Add(line);
        }

        return (printed, line is not null);
    }
}
