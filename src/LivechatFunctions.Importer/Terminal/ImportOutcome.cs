namespace LivechatFunctions.Importer.Terminal;

/// <summary>How a run ended.</summary>
public enum ImportOutcome
{
    /// <summary>Every input line was read and every document handed over was written, rejected or skipped by rule.</summary>
    Completed,

    /// <summary>The store stopped taking writes, or an input file could not be read.</summary>
    Failed,

    /// <summary>A malformed line under --strict, input that is not JSON lines, or a users export the import cannot rely on.</summary>
    InvalidInput,

    /// <summary>Ctrl+C.</summary>
    Cancelled,
}
