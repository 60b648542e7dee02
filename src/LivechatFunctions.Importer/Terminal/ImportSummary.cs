using System.Globalization;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Import;

namespace LivechatFunctions.Importer.Terminal;

/// <summary>The closing report: how the run ended, what was written, what was skipped and why, and what to do next.</summary>
public static class ImportSummary
{
    /// <param name="outcome">How the run ended.</param>
    /// <param name="detail">The failure's message, for anything but <see cref="ImportOutcome.Completed"/>.</param>
    /// <param name="tally">The run's counts.</param>
    /// <param name="elapsed">Run time.</param>
    /// <param name="unconfirmed">Writes started but never confirmed (cancelled, or cut short when the store failed).</param>
    /// <param name="dryRun">Nothing was written: say "would write".</param>
    public static IReadOnlyList<string> Lines(ImportOutcome outcome, string? detail, ImportTally tally, TimeSpan elapsed, long unconfirmed, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var lines = new List<string>();
        var written = tally.WrittenTotal;
        var duration = ProgressDisplay.FormatDuration(elapsed);
        var rate = elapsed.TotalSeconds > 0 ? written / elapsed.TotalSeconds : 0;
        lines.Add(outcome switch
        {
            ImportOutcome.Completed when dryRun => Text($"Dry run completed in {duration}: {written:N0} documents would be written, {tally.DeletedTotal:N0} deleted. Nothing was written."),
            ImportOutcome.Completed => Text($"Import completed in {duration}: {written:N0} documents written ({rate:N0} documents/s), {tally.DeletedTotal:N0} deleted."),
            ImportOutcome.Failed => $"Import FAILED after {duration}: {detail}",
            ImportOutcome.InvalidInput => $"Import STOPPED after {duration}: {detail}",
            _ => $"Import CANCELLED after {duration}.",
        });

        lines.Add(dryRun ? "  would write" : outcome == ImportOutcome.Completed ? "  written" : "  written before it stopped (confirmed by the store)");
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            lines.Add(Text($"    {Plural(kind),-10}{tally.WrittenOf(kind),12:N0}"));
        }

        var deleted = tally.Deleted;
        if (deleted.Count > 0)
        {
            lines.Add(dryRun ? "  would delete (gone from Rocket.Chat)" : "  deleted (gone from Rocket.Chat)");
            foreach (var (reason, count) in deleted)
            {
                lines.Add(Text($"    {Plural(reason.Kind),-10}{count,12:N0}  {reason.Description}"));
            }
        }

        var notChecked = tally.Unchecked;
        if (notChecked.Count > 0)
        {
            lines.Add("  would delete where present (without --endpoint a dry run cannot see the store)");
            foreach (var (reason, count) in notChecked)
            {
                lines.Add(reason.Kind == DocumentKind.Token
                    ? Text($"    {Plural(reason.Kind),-10}{"?",12}  {reason.Description}{(reason == DeletionReasons.TokenOfAbsentUser ? string.Empty : $" ({count:N0} users to check)")}")
                    : Text($"    {Plural(reason.Kind),-10}{count,12:N0}  {reason.Description}"));
            }
        }

        var skipped = tally.Skipped;
        if (skipped.Count > 0)
        {
            lines.Add("  skipped");
            foreach (var (reason, count) in skipped)
            {
                lines.Add(Text($"    {reason.Subject,-10}{count,12:N0}  {reason.Description}"));
            }
        }

        if (tally.MalformedTotal > 0)
        {
            lines.Add(Text($"  malformed lines{(outcome == ImportOutcome.InvalidInput ? string.Empty : " (skipped, reported above)")}"));
            foreach (var (file, count) in tally.MalformedByFile)
            {
                lines.Add(Text($"    {file,-10}{count,12:N0}"));
            }
        }

        if (tally.RejectedTotal > 0)
        {
            lines.Add("  rejected by the store (reported above)");
            foreach (var kind in Enum.GetValues<DocumentKind>().Where(k => tally.RejectedOf(k) > 0))
            {
                lines.Add(Text($"    {Plural(kind),-10}{tally.RejectedOf(kind),12:N0}"));
            }
        }

        if (outcome != ImportOutcome.Completed && !dryRun)
        {
            if (unconfirmed > 0)
            {
                lines.Add(Text($"  {unconfirmed:N0} more writes were started but not confirmed: they may or may not have landed."));
            }

            lines.Add("  Not everything landed. Run the same command again to finish: upserts make a rerun safe.");
        }

        return lines;
    }

    private static string Plural(DocumentKind kind) => kind switch
    {
        DocumentKind.Room => "rooms",
        DocumentKind.Message => "messages",
        _ => "tokens",
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
