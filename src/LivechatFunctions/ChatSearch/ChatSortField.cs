namespace LivechatFunctions.ChatSearch;

/// <summary>The fields a caller may sort by (spec §1); nothing else ever reaches an ORDER BY.</summary>
public enum ChatSortField
{
    Ts,
    ClosedAt,
    Fname,
    Msgs,
    Id,
}
