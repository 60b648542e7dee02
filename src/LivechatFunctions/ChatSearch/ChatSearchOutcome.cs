using LivechatFunctions.Http;

namespace LivechatFunctions.ChatSearch;

/// <summary>Either a page of history or the contract error that answers instead.</summary>
public readonly record struct ChatSearchOutcome(ChatHistoryPage? Page, ApiError? Error)
{
    public static implicit operator ChatSearchOutcome(ChatHistoryPage page) => new(page, null);

    public static implicit operator ChatSearchOutcome(ApiError error) => new(null, error);
}
