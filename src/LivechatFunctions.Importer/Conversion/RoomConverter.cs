using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>A <c>rocketchat_room</c> document as a chat document (spec §4): the room in plain JSON plus the storage fields.</summary>
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
        return new RoomFacts(roomId, visitorId, hasClosingMessage, null);
    }

    /// <param name="room">The exported room.</param>
    /// <param name="facts">Its <see cref="Inspect"/> result, which must not be a skip.</param>
    /// <param name="closingMessage">The closing message found among its messages, used only when the room has none.</param>
    /// <param name="source">Where the room came from.</param>
    public static ConvertedDocument ToDocument(JsonElement room, RoomFacts facts, ReadOnlyMemory<byte>? closingMessage, string source)
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
            foreach (var property in room.EnumerateObject())
            {
                if (!StorageFields.Contains(property.Name))
                {
                    writer.WritePropertyName(property.Name);
                    ExtendedJson.WriteValue(writer, property.Value);
                }
            }

            if (!facts.HasClosingMessage && closingMessage is { } closing)
            {
                writer.WritePropertyName("closingMessage");
                writer.WriteRawValue(closing.Span, skipInputValidation: true);
            }

            writer.WriteEndObject();
        });
        return new ConvertedDocument(DocumentKind.Room, facts.RoomId, facts.VisitorId, json, source);
    }
}
