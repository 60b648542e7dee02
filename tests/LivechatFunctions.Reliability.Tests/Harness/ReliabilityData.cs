using System.Text.Json.Nodes;
using LivechatFunctions.Authentication;

namespace LivechatFunctions.Reliability.Tests.Harness;

/// <summary>One chat of <see cref="ReliabilityData"/>, with what a test needs to predict answers about it.</summary>
/// <param name="Id">The room id (<c>_id</c>, also the document id).</param>
/// <param name="VisitorId">Owner of the chat; the partition key.</param>
/// <param name="Ts">When it started (ISO-8601 UTC, as stored).</param>
/// <param name="ServedBy">The agent who served it, if any.</param>
/// <param name="Closed">Whether it has <c>closedAt</c>.</param>
/// <param name="SourceType">Its <c>source.type</c>.</param>
/// <param name="SourceAlias">Its <c>source.alias</c>, if any.</param>
/// <param name="Department">Its <c>departmentId</c>.</param>
/// <param name="Messages">The texts of its messages.</param>
public sealed record ChatFixture(
    string Id,
    string VisitorId,
    string Ts,
    string? ServedBy,
    bool Closed,
    string SourceType,
    string? SourceAlias,
    string Department,
    IReadOnlyList<string> Messages);

/// <summary>A login of <see cref="ReliabilityData"/>: the two headers and what the token document says.</summary>
/// <param name="UserId">The <c>X-User-Id</c> header and the token document's partition.</param>
/// <param name="Token">The <c>X-Auth-Token</c> header (never stored: only its digest is).</param>
/// <param name="Roles">Role names on the token document.</param>
/// <param name="Departments">Departments the user is an agent of.</param>
/// <param name="ExpiresAt">Expiry, if the token has one.</param>
public sealed record LoginFixture(string UserId, string Token, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, string? ExpiresAt = null);

/// <summary>
/// The history these tests run against, stored as spec §4 describes. Visitor Ana has chats whose messages
/// hold text that looks like SQL, patterns, quotes and markup, one kind per chat, so a literal search
/// names exactly the chats it should; Ben has one chat. The model here is what the tests predict from.
/// </summary>
public static class ReliabilityData
{
    public const string Ana = "v-ana";
    public const string Ben = "v-ben";

    public static readonly LoginFixture Agent = new("rel-agent", "rel-agent-token-7f3a", ["livechat-agent"], ["sales"]);
    public static readonly LoginFixture OtherAgent = new("rel-agent-2", "rel-agent-2-token-c41d", ["livechat-agent"], ["support"]);
    public static readonly LoginFixture Manager = new("rel-manager", "rel-manager-token-9be0", ["livechat-manager"], []);
    public static readonly LoginFixture Roleless = new("rel-user", "rel-user-token-5d2c", ["user"], []);
    public static readonly LoginFixture Expired = new("rel-agent", "rel-agent-expired-token-18aa", ["livechat-agent"], ["sales"], "2020-01-01T00:00:00.000Z");

    /// <summary>Message texts that a search must match literally, never as SQL or as a pattern.</summary>
    public static readonly IReadOnlyList<string> HostileTexts =
    [
        "' OR 1=1 --",
        "\"; DROP TABLE rooms; --",
        "SELECT * FROM c WHERE c.visitorId != ''",
        "50% off_today",
        "regex .* a+b [abc] (x|y) ^start$ \\d+ {2,3}",
        "back\\slash and \"double\" and 'single' quotes",
        "<script>alert(1)</script>",
        "{\"$ne\": null}",
        "path/../../etc/passwd %2F..%2F",
        "ñandú 😀 ü Ünïcödé",
        "tab\there and new\nline",
        "x OR ARRAY_CONTAINS(@roomIds, c._id)",
    ];

    public static IReadOnlyList<LoginFixture> Logins { get; } = [Agent, OtherAgent, Manager, Roleless, Expired];

    public static IReadOnlyList<ChatFixture> Chats { get; } = BuildChats();

    /// <summary>A visitor's chats, newest first: the order of the default sort.</summary>
    public static IEnumerable<ChatFixture> ChatsOf(string visitorId) =>
        Chats.Where(c => c.VisitorId == visitorId).OrderByDescending(c => c.Ts, StringComparer.Ordinal);

    /// <summary>A room Ana's history can be opened through by <see cref="Agent"/> (served by them, closed).</summary>
    public static ChatFixture AnaRoom => Chats.First(c => c.VisitorId == Ana && c.ServedBy == Agent.UserId && c.Closed);

    public static ChatFixture BenRoom => Chats.Single(c => c.VisitorId == Ben);

