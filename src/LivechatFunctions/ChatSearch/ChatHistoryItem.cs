using System.Runtime.InteropServices;
using System.Text.Json;
using LivechatFunctions.Storage;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// The fields a history item may carry (spec §3), in the order they are written. The same list drives the
/// query's projection and the copy into the response, so a top-level field that is not here never leaves the
/// store; the value of a listed field (say <c>v</c>) is copied whole, as stored.
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

    /// <summary>
    /// Copies the allowed fields of the row under <paramref name="reader"/> (a <see cref="RowReader"/> over the answer
    /// <paramref name="json"/>), in contract order, skipping absent ones. Values are copied as the store wrote them.
    /// </summary>
    /// <exception cref="JsonException">The row is not a JSON object: the store's answer is not what the query asks for.</exception>
    public static void Write(Utf8JsonWriter writer, ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A history row is not a JSON object.");
        }

        var start = (int)reader.TokenStartIndex;
        var alreadyAnItem = ReadShape(ref reader);
        var chat = json[start..(int)reader.BytesConsumed];
        if (alreadyAnItem)
        {
            writer.WriteRawValue(chat.Span, skipInputValidation: true);
            return;
        }

        using var document = JsonDocument.Parse(chat, StoreLimits.DocumentOptions);
        writer.WriteStartObject();
        foreach (var field in EncodedFields)
        {
            if (document.RootElement.TryGetProperty(field.EncodedUtf8Bytes, out var value))
            {
                writer.WritePropertyName(field);
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(value), skipInputValidation: true);
            }
        }

        writer.WriteEndObject();
    }

    // Steps the reader to the row's last token and tells whether the row already is an item. The page query projects
    // exactly these fields in this order, so it usually is, byte for byte: every property allowed, none twice, in
    // contract order. Knowing that costs only the walk the row needs anyway; rebuilding it parses the row, looks up
    // every field and copies every value.
    private static bool ReadShape(ref Utf8JsonReader reader)
    {
        var inOrder = true;
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            while (inOrder && next < EncodedFields.Length && !reader.ValueTextEquals(EncodedFields[next].EncodedUtf8Bytes))
            {
                next++;
            }

            inOrder = inOrder && next++ < EncodedFields.Length;
            reader.Read();
            reader.Skip();
        }

        return inOrder;
    }
}
