using System.Text.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// Walks the rows of one query response (<c>{"Documents":[…], …}</c>) without building a tree of the whole
/// answer. A page at offset 1,000 brings 1,000 rows the caller will never see: they are stepped over with the
/// reader, and only the rows that are kept are parsed, each on its own, in place.
/// </summary>
internal static class QueryResultRows
{
    /// <summary>
    /// Hands each row of <paramref name="json"/> to <paramref name="onRow"/>, except while fewer than
    /// <paramref name="skip"/> rows have been seen in all (<paramref name="seenBefore"/> from earlier responses).
    /// Returns the rows seen so far, or <c>null</c> when the answer has no <c>Documents</c> array.
    /// </summary>
    /// <exception cref="JsonException">The answer is not JSON, or nests deeper than Cosmos DB stores documents.</exception>
    public static long? ForEach(ReadOnlyMemory<byte> json, long seenBefore, long skip, Action<JsonElement> onRow)
    {
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = StoreLimits.DocumentOptions.MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        long? seen = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isDocuments = reader.ValueTextEquals("Documents"u8);
            reader.Read();
            if (!isDocuments || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            seen = seenBefore;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (++seen > skip)
                {
                    using var row = JsonDocument.Parse(json[start..(int)reader.BytesConsumed], StoreLimits.DocumentOptions);
                    onRow(row.RootElement);
                }
            }
        }

        return seen;
    }
}
