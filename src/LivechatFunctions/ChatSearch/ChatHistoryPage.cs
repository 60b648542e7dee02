namespace LivechatFunctions.ChatSearch;

/// <summary>
/// One page of a visitor's history: the items as a ready JSON array, and the paging figures of spec §3.
/// </summary>
/// <param name="HistoryJson">UTF-8 JSON array of the page's items, each shaped by <see cref="ChatHistoryItem"/>.</param>
/// <param name="Count">Number of items in the page.</param>
/// <param name="Offset">The offset as applied.</param>
/// <param name="Total">Every matching chat, before paging.</param>
public sealed record ChatHistoryPage(ReadOnlyMemory<byte> HistoryJson, int Count, long Offset, long Total) : IDisposable
{
    /// <summary>Holds the memory behind <see cref="HistoryJson"/>, when that memory is pooled.</summary>
    public IDisposable? Buffer { get; init; }

    /// <summary>Gives pooled memory back once the page has been written out; <see cref="HistoryJson"/> is then invalid.</summary>
    public void Dispose() => Buffer?.Dispose();
}
