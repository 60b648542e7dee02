using System.Runtime.InteropServices;
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

    // The names as UTF-8, encoded once: every row of every page looks each of them up and writes it.
    private static readonly JsonEncodedText[] EncodedFields = [.. Fields.Select(f => JsonEncodedText.Encode(f))];

    /// <summary>The SELECT list for a chat document aliased <paramref name="alias"/>.</summary>
    public static string Projection(string alias) => string.Join(", ", Fields.Select(f => $"{alias}.{f}"));

    /// <summary>Copies the allowed fields of <paramref name="chat"/>, in contract order, skipping absent ones.</summary>
    /// <remarks>Values are copied as the store wrote them; <paramref name="chat"/> comes from a parsed, so valid, document.</remarks>
    public static void Write(Utf8JsonWriter writer, JsonElement chat)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IsAlreadyAnItem(chat))
        {
            writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(chat), skipInputValidation: true);
            return;
        }

        writer.WriteStartObject();
        foreach (var field in EncodedFields)
        {
            if (chat.TryGetProperty(field.EncodedUtf8Bytes, out var value))
            {
                writer.WritePropertyName(field);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
    }

    // The page query projects exactly these fields in this order, so a row usually is the item byte for byte: every
    // property allowed, none twice, in contract order. Checking that walks the row once; rebuilding it looks up
    // every field and copies every value.
    private static bool IsAlreadyAnItem(JsonElement chat)
    {
        if (chat.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var next = 0;
        foreach (var property in chat.EnumerateObject())
        {
            while (next < EncodedFields.Length && !property.NameEquals(EncodedFields[next].EncodedUtf8Bytes))
            {
                next++;
            }

            if (next++ == EncodedFields.Length)
            {
                return false;
            }
        }

        return true;
    }
}
