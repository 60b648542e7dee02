namespace LivechatFunctions.ChatSearch;

/// <summary>A validated sort: one allowed field, one direction.</summary>
public sealed record ChatSort(ChatSortField Field, bool Descending)
{
    /// <summary>Rocket.Chat's default: newest first.</summary>
    public static ChatSort Default { get; } = new(ChatSortField.Ts, Descending: true);

    /// <summary>The stored property name of the field, from a fixed list, never from the caller's text.</summary>
    public string PropertyName => Field switch
    {
        ChatSortField.Ts => "ts",
        ChatSortField.ClosedAt => "closedAt",
        ChatSortField.Fname => "fname",
        ChatSortField.Msgs => "msgs",
        ChatSortField.Id => "_id",
        _ => throw new ArgumentOutOfRangeException(nameof(Field), Field, "Unknown sort field."),
    };

    public static bool TryParseField(string name, out ChatSortField field)
    {
        switch (name)
        {
            case "ts": field = ChatSortField.Ts; return true;
            case "closedAt": field = ChatSortField.ClosedAt; return true;
            case "fname": field = ChatSortField.Fname; return true;
            case "msgs": field = ChatSortField.Msgs; return true;
            case "_id": field = ChatSortField.Id; return true;
            default: field = default; return false;
        }
    }
}
