using LivechatFunctions.Authentication;

namespace LivechatFunctions.Tests.Integration;

/// <summary>
/// A small, hand-written history for the integration tests, stored exactly as spec §4 describes. Alice has
/// twelve chats that vary one property at a time; Bob has one. Tokens cover every role case of spec §5.
/// </summary>
public static class IntegrationData
{
    public const string Alice = "v-alice";
    public const string Bob = "v-bob";

    /// <summary>Alice's chats that are closed and served: what the default filters return.</summary>
    public static readonly string[] ClosedAndServed = ["a01", "a02", "a05", "a06", "a07", "a08", "a09", "a10", "a11", "a12"];

    public static IEnumerable<(string PartitionKey, string Json)> Rooms()
    {
        yield return (Alice, Room("a01", Alice, "2024-01-01T10:00:00.000Z", "Alice", 3, "agent1", closed: true, source: """{"type":"widget"}""", department: "sales",
            extra: ""","tags":["billing"],"closedBy":{"_id":"agent1","username":"agent.one"},"closer":"user","closingMessage":{"_id":"a01-m9","msg":"Thanks!","t":"livechat-close","ts":"2024-01-01T10:30:00.000Z"}"""));
        yield return (Alice, Room("a02", Alice, "2024-01-02T10:00:00.000Z", "alice b", 5, "agent2", closed: true, source: """{"type":"api","alias":"Mobile-App"}""", department: "support"));
        yield return (Alice, Room("a03", Alice, "2024-01-03T10:00:00.000Z", "Alice c", 1, "agent1", closed: false, source: """{"type":"widget"}""", department: "sales"));
        yield return (Alice, Room("a04", Alice, "2024-01-04T10:00:00.000Z", "Alice d", 0, servedBy: null, closed: true, source: """{"type":"email"}""", department: "sales"));
        yield return (Alice, Room("a05", Alice, "2024-01-05T10:00:00.000Z", "Zed", 10, "agent1", closed: true, source: """{"type":"widget"}""", department: "sales"));
        yield return (Alice, Room("a06", Alice, ts: null, "No ts", 2, "agent1", closed: true, source: """{"type":"widget"}""", department: "sales"));
        for (var i = 7; i <= 12; i++)
        {
            yield return (Alice, Room($"a{i:00}", Alice, $"2024-02-{i:00}T10:00:00.000Z", $"Paged {i:00}", i, "agent1", closed: true, source: """{"type":"sms"}""", department: "sales"));
        }

        yield return (Bob, Room("b01", Bob, "2024-03-01T10:00:00.000Z", "Bob", 1, "agent1", closed: true, source: """{"type":"widget"}""", department: "sales"));
    }

    public static IEnumerable<(string PartitionKey, string Json)> Messages()
    {
        yield return (Alice, Message("a01-m1", "a01", "Hello, I need help with my invoice"));
        yield return (Alice, Message("a01-m2", "a01", "Hello again"));
        yield return (Alice, Message("a02-m1", "a02", "hello there, lower case"));
        yield return (Alice, Message("a03-m1", "a03", "Hello from an open chat"));
        yield return (Alice, Message("a05-m1", "a05", "Refund (50%) please? [x] .* 'quoted' \"double\""));
        yield return (Bob, Message("b01-m1", "b01", "Hello from Bob"));
    }

    public static IEnumerable<(string PartitionKey, string Json)> Tokens()
    {
        yield return ("admin1", Token("admin1", "admin-token", "admin"));
        yield return ("agent1", Token("agent1", "agent1-token", "livechat-agent", departments: "sales"));
        yield return ("agent2", Token("agent2", "agent2-token", "livechat-agent", departments: "support"));
        yield return ("manager1", Token("manager1", "manager-token", "livechat-manager"));
        yield return ("user1", Token("user1", "user-token", "user"));
        yield return ("agent1", Token("agent1", "agent1-expired", "livechat-agent", expiresAt: "2020-01-01T00:00:00.000Z"));
    }

    private static string Room(string id, string visitor, string? ts, string fname, int msgs, string? servedBy, bool closed, string source, string department, string extra = "") =>
        "{" + string.Join(',', new[]
        {
            $"\"id\":\"{id}\",\"kind\":\"room\",\"visitorId\":\"{visitor}\",\"_id\":\"{id}\",\"t\":\"l\",\"fname\":\"{fname}\",\"msgs\":{msgs}",
            ts is null ? null : $"\"ts\":\"{ts}\"",
            $"\"v\":{{\"_id\":\"{visitor}\",\"username\":\"guest-{visitor}\",\"token\":\"vtok-{visitor}\",\"status\":\"online\"}}",
            servedBy is null ? null : $"\"servedBy\":{{\"_id\":\"{servedBy}\",\"username\":\"{servedBy}.name\",\"ts\":\"2024-01-01T10:00:05.000Z\"}}",
            closed ? "\"closedAt\":\"2024-06-01T00:00:00.000Z\"" : "\"open\":true",
            $"\"source\":{source}",
            $"\"departmentId\":\"{department}\"",
        }.Where(p => p is not null)) + extra + "}";

    private static string Message(string id, string roomId, string text)
    {
        var visitor = roomId.StartsWith('b') ? Bob : Alice;
        var msg = System.Text.Json.JsonSerializer.Serialize(text);
        return $"{{\"id\":\"{id}\",\"kind\":\"message\",\"visitorId\":\"{visitor}\",\"_id\":\"{id}\",\"rid\":\"{roomId}\",\"msg\":{msg},\"ts\":\"2024-01-01T10:00:01.000Z\",\"u\":{{\"_id\":\"x\",\"username\":\"x\"}}}}";
    }

    private static string Token(string userId, string token, string roles, string departments = "", string? expiresAt = null)
    {
        var departmentList = departments.Length == 0 ? "" : $"\"{departments}\"";
        var expiry = expiresAt is null ? "" : $",\"expiresAt\":\"{expiresAt}\"";
        return $"{{\"id\":\"{TokenDigest.Compute(token)}\",\"userId\":\"{userId}\",\"username\":\"{userId}\",\"roles\":[\"{roles}\"],\"departments\":[{departmentList}],\"createdAt\":\"2024-01-01T00:00:00.000Z\"{expiry}}}";
    }
}
