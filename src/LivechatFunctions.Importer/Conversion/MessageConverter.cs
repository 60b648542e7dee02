using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// A <c>rocketchat_message</c> document as a message document (spec §4). Only what the endpoint reads is kept:
/// <c>_id</c>, <c>rid</c>, <c>msg</c>, <c>ts</c>, <c>u</c> (<c>_id</c> and <c>username</c>) and <c>t</c>. Attachments,
/// URL previews, parsed markdown and the rest can each be larger than the text and nothing here reads them.
/// </summary>
public static class MessageConverter
{
    public const string ClosingMessageType = "livechat-close";

    /// <param name="message">The exported message.</param>
    /// <param name="visitorOfRoom">The visitor id of an imported livechat room, or <c>null</c> for any other room.</param>
    /// <param name="source">Where the message came from.</param>
    public static MessageConversion Convert(JsonElement message, Func<string, string?> visitorOfRoom, string source)
    {
        ArgumentNullException.ThrowIfNull(visitorOfRoom);
        if (!message.TryGetProperty("rid", out var ridElement) || !ExtendedJson.TryGetString(ridElement, out var roomId) || roomId.Length == 0)
        {
            return MessageConversion.Skipped(SkipReasons.MessageWithoutRoom);
        }

        if (visitorOfRoom(roomId) is not { } visitorId)
        {
            return MessageConversion.Skipped(SkipReasons.MessageOfOtherRoom);
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
            return MessageConversion.Skipped(SkipReasons.MessageHidden);
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
        return new MessageConversion(document, null, IsClosingMessage(message) ? ToClosingMessage(message, id, roomId) : null);
    }

    private static bool IsClosingMessage(JsonElement message) =>
        message.TryGetProperty("t", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals(ClosingMessageType);

    private static ClosingMessage ToClosingMessage(JsonElement message, string id, string roomId)
    {
        var json = DocumentJson.Write(256, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("_id", id);
            WriteMessageFields(writer, message);
            writer.WriteEndObject();
        });
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
