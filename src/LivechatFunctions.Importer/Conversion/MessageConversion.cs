namespace LivechatFunctions.Importer.Conversion;

/// <summary>What one exported message becomes: a document or a skip, and possibly its room's closing message.</summary>
public sealed record MessageConversion(ConvertedDocument? Document, SkipReason? Skip, ClosingMessage? Closing)
{
    public static MessageConversion Skipped(SkipReason reason) => new(null, reason, null);
}
