namespace LivechatFunctions.Importer.Conversion;

/// <summary>A room's <c>livechat-close</c> message, in the shape the room's <c>closingMessage</c> takes.</summary>
/// <param name="RoomId">The room it closes.</param>
/// <param name="Timestamp">When it was sent; the latest one wins when a chat was closed more than once.</param>
/// <param name="Json">The whole message as plain JSON, without the fields <see cref="ClosingMessageJson"/> leaves out.</param>
public sealed record ClosingMessage(string RoomId, DateTimeOffset? Timestamp, ReadOnlyMemory<byte> Json);