    public static IEnumerable<(string PartitionKey, string Json)> RoomDocuments()
    {
        foreach (var chat in Chats)
        {
            yield return (chat.VisitorId, RoomJson(chat));
            for (var m = 0; m < chat.Messages.Count; m++)
            {
                yield return (chat.VisitorId, MessageJson(chat, m));
            }
        }
    }

    public static IEnumerable<(string PartitionKey, string Json)> TokenDocuments() =>
        Logins.Select(login => (login.UserId, TokenJson(login)));

    /// <summary>A token document as spec §4 stores it: the digest as id, never the token.</summary>
    public static string TokenJson(LoginFixture login)
    {
        ArgumentNullException.ThrowIfNull(login);
        var token = new JsonObject
        {
            ["id"] = TokenDigest.Compute(login.Token),
            ["userId"] = login.UserId,
            ["username"] = login.UserId,
            ["roles"] = new JsonArray([.. login.Roles.Select(r => (JsonNode)r)]),
            ["departments"] = new JsonArray([.. login.Departments.Select(d => (JsonNode)d)]),
            ["createdAt"] = "2024-01-01T00:00:00.000Z",
        };
        if (login.ExpiresAt is { } expiresAt)
        {
            token["expiresAt"] = expiresAt;
        }

        return token.ToJsonString();
    }

    private static List<ChatFixture> BuildChats()
    {
        var chats = new List<ChatFixture>();
        var start = new DateTime(2024, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        string Ts(int n) => start.AddHours(n * 7).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        for (var i = 0; i < HostileTexts.Count; i++)
        {
            var (type, alias) = (i % 4) switch
            {
                0 => ("widget", (string?)null),
                1 => ("api", "Mobile-App"),
                2 => ("app", "WhatsApp"),
                _ => ("email", null),
            };
            chats.Add(new ChatFixture(
                Id: $"ana-{i + 1:00}",
                VisitorId: Ana,
                Ts: Ts(i),
                ServedBy: i % 3 == 2 ? OtherAgent.UserId : Agent.UserId,
                Closed: i != HostileTexts.Count - 1,
                SourceType: type,
                SourceAlias: alias,
                Department: i % 3 == 2 ? "support" : "sales",
                Messages: ["Hello, I have a question", HostileTexts[i]]));
        }

        chats.Add(new ChatFixture("ben-01", Ben, Ts(40), Agent.UserId, true, "widget", null, "sales", ["Hello from Ben", HostileTexts[0]]));
        return chats;
    }

    private static string RoomJson(ChatFixture chat)
    {
        var room = new JsonObject
        {
            ["id"] = chat.Id,
            ["kind"] = "room",
            ["visitorId"] = chat.VisitorId,
            ["_id"] = chat.Id,
            ["t"] = "l",
            ["fname"] = "Guest " + chat.VisitorId,
            ["msgs"] = chat.Messages.Count,
            ["ts"] = chat.Ts,
            ["v"] = new JsonObject { ["_id"] = chat.VisitorId, ["username"] = "guest-" + chat.VisitorId, ["token"] = "vt-" + chat.VisitorId, ["status"] = "online" },
            ["source"] = chat.SourceAlias is null
                ? new JsonObject { ["type"] = chat.SourceType }
                : new JsonObject { ["type"] = chat.SourceType, ["alias"] = chat.SourceAlias },
            ["departmentId"] = chat.Department,
        };
        if (chat.ServedBy is { } agent)
        {
            room["servedBy"] = new JsonObject { ["_id"] = agent, ["username"] = agent + ".name", ["ts"] = chat.Ts };
        }

        if (chat.Closed)
        {
            room["closedAt"] = chat.Ts;
            room["closer"] = "user";
            room["closedBy"] = new JsonObject { ["_id"] = chat.ServedBy, ["username"] = chat.ServedBy + ".name" };
            room["tags"] = new JsonArray("reliability");
            room["closingMessage"] = new JsonObject { ["_id"] = chat.Id + "-close", ["msg"] = "Bye", ["t"] = "livechat-close", ["ts"] = chat.Ts };
        }
        else
        {
            room["open"] = true;
        }

        return room.ToJsonString();
    }

    private static string MessageJson(ChatFixture chat, int index) => new JsonObject
    {
        ["id"] = $"{chat.Id}-m{index + 1}",
        ["kind"] = "message",
        ["visitorId"] = chat.VisitorId,
        ["_id"] = $"{chat.Id}-m{index + 1}",
        ["rid"] = chat.Id,
        ["msg"] = chat.Messages[index],
        ["ts"] = chat.Ts,
        ["u"] = new JsonObject { ["_id"] = chat.VisitorId, ["username"] = "guest" },
    }.ToJsonString();
}
