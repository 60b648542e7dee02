using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// A <c>rocketchat_message</c> document as a message document (spec §4). Only what the endpoint reads is kept:
/// <c>_id</c>, <c>rid</c>, <c>msg</c>, <c>ts</c>, <c>u</c> (<c>_id</c> and <c>username</c>) and <c>t</c>. Attachments,
/// URL previews, parsed markdown and the rest can each be larger than the text and nothing here reads them.
/// A <c>livechat-close</c> message also yields its room's <c>closingMessage</c>, whole (<see cref="ClosingMessageJson"/>);
/// a hidden message yields the deletion of the document an earlier import may have written for it.
/// </summary>
public static class MessageConverter
{
    public const string ClosingMessageType = "livechat-close";

    /// <param name="message">The exported message.</param>
    /// <param name="visitorOfRoom">The visitor id of an imported livechat room, or <c>null</c> for any other room.</param>
    /// <param name="source">Where the message came from.</param>
    /// <param name="roomLineMalformed">Whether the room's own line in the rooms file could not be read.</param>
    public static MessageConversion Convert(JsonElement message, Func<string, string?> visitorOfRoom, string source, Func<string, bool>? roomLineMalformed = null)
    {
        ArgumentNullException.ThrowIfNull(visitorOfRoom);
        if (!message.TryGetProperty("rid", out var ridElement) || !ExtendedJson.TryGetString(ridElement, out var roomId) || roomId.Length == 0)
        {
            return MessageConversion.Skipped(SkipReasons.MessageWithoutRoom);
        }

        if (visitorOfRoom(roomId) is not { } visitorId)
        {
            return MessageConversion.Skipped(roomLineMalformed?.Invoke(roomId) == true ? SkipReasons.MessageOfMalformedRoom : SkipReasons.MessageOfOtherRoom);
        }

        if (!message.TryGetProperty("_id", out var idElement) || !ExtendedJson.TryGetString(idElement, out var id) || id.Length == 0)
        {
            return MessageConversion.Skipped(SkipReasons.MessageWithoutId);
        }

        if (!CosmosIds.IsStorableId(id))
        {
            return MessageConversion.Skipped(SkipReasons.MessageIdNotStorable);
        }

        if (message.TryGetProperty("_hidden", out var hidden) && hidden.ValueKind == JsonValueKind.True)
        {
            // An earlier version of an edited message (or of a deleted one shown as deleted) is a copy with a
            // parent, hidden from the start: it never had a document. A message hidden itself (deleted while
            // Rocket.Chat keeps history) may have one from an earlier import, and must stop being found.
            if (message.TryGetProperty("parent", out _))
            {
                return MessageConversion.Skipped(SkipReasons.MessageHidden);
            }

            return MessageConversion.Skipped(SkipReasons.MessageHidden) with
            {
                Deletion = new DocumentDeletion(DocumentKind.Message, id, visitorId, DeletionReasons.MessageHidden, source),
                HiddenClosingRoomId = IsClosingMessage(message) ? roomId : null,
            };
        }

        var json = DocumentJson.Write(512, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("kind", "message");
            writer.WriteString("visitorId", visitorId);
            writer.WriteString("_id", id);
            writer.WriteString("rid", roomId);
            WriteMessageFields(writer, message);
            writer.WriteEndObject();
        });
        var document = new ConvertedDocument(DocumentKind.Message, id, visitorId, json, source);
        return new MessageConversion(document, null, IsClosingMessage(message) ? ToClosingMessage(message, roomId) : null);
    }

    private static bool IsClosingMessage(JsonElement message) =>
        message.TryGetProperty("t", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(ClosingMessageType);

    private static ClosingMessage ToClosingMessage(JsonElement message, string roomId)
    {
        var json = DocumentJson.Write(512, writer => ClosingMessageJson.Write(writer, message));
        var timestamp = message.TryGetProperty("ts", out var ts) && ExtendedJson.TryGetInstant(ts, out var instant) ? instant : default(DateTimeOffset?);
        return new ClosingMessage(roomId, timestamp, json);
    }

    private static void WriteMessageFields(Utf8JsonWriter writer, JsonElement message)
    {
        WriteIfPresent(writer, message, "msg");
        WriteIfPresent(writer, message, "ts");
        if (message.TryGetProperty("u", out var user) && user.ValueKind == JsonValueKind.Object)
        {
            writer.WriteStartObject("u");
            WriteIfPresent(writer, user, "_id");
            WriteIfPresent(writer, user, "username");
            writer.WriteEndObject();
        }

        WriteIfPresent(writer, message, "t");
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, JsonElement source, string name)
    {
        if (source.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            writer.WritePropertyName(name);
            ExtendedJson.WriteValue(writer, value);
        }
    }
}
