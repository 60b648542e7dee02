namespace LivechatFunctions.Authorization;

/// <summary>What room access (spec §5) needs to know about a chat.</summary>
/// <param name="ServedById">The serving agent's user id, if an agent served it.</param>
/// <param name="IsOpen">
/// Whether the chat has <c>open</c> (read as JavaScript reads <c>room.open</c>). Rocket.Chat's access rules call a chat
/// without it closed; the <c>closedChatsOnly</c> filter looks at <c>closedAt</c> instead, as Rocket.Chat's query does.
/// </param>
/// <param name="DepartmentId">The chat's department, if any.</param>
public sealed record RoomAccessFacts(string? ServedById, bool IsOpen, string? DepartmentId)
{
    /// <summary>Closed, as Rocket.Chat's access validators mean it: no <c>open</c>.</summary>
    public bool IsClosed => !IsOpen;

    /// <summary>Whether the chat has <c>servedBy</c> at all; one without an agent's id is still not in the queue.</summary>
    public bool IsServed { get; init; } = ServedById is not null;
}
