using System.Text.Json;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// A room's <c>closingMessage</c>: the whole <c>livechat-close</c> message as Rocket.Chat stores it, converted to
/// plain JSON, without the fields that can be far larger than the message and that nothing here reads.
/// </summary>
public static class ClosingMessageJson
{
    /// <summary>Left out: file and card attachments, URL previews (<c>urls</c>) and the parsed markdown tree (<c>md</c>).</summary>
    public static readonly IReadOnlySet<string> LeftOutFields = new HashSet<string>(["attachments", "urls", "md"], StringComparer.Ordinal);

    public static void Write(Utf8JsonWriter writer, JsonElement message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var property in message.EnumerateObject())
        {
            if (!LeftOutFields.Contains(property.Name))
            {
                writer.WritePropertyName(property.Name);
                ExtendedJson.WriteValue(writer, property.Value);
            }
        }

        writer.WriteEndObject();
    }
}
