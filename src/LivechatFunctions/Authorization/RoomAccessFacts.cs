namespace LivechatFunctions.Authorization;

/// <summary>What room access (spec §5) needs to know about a chat.</summary>
/// <param name="ServedById">The serving agent's user id, if an agent served it.</param>
/// <param name="IsClosed">Whether the chat has <c>closedAt</c>, the same test as the <c>closedChatsOnly</c> filter.</param>
/// <param name="DepartmentId">The chat's department, if any.</param>
public sealed record RoomAccessFacts(string? ServedById, bool IsClosed, string? DepartmentId);
