namespace LivechatFunctions.Importer.Conversion;

/// <summary>What one exported user becomes: a token document per usable token, and what was skipped and why.</summary>
/// <param name="Documents">Token documents to write.</param>
/// <param name="Skips">What was not written, and why.</param>
public sealed record UserConversion(IReadOnlyList<ConvertedDocument> Documents, IReadOnlyList<SkipReason> Skips)
{
    /// <summary>The user's token documents that must go, or <c>null</c> when the line proves nothing about them.</summary>
    public TokenReconciliation? Reconciliation { get; init; }

    public static UserConversion Skipped(SkipReason reason) => new([], [reason]);
}
