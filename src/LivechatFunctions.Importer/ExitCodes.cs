using LivechatFunctions.Importer.Terminal;

namespace LivechatFunctions.Importer;

/// <summary>The importer's exit codes (also in docs/importing.md).</summary>
public static class ExitCodes
{
    /// <summary>Done: everything importable was written (skips by rule, and malformed lines without --strict, are fine).</summary>
    public const int Success = 0;

    /// <summary>The store failed (unavailable after retries, access refused, missing container), or reading failed.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong (unknown option, missing file, key for a non-loopback endpoint, ...).</summary>
    public const int Usage = 2;

    /// <summary>The input is refused: a malformed line with --strict (or with --remove-absent-users, in the users export), or a users export without the fields the import needs.</summary>
    public const int InvalidInput = 3;

    /// <summary>Finished, but the store refused some documents (listed above the summary).</summary>
    public const int SomeDocumentsRejected = 4;

    /// <summary>Stopped with Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;

    public static int For(ImportOutcome outcome, long rejected) => outcome switch
    {
        ImportOutcome.Completed => rejected > 0 ? SomeDocumentsRejected : Success,
        ImportOutcome.InvalidInput => InvalidInput,
        ImportOutcome.Cancelled => Cancelled,
        _ => Failed,
    };
}
