using System.Text.Json;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// Writes the rows of a page, as the store's answers hand them over, into a JSON array of history items in a
/// <see cref="PageBuffer"/> (which the caller owns). <see cref="ChatHistoryItem.Write"/> decides what each item holds.
/// </summary>
internal sealed class PageWriter : IDisposable
{
    private readonly PageBuffer _items;
    private readonly Utf8JsonWriter _writer;

    public PageWriter(PageBuffer items)
    {
        _items = items;
        _writer = new Utf8JsonWriter(items);
        _writer.WriteStartArray();
    }

    /// <summary>Items written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds the row under <paramref name="row"/>, a reader over the answer <paramref name="answer"/>.</summary>
    public void Add(ref Utf8JsonReader row, ReadOnlyMemory<byte> answer)
    {
        if (Count == 0)
        {
            // The rest of this answer, from its first kept row on, bounds what it adds to the page: make room for it
            // once rather than double the buffer and copy the page so far as rows arrive. Rows from later answers of
            // the same page, if any, grow the buffer as usual. The flush hands the writer's pending bytes ("[") over
            // first, since reserving may move them to a larger array.
            _writer.Flush();
            _items.Reserve(answer.Length - (int)row.TokenStartIndex);
        }

        ChatHistoryItem.Write(_writer, ref row, answer);
        Count++;
    }

    /// <summary>Closes the array; the page is then in the buffer, whole.</summary>
    public void Complete()
    {
        _writer.WriteEndArray();
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();
}
