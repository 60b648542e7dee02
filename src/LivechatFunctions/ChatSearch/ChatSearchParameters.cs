namespace LivechatFunctions.ChatSearch;

/// <summary>The query string of a request once validated (spec §1).</summary>
/// <param name="Offset">Matching chats to skip.</param>
/// <param name="Count">Page size after clamping; <c>null</c> means every chat from the offset on.</param>
/// <param name="Sort">The order of the history.</param>
/// <param name="ClosedOnly">Only chats with <c>closedAt</c>.</param>
/// <param name="ServedOnly">Only chats with <c>servedBy</c>.</param>
/// <param name="Source">Lower-cased substring of <c>source.type</c> or <c>source.alias</c>, or <c>null</c>.</param>
/// <param name="SearchText">Case-sensitive substring of a message of the chat, or <c>null</c>.</param>
public sealed record ChatSearchParameters(
    long Offset,
    int? Count,
    ChatSort Sort,
    bool ClosedOnly,
    bool ServedOnly,
    string? Source,
    string? SearchText);
