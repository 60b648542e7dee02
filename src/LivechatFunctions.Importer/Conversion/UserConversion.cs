namespace LivechatFunctions.Importer.Conversion;

/// <summary>What one exported user becomes: a token document per usable token, and what was skipped and why.</summary>
public sealed record UserConversion(IReadOnlyList<ConvertedDocument> Documents, IReadOnlyList<SkipReason> Skips)
{
    public static UserConversion Skipped(SkipReason reason) => new([], [reason]);
}
