using System.Globalization;
using System.Text.Json.Nodes;
using LivechatFunctions.Authentication;

namespace LivechatFunctions.LocalHost.Demo;

/// <summary>
/// A deterministic demo history that exercises the contract: agents with different roles, an expired
/// token, visitors with tens of chats (open and closed, served and not), several sources, departments,
/// tags, closing messages and messages to search. The same seed always gives the same documents.
/// </summary>
public sealed class DemoDataSet
{
    public const int DefaultSeed = 20240722;

    private static readonly string[] Sources = ["widget", "api", "email", "sms", "whatsapp"];
    private static readonly string[] Departments = ["sales", "support"];
    private static readonly string[] Tags = ["billing", "refund", "bug", "feedback", "vip"];
    private static readonly string[] VisitorNames = ["Maria", "Joao", "Amira", "Kenji", "Lea", "Tomasz"];
    private static readonly string[] Phrases =
    [
        "Hello, I need help with my invoice", "My order has not arrived yet", "Can I change my delivery address?",
        "The app crashes when I log in", "Do you ship to Portugal?", "I would like a refund please",
        "Thanks, that solved it!", "Is there a discount for students?", "How do I reset my password?",
        "The payment failed twice",
    ];

    private readonly List<DemoDocument> _documents = [];

    private DemoDataSet(int seed)
    {
        var random = new Random(seed);
        Users =
        [
            new("demo-admin", "demo-admin-token", ["admin"], "opens any room"),
            new("demo-manager", "demo-manager-token", ["livechat-manager"], "opens any room"),
            new("demo-agent", "demo-agent-token", ["livechat-agent"], "opens rooms they served"),
            new("demo-agent-support", "demo-agent-support-token", ["livechat-agent"], "opens rooms they served (support department)"),
            new("demo-user", "demo-user-token", ["user"], "no livechat role: 403"),
            new("demo-expired", "demo-expired-token", ["livechat-agent"], "expired token: 401"),
        ];
        AddTokens();
        for (var v = 0; v < VisitorNames.Length; v++)
        {
            AddVisitor(random, v);
        }

        Documents = _documents;
    }

    public IReadOnlyList<DemoUser> Users { get; }

    public IReadOnlyList<DemoDocument> Documents { get; }

    /// <summary>The login the ready message suggests: an agent with history to show.</summary>
    public DemoUser SuggestedUser => Users[2];

    /// <summary>A room the suggested user served, and its visitor.</summary>
    public (string RoomId, string VisitorId) SuggestedRoom { get; private set; }

    public static DemoDataSet Generate(int seed = DefaultSeed) => new(seed);

    private void AddTokens()
    {
        var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var user in Users)
        {
            var token = new JsonObject
            {
                ["id"] = TokenDigest.Compute(user.Token),
                ["userId"] = user.UserId,
                ["username"] = user.UserId.Replace("demo-", string.Empty, StringComparison.Ordinal),
                ["roles"] = new JsonArray([.. user.Roles.Select(r => (JsonNode)r)]),
                ["departments"] = user.UserId == "demo-agent-support" ? new JsonArray("support") : new JsonArray("sales"),
                ["createdAt"] = Iso(created),
            };
            if (user.UserId == "demo-expired")
            {
                token["expiresAt"] = Iso(created.AddDays(1));
            }

            _documents.Add(new(DemoContainer.Tokens, user.UserId, token.ToJsonString()));
        }
    }

    private void AddVisitor(Random random, int index)
    {
        var visitorId = $"demo-visitor-{index + 1}";
        var visitor = new JsonObject
        {
            ["_id"] = visitorId,
            ["username"] = $"guest-{100 + index}",
            ["token"] = $"visitor-token-{index + 1}",
            ["status"] = "online",
        };
        var chats = 20 + random.Next(21);
        var start = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(index * 3);
        for (var c = 0; c < chats; c++)
        {
            var roomId = $"{visitorId}-chat-{c + 1:00}";
            var opened = start.AddHours(c * 17 + random.Next(12)).AddMilliseconds(random.Next(1000));
            // The newest chat of a visitor is often still open; a few others were never picked up by an agent.
            var closed = c < chats - 1 || random.Next(2) == 0;
            var served = random.Next(10) != 0;
            var agent = served ? (random.Next(3) == 0 ? "demo-agent-support" : "demo-agent") : null;
            var messages = AddMessages(random, visitorId, roomId, opened, agent);
            var room = new JsonObject
            {
                ["id"] = roomId,
                ["kind"] = "room",
                ["visitorId"] = visitorId,
                ["_id"] = roomId,
                ["t"] = "l",
                ["fname"] = VisitorNames[index],
                ["msgs"] = messages.Count,
                ["ts"] = Iso(opened),
                ["v"] = visitor.DeepClone(),
                ["source"] = Source(random),
                ["departmentId"] = agent == "demo-agent-support" ? Departments[1] : Departments[0],
            };
            if (agent is not null)
            {
                room["servedBy"] = new JsonObject { ["_id"] = agent, ["username"] = agent.Replace("demo-", string.Empty, StringComparison.Ordinal), ["ts"] = Iso(opened.AddSeconds(30)) };
            }

            if (closed)
            {
                var closedAt = opened.AddMinutes(5 + random.Next(40));
                var closer = agent is null || random.Next(2) == 0 ? "visitor" : "user";
                room["closedAt"] = Iso(closedAt);
                room["closer"] = closer;
                room["closedBy"] = closer == "user" ? new JsonObject { ["_id"] = agent, ["username"] = agent } : new JsonObject { ["_id"] = visitorId, ["username"] = visitor["username"]!.GetValue<string>() };
                room["tags"] = new JsonArray([.. Tags.Where(_ => random.Next(4) == 0).Select(t => (JsonNode)t)]);
                room["closingMessage"] = new JsonObject { ["_id"] = roomId + "-close", ["msg"] = "Chat closed. Thank you!", ["t"] = "livechat-close", ["ts"] = Iso(closedAt) };
            }
            else
            {
                room["open"] = true;
            }

            _documents.Add(new(DemoContainer.Rooms, visitorId, room.ToJsonString()));
            _documents.AddRange(messages);
            if (SuggestedRoom == default && closed && agent == "demo-agent")
            {
                SuggestedRoom = (roomId, visitorId);
            }
        }
    }

    private static List<DemoDocument> AddMessages(Random random, string visitorId, string roomId, DateTimeOffset opened, string? agent)
    {
        var count = 2 + random.Next(5);
        var messages = new List<DemoDocument>(count);
        for (var m = 0; m < count; m++)
        {
            var fromVisitor = agent is null || m % 2 == 0;
            var message = new JsonObject
            {
                ["id"] = $"{roomId}-m{m + 1}",
                ["kind"] = "message",
                ["visitorId"] = visitorId,
                ["_id"] = $"{roomId}-m{m + 1}",
                ["rid"] = roomId,
                ["msg"] = Phrases[random.Next(Phrases.Length)],
                ["ts"] = Iso(opened.AddSeconds(20 * (m + 1))),
                ["u"] = new JsonObject { ["_id"] = fromVisitor ? visitorId : agent, ["username"] = fromVisitor ? "guest" : agent },
            };
            messages.Add(new(DemoContainer.Rooms, visitorId, message.ToJsonString()));
        }

        return messages;
    }

    private static JsonObject Source(Random random)
    {
        var type = Sources[random.Next(Sources.Length)];
        var source = new JsonObject { ["type"] = type == "whatsapp" ? "app" : type };
        if (type == "whatsapp")
        {
            source["alias"] = "WhatsApp";
        }

        return source;
    }

    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
