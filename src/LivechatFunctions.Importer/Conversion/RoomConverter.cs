using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// A <c>rocketchat_room</c> document as a chat document (spec §4): the room in plain JSON plus the storage fields,
/// <c>open</c> only while the chat is open, and its <c>closingMessage</c> whole (<see cref="ClosingMessageJson"/>).
/// </summary>
public static class RoomConverter
{
    private static readonly HashSet<string> StorageFields = ["id", "kind", "visitorId"];

    public static RoomFacts Inspect(JsonElement room)
    {
        if (!room.TryGetProperty("t", out var type) || !ExtendedJson.TryGetString(type, out var t) || t != "l")
        {
            return RoomFacts.Skipped(SkipReasons.RoomNotLivechat);
        }

        if (!room.TryGetProperty("_id", out var idElement) || !ExtendedJson.TryGetString(idElement, out var roomId) || roomId.Length == 0)
        {
            return RoomFacts.Skipped(SkipReasons.RoomWithoutId);
        }

        if (!room.TryGetProperty("v", out var visitor) || visitor.ValueKind != JsonValueKind.Object
            || !visitor.TryGetProperty("_id", out var visitorIdElement) || !ExtendedJson.TryGetString(visitorIdElement, out var visitorId)
            || visitorId.Length == 0)
        {
            return RoomFacts.Skipped(SkipReasons.RoomWithoutVisitor);
        }

        if (!CosmosIds.IsStorableId(roomId) || !CosmosIds.IsStorablePartitionKey(visitorId))
        {
            return RoomFacts.Skipped(SkipReasons.RoomIdNotStorable);
        }

        var hasClosingMessage = room.TryGetProperty("closingMessage", out var closing) && closing.ValueKind == JsonValueKind.Object;
        var closingId = hasClosingMessage && closing.TryGetProperty("_id", out var closingIdElement) && ExtendedJson.TryGetString(closingIdElement, out var id)
            ? id
            : null;
        return new RoomFacts(roomId, visitorId, hasClosingMessage, null) { OwnClosingMessageId = closingId };
    }

    /// <param name="room">The exported room.</param>
    /// <param name="facts">Its <see cref="Inspect"/> result, which must not be a skip.</param>
    /// <param name="closingMessage">The closing message found among its messages, used only when the room has none (or its own is hidden).</param>
    /// <param name="source">Where the room came from.</param>
    /// <param name="ownClosingHidden">The room's own <c>closingMessage</c> is a message Rocket.Chat has hidden: it is left out.</param>
    public static ConvertedDocument ToDocument(JsonElement room, RoomFacts facts, ReadOnlyMemory<byte>? closingMessage, string source, bool ownClosingHidden = false)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Skip is not null)
        {
            throw new ArgumentException("A skipped room has no document.", nameof(facts));
        }

        var json = DocumentJson.Write(room.GetRawText().Length, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", facts.RoomId);
            writer.WriteString("kind", "room");
            writer.WriteString("visitorId", facts.VisitorId);
            var ownClosing = facts.HasClosingMessage && !ownClosingHidden;
            foreach (var property in room.EnumerateObject())
            {
                if (StorageFields.Contains(property.Name))
                {
                    continue;
                }

                switch (property.Name)
                {
                    // Rocket.Chat removes open when it closes a chat: the field exists only while the chat is open.
                    case "open" when property.Value.ValueKind != JsonValueKind.True:
                        break;
                    // Anything but an object (null) is no closing message; the one from the messages may take its place.
                    case "closingMessage":
                        if (ownClosing)
                        {
                            writer.WritePropertyName(property.Name);
                            ClosingMessageJson.Write(writer, property.Value);
                        }

                        break;
                    default:
                        writer.WritePropertyName(property.Name);
                        ExtendedJson.WriteValue(writer, property.Value);
                        break;
                }
            }

            if (!ownClosing && closingMessage is { } closing)
            {
                writer.WritePropertyName("closingMessage");
                writer.WriteRawValue(closing.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        });
        return new ConvertedDocument(DocumentKind.Room, facts.RoomId, facts.VisitorId, json, source);
    }
}
