using LivechatFunctions.Authentication;

namespace LivechatFunctions.Tests.Fakes;

/// <summary>Documents shaped as spec §4 describes them, for the unit tests' fake store.</summary>
public static class Seed
{
    public const string AgentId = "agent1";
    public const string AgentToken = "agent-token-secret";
    public const string VisitorId = "visitor1";
    public const string RoomId = "room1";

    public static string Token(string userId, string roles, string? expiresAt = null, string departments = "") =>
        $$"""
        {"id":"x","userId":"{{userId}}","username":"{{userId}}","roles":[{{Quote(roles)}}],"departments":[{{Quote(departments)}}]{{(expiresAt is null ? "" : $",\"expiresAt\":\"{expiresAt}\"")}},"createdAt":"2024-01-01T00:00:00.000Z"}
        """;

    public static string Room(string roomId, string visitorId, string? servedBy = null, bool closed = true, string? departmentId = null) =>
        $$"""
        {"id":"{{roomId}}","kind":"room","visitorId":"{{visitorId}}","_id":"{{roomId}}","t":"l","fname":"Maria","msgs":2,"ts":"2021-07-22T17:17:04.216Z",
         "v":{"_id":"{{visitorId}}","username":"guest-1","token":"vt","status":"online"}
         {{(servedBy is null ? "" : $",\"servedBy\":{{\"_id\":\"{servedBy}\",\"username\":\"{servedBy}\",\"ts\":\"2021-07-22T17:17:05.000Z\"}}")}}
         {{(closed ? ",\"closedAt\":\"2021-07-22T17:30:00.000Z\"" : ",\"open\":true")}}
         {{(departmentId is null ? "" : $",\"departmentId\":\"{departmentId}\"")}}}
        """;

    /// <summary>A fake store with an agent who may use the endpoint and a closed room they served.</summary>
    public static FakeStore AgentWithServedRoom(string roles = "livechat-agent")
    {
        var store = new FakeStore();
        store.AddToken(AgentId, TokenDigest.Compute(AgentToken), Token(AgentId, roles));
        store.AddRoom(VisitorId, RoomId, Room(RoomId, VisitorId, servedBy: AgentId));
        return store;
    }

    private static string Quote(string commaSeparated) =>
        string.Join(',', commaSeparated.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r => $"\"{r}\""));
}
