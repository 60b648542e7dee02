using System.Text.Json;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// The fields a history item may carry (spec §3), in the order they are written. The same list drives the
/// query's projection and the copy into the response, so a field that is not here never leaves the store.
/// </summary>
public static class ChatHistoryItem
{
    public static IReadOnlyList<string> Fields { get; } =
    [
        "_id", "fname", "ts", "msgs", "v", "servedBy", "closedAt", "closedBy", "closer", "tags", "closingMessage",
    ];

    /// <summary>The SELECT list for a chat document aliased <paramref name="alias"/>.</summary>
    public static string Projection(string alias) => string.Join(", ", Fields.Select(f => $"{alias}.{f}"));

    /// <summary>Copies the allowed fields of <paramref name="chat"/>, in contract order, skipping absent ones.</summary>
    public static void Write(Utf8JsonWriter writer, JsonElement chat)
    {
        writer.WriteStartObject();
        foreach (var field in Fields)
        {
            if (chat.TryGetProperty(field, out var value))
            {
                writer.WritePropertyName(field);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }
}
