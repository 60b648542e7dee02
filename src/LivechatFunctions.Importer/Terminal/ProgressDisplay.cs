using System.Globalization;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;

namespace LivechatFunctions.Importer.Terminal;

/// <summary>
/// Shows counts, rate and an ETA from the bytes read: several times a second on a terminal, as a plain line
/// every <see cref="PlainInterval"/> otherwise (a log or a pipe keeps a readable history).
/// </summary>
/// <param name="console">Where to draw.</param>
/// <param name="progress">Bytes read and phase.</param>
/// <param name="tally">Documents written so far.</param>
/// <param name="clock">Paces the updates.</param>
public sealed class ProgressDisplay(ImportConsole console, ImportProgress progress, ImportTally tally, TimeProvider clock)
{
    public static readonly TimeSpan TerminalInterval = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);

    private readonly long _started = clock.GetTimestamp();

    public TimeSpan Elapsed => clock.GetElapsedTime(_started);

    /// <summary>Updates until cancelled; never throws for that.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var interval = console.IsTerminal ? TerminalInterval : PlainInterval;
        try
        {
            while (true)
            {
                await Task.Delay(interval, clock, cancellationToken);
                var line = Describe(progress, tally, Elapsed);
                if (console.IsTerminal)
                {
                    console.Status(line);
                }
                else
                {
                    console.WriteLine(line);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.ClearStatus();
        }
    }

    /// <summary>The progress line, e.g. <c>messages | rooms 0, messages 51,200, tokens 96 | 1,830 docs/s | 41% | ETA 0:01:12</c>.</summary>
    public static string Describe(ImportProgress progress, ImportTally tally, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(tally);
        var written = tally.WrittenTotal;
        var rate = elapsed.TotalSeconds > 0 ? written / elapsed.TotalSeconds : 0;
        var remaining = progress.EstimateRemaining(elapsed);
        return string.Create(CultureInfo.InvariantCulture,
            $"{progress.Phase} | rooms {tally.WrittenOf(DocumentKind.Room):N0}, messages {tally.WrittenOf(DocumentKind.Message):N0}, " +
            $"tokens {tally.WrittenOf(DocumentKind.Token):N0} | {rate:N0} docs/s | {progress.Fraction * 100:N0}% | ETA {(remaining is { } eta ? FormatDuration(eta) : "?")}");
    }

    /// <summary>Hours, minutes and seconds, e.g. <c>0:01:12</c> or <c>27:03:00</c>.</summary>
    public static string FormatDuration(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}:{duration.Minutes:00}:{duration.Seconds:00}");
}
