namespace LivechatFunctions.Importer.Conversion;

/// <summary>What the importer needs to know about a room before writing it or its messages.</summary>
/// <param name="RoomId">The room's <c>_id</c>, when it is an importable livechat room.</param>
/// <param name="VisitorId">Its <c>v._id</c>: the partition of the room and its messages.</param>
/// <param name="HasClosingMessage">The room carries its own <c>closingMessage</c>; one from its messages is not needed.</param>
/// <param name="Skip">Why the room is not imported, or <c>null</c>.</param>
public sealed record RoomFacts(string RoomId, string VisitorId, bool HasClosingMessage, SkipReason? Skip)
{
    /// <summary>The <c>_id</c> of the room's own <c>closingMessage</c>, when it has one with an id.</summary>
    public string? OwnClosingMessageId { get; init; }

    public static RoomFacts Skipped(SkipReason reason) => new(string.Empty, string.Empty, false, reason);
}
