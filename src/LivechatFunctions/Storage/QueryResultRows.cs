using System.Text.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// Walks the rows of one query response (<c>{"Documents":[…], …}</c>) without building a tree of the whole
/// answer. A page at offset 1,000 brings 1,000 rows the caller will never see: they are stepped over with the
/// reader. The rows that are kept are handed over on the same reader, so each byte is read once.
/// </summary>
internal static class QueryResultRows
{
    /// <summary>
    /// Hands each row of <paramref name="json"/> to <paramref name="onRow"/>, except while fewer than
    /// <paramref name="skip"/> rows have been seen in all (<paramref name="seenBefore"/> from earlier responses).
    /// Returns the rows seen so far, or <c>null</c> when the answer has no <c>Documents</c> array.
    /// </summary>
    /// <exception cref="JsonException">The answer is not JSON, or nests deeper than Cosmos DB stores documents.</exception>
    public static long? ForEach(ReadOnlyMemory<byte> json, long seenBefore, long skip, RowReader onRow)
    {
        // The answer's object and its array sit above every row: a row may nest as deep as a stored document.
        var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = StoreLimits.DocumentOptions.MaxDepth + 2 });
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
                if (++seen > skip)
                {
                    onRow(ref reader, json);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return seen;
    }
}
