namespace LivechatFunctions.Importer.Conversion;

/// <summary>What one exported message becomes: a document or a skip, and possibly its room's closing message.</summary>
/// <param name="Document">The message document to write.</param>
/// <param name="Skip">Why nothing is written.</param>
/// <param name="Closing">The room's closing message, when this is a shown <c>livechat-close</c> message.</param>
public sealed record MessageConversion(ConvertedDocument? Document, SkipReason? Skip, ClosingMessage? Closing)
{
    /// <summary>A hidden message of an imported room: its document, if an earlier import wrote one, goes.</summary>
    public DocumentDeletion? Deletion { get; init; }

    /// <summary>The room whose hidden <c>livechat-close</c> message this is: it is no longer that room's closing message.</summary>
    public string? HiddenClosingRoomId { get; init; }

    public static MessageConversion Skipped(SkipReason reason) => new(null, reason, null);
}
