using System.CommandLine;
using LivechatFunctions.Importer.CommandLine;
using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Import;
using LivechatFunctions.Importer.Store;
using LivechatFunctions.Importer.Terminal;

namespace LivechatFunctions.Importer;

/// <summary>
/// One <c>livechat-import</c> invocation from arguments to exit code: read the command line, open the store,
/// run the import with progress, and always end with a summary of what landed.
/// </summary>
public static class ImportApplication
{
    public static Task<int> RunAsync(IReadOnlyList<string> args, ImportConsole console, TimeProvider clock, CancellationToken cancellationToken) =>
        RunAsync(args, console, clock, StoreRetryPolicy.Default, cancellationToken);

    /// <param name="args">Command-line arguments.</param>
    /// <param name="console">Where output goes.</param>
    /// <param name="clock">"Now" for token expiry, and the pace of progress and retries.</param>
    /// <param name="retry">Waits between retries of transient store failures.</param>
    /// <param name="cancellationToken">Ctrl+C: stops reading, cancels the writes in flight, and still reports.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, ImportConsole console, TimeProvider clock, StoreRetryPolicy retry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(clock);
        var parsed = ImportCommandLine.Parse(args);
        if (parsed.IsInformational)
        {
            return await parsed.Parse.InvokeAsync(new InvocationConfiguration { Output = console.Output, Error = console.Error }, cancellationToken);
        }

        if (parsed.Options is not { } options)
        {
            foreach (var error in parsed.Errors)
            {
                console.Report("livechat-import: " + error);
            }

            console.Report("Run livechat-import --help for the options.");
            return ExitCodes.Usage;
        }

        var tally = new ImportTally();
        var started = clock.GetTimestamp();
        ImportTarget? target = null;
        // A dry run given an endpoint reads the store (never writes it) to tell which documents would be deleted.
        if (options.Endpoint is not null)
        {
            console.WriteLine($"Connecting to {options.Endpoint} (database '{options.DatabaseName}', containers '{options.RoomsContainerName}' and '{options.TokensContainerName}'){(options.DryRun ? " to read only" : string.Empty)}...");
            try
            {
                target = await ImportTarget.OpenAsync(options, cancellationToken);
            }
            catch (StoreFailedException ex)
            {
                console.Report("livechat-import: " + ex.Message);
                console.Report("Nothing was written.");
                return ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.Report("Cancelled before anything was written.");
                return ExitCodes.Cancelled;
            }
#pragma warning disable CA1031 // A bad key format or a credential quirk must still end in a message and exit code 1, not a stack trace.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                console.Report($"livechat-import: cannot connect to {options.Endpoint}: {ex.GetType().Name}: {ex.Message}");
                console.Report("Nothing was written.");
                return ExitCodes.Failed;
            }
        }

        using (target)
        {
            var dryRunSink = options.DryRun ? new DryRunDocumentSink(tally, target?.Rooms, target?.Tokens) : null;
            using var cosmosSink = target is null || options.DryRun
                ? null
                : new CosmosDocumentSink(target.Rooms, target.Tokens, options.Concurrency, tally, retry, clock, console.Report, cancellationToken);
            IDocumentSink sink = dryRunSink ?? (IDocumentSink)cosmosSink!;

            var (outcome, detail) = await RunWithProgressAsync(options, sink, tally, console, clock, cancellationToken);
            foreach (var line in ImportSummary.Lines(outcome, detail, tally, clock.GetElapsedTime(started), sink.Unconfirmed, options.DryRun))
            {
                console.WriteLine(line);
            }

            if (dryRunSink is { Deletions.Count: > 0 })
            {
                console.WriteLine(Invariant($"Documents that would be deleted (the first {DryRunDocumentSink.MaxListedDeletions}; token ids shortened):"));
                foreach (var deletion in dryRunSink.Deletions)
                {
                    console.WriteLine("  " + deletion);
                }
            }

            if (dryRunSink is { Samples.Count: > 0 })
            {
                console.WriteLine("Sample documents (token ids and visitor tokens shortened):");
                foreach (var sample in dryRunSink.Samples)
                {
                    console.WriteLine(sample);
                }
            }

            return ExitCodes.For(outcome, tally.RejectedTotal);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(ImportOutcome Outcome, string? Detail)> RunWithProgressAsync(
        ImportOptions options, IDocumentSink sink, ImportTally tally, ImportConsole console, TimeProvider clock, CancellationToken cancellationToken)
    {
        var progress = new ImportProgress();
        var run = new ImportRun(options, sink, tally, progress, clock, console.Report);
        using var displayStop = new CancellationTokenSource();
        var display = new ProgressDisplay(console, progress, tally, clock).RunAsync(displayStop.Token);
        ImportOutcome outcome;
        string? detail = null;
        try
        {
            await run.RunAsync(cancellationToken);
            outcome = ImportOutcome.Completed;
        }
        catch (InvalidExportException ex)
        {
            (outcome, detail) = (ImportOutcome.InvalidInput, ex.Message);
        }
        catch (StoreFailedException ex)
        {
            (outcome, detail) = (ImportOutcome.Failed, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = ImportOutcome.Cancelled;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            (outcome, detail) = (ImportOutcome.Failed, "cannot read the input: " + ex.Message);
        }
#pragma warning disable CA1031 // Whatever went wrong, the user still needs to know what landed before it.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            (outcome, detail) = (ImportOutcome.Failed, $"unexpected {ex.GetType().Name}: {ex.Message}");
        }

        if (outcome != ImportOutcome.Completed)
        {
            // Let the writes already started end (once cancelled they end at once) so the counts are final.
            try
            {
                await sink.FlushAsync(CancellationToken.None);
            }
            catch (StoreFailedException ex) when (outcome != ImportOutcome.Failed)
            {
                detail += " The store failed too: " + ex.Message;
            }
            catch (StoreFailedException)
            {
                // Already the reason this run stopped.
            }
        }

        await displayStop.CancelAsync();
        await display;
        return (outcome, detail);
    }
}
