using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LivechatFunctions.Importer.Export;

namespace LivechatFunctions.Importer.Tests.TestData;

/// <summary>
/// A small Rocket.Chat export written for the tests, in the shapes mongoexport produces: canonical and relaxed
/// Extended JSON, a non-livechat room, a room without a visitor, a message of another room, messages before
/// and after their rooms, a message of a room whose line is cut short, users with login and personal access
/// tokens (shaped like Rocket.Chat's IMeteorLoginToken and IPersonalAccessToken), an inactive user, an expired
/// token, and malformed lines. Token dates are relative to <c>now</c> so the tokens are live whenever the tests run.
/// </summary>
public sealed class SampleExport
{
    public const string VisitorMaria = "visitor-maria";
    public const string VisitorJoao = "visitor-joao";
    public const string Agent = "agent-ana";
    public const string Manager = "manager-max";
    public const string AgentToken = "ana-login-token";
    public const string AgentPersonalAccessToken = "ana-personal-access-token";
    public const string ExpiredToken = "ana-expired-token";
    public const string ManagerToken = "max-login-token";
    public const string InactiveUserToken = "ivo-login-token";

    /// <summary>Livechat rooms of the export that have a visitor: every one is imported.</summary>
    public static readonly string[] ImportedRoomIds = ["room-m1", "room-m2", "room-m3", "room-j1"];

    /// <summary>Messages of imported rooms (a hidden edit, a channel's message and one without rid are not).</summary>
    public static readonly string[] ImportedMessageIds = ["msg-m1-1", "msg-m1-2", "msg-m1-close", "msg-m2-1", "msg-m2-close", "msg-m3-1", "msg-j1-1"];

    public SampleExport(string directory, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        RoomsFile = Write(directory, "rooms.jsonl", Rooms());
        MessagesFile = Write(directory, "messages.jsonl", Messages());
        UsersFile = Write(directory, "users.jsonl", Users(now));
        DepartmentAgentsFile = Write(directory, "department-agents.jsonl", DepartmentAgents());
    }

    public string RoomsFile { get; }

    public string MessagesFile { get; }

    public string UsersFile { get; }

    public string DepartmentAgentsFile { get; }

    /// <summary>Rocket.Chat's <c>hashedToken</c>: SHA-256 of the token, standard base64.</summary>
    public static string HashedToken(string token) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Date(DateTimeOffset instant) => ExtendedJson.FormatInstant(instant);

    /// <summary>Puts values into a JSON line; interpolation would fight the line's own braces.</summary>
    public static string Fill(string template, params (string Placeholder, string Value)[] values) =>
        values.Aggregate(template, (text, value) => text.Replace(value.Placeholder, value.Value, StringComparison.Ordinal));

    private static string Write(string directory, string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IEnumerable<string> Rooms()
    {
        // Relaxed Extended JSON, closed and served, closed by a livechat-close message found among the messages.
        yield return """{"_id":"room-m1","t":"l","fname":"Maria","msgs":3,"ts":{"$date":"2024-03-01T10:00:00.123Z"},"v":{"_id":"visitor-maria","username":"guest-1","token":"vt-maria","status":"online"},"servedBy":{"_id":"agent-ana","username":"ana","ts":{"$date":"2024-03-01T10:00:05Z"}},"closedAt":{"$date":"2024-03-01T10:30:00.000Z"},"closedBy":{"_id":"agent-ana","username":"ana"},"closer":"user","departmentId":"dept-sales","source":{"type":"widget"},"tags":["billing"]}""";
        // Canonical Extended JSON, with a closing message of its own that must win.
        yield return """{"_id":"room-m2","t":"l","fname":"Maria","msgs":{"$numberInt":"1"},"ts":{"$date":{"$numberLong":"1709373600000"}},"v":{"_id":"visitor-maria","username":"guest-1","token":"vt-maria"},"servedBy":{"_id":"agent-ana","username":"ana","ts":{"$date":{"$numberLong":"1709373605000"}}},"closedAt":{"$date":{"$numberLong":"1709375400000"}},"departmentId":"dept-sales","source":{"type":"api","alias":"Mobile"},"closingMessage":{"_id":"own-close","msg":"Closed by the room","t":"livechat-close","ts":{"$date":{"$numberLong":"1709375400000"}}},"score":{"$numberDouble":"4.5"},"waitingResponse":{"$numberLong":"5"}}""";
        // Still open: imported, but the endpoint's default filters leave it out.
        yield return """{"_id":"room-m3","t":"l","fname":"Maria","msgs":1,"ts":{"$date":"2024-03-03T10:00:00.000Z"},"v":{"_id":"visitor-maria","username":"guest-1","token":"vt-maria"},"open":true,"departmentId":"dept-sales","source":{"type":"widget"}}""";
        yield return """{"_id":{"$oid":"65e1f0000000000000000001"},"t":"c","name":"general","msgs":10}""";
        yield return "{\"_id\":\"room-broken\",\"t\":\"l\",";
        yield return """{"_id":"room-novisitor","t":"l","fname":"Nobody","msgs":0,"ts":{"$date":"2024-03-04T10:00:00.000Z"}}""";
        yield return string.Empty;
        yield return """{"_id":"room-j1","t":"l","fname":"João","msgs":1,"ts":{"$date":"2024-03-05T10:00:00.000Z"},"v":{"_id":"visitor-joao","username":"guest-2","token":"vt-joao"},"servedBy":{"_id":"agent-ana","username":"ana","ts":{"$date":"2024-03-05T10:00:01.000Z"}},"closedAt":{"$date":"2024-03-05T10:20:00.000Z"},"departmentId":"dept-support","source":{"type":"widget"}}""";
    }

    private static IEnumerable<string> Messages()
    {
        yield return """{"_id":"msg-m1-1","rid":"room-m1","msg":"Hello, my invoice is wrong","ts":{"$date":"2024-03-01T10:00:01.000Z"},"u":{"_id":"visitor-maria","username":"guest-1","name":"Maria"},"token":"vt-maria","md":[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"Hello, my invoice is wrong"}]}],"urls":[],"_updatedAt":{"$date":"2024-03-01T10:00:01.000Z"}}""";
        yield return """{"_id":"msg-m1-2","rid":"room-m1","msg":"Let me check","ts":{"$date":{"$numberLong":"1709287210000"}},"u":{"_id":"agent-ana","username":"ana"},"attachments":[{"title":"big","text":"not needed"}]}""";
        yield return """{"_id":"msg-m1-close","t":"livechat-close","rid":"room-m1","ts":{"$date":"2024-03-01T10:30:00.000Z"},"msg":"Thanks, bye!","u":{"_id":"agent-ana","username":"ana","name":"Ana Agent"},"groupable":false,"md":[{"type":"PARAGRAPH","value":[{"type":"PLAIN_TEXT","value":"Thanks, bye!"}]}],"_updatedAt":{"$date":"2024-03-01T10:30:00.000Z"}}""";
        yield return """{"_id":"msg-m1-old","rid":"room-m1","msg":"Helo, my invoice","ts":{"$date":"2024-03-01T10:00:00.500Z"},"u":{"_id":"visitor-maria","username":"guest-1"},"_hidden":true,"parent":"msg-m1-1"}""";
        yield return """{"_id":"msg-m2-1","rid":"room-m2","msg":"Is the app down?","ts":{"$date":"2024-03-02T10:00:01.000Z"},"u":{"_id":"visitor-maria","username":"guest-1"}}""";
        yield return """{"_id":"msg-m2-close","rid":"room-m2","msg":"From the messages","t":"livechat-close","ts":{"$date":"2024-03-02T10:30:00.000Z"},"u":{"_id":"agent-ana","username":"ana"}}""";
        yield return """{"_id":"msg-m3-1","rid":"room-m3","msg":"Still waiting","ts":{"$date":"2024-03-03T10:00:01.000Z"},"u":{"_id":"visitor-maria","username":"guest-1"}}""";
        yield return """{"_id":"msg-general","rid":{"$oid":"65e1f0000000000000000001"},"msg":"Hi all","ts":{"$date":"2024-03-01T09:00:00.000Z"},"u":{"_id":"agent-ana","username":"ana"}}""";
        yield return """{"_id":"msg-norid","msg":"lost","ts":{"$date":"2024-03-01T09:00:00.000Z"}}""";
        yield return """{"_id":"msg-broken-1","rid":"room-broken","msg":"Lost with its room","ts":{"$date":"2024-03-01T09:00:00.000Z"},"u":{"_id":"visitor-x","username":"guest-x"}}""";
        yield return "[1, 2, 3]";
        yield return """{"_id":"msg-j1-1","rid":"room-j1","msg":"Olá","ts":{"$date":"2024-03-05T10:00:02.000Z"},"u":{"_id":"visitor-joao","username":"guest-2"}}""";
    }

    private static IEnumerable<string> Users(DateTimeOffset now)
    {
        var recent = Date(now.AddDays(-1));
        var old = Date(now.AddDays(-91));
        var veryOld = Date(now.AddDays(-400));
        yield return Fill(
            """{"_id":"agent-ana","username":"ana","active":true,"roles":["user","livechat-agent"],"services":{"password":{"bcrypt":"not-imported"},"resume":{"loginTokens":[{"when":{"$date":"<RECENT>"},"hashedToken":"<LOGIN>"},{"when":{"$date":"<OLD>"},"hashedToken":"<EXPIRED>"},{"hashedToken":"<PAT>","type":"personalAccessToken","createdAt":{"$date":"<VERY-OLD>"},"lastTokenPart":"xyz","name":"ci","bypassTwoFactor":false}]}}}""",
            ("<RECENT>", recent), ("<LOGIN>", HashedToken(AgentToken)), ("<OLD>", old), ("<EXPIRED>", HashedToken(ExpiredToken)), ("<VERY-OLD>", veryOld), ("<PAT>", HashedToken(AgentPersonalAccessToken)));
        yield return Fill(
            """{"_id":"manager-max","username":"max","active":true,"roles":["livechat-manager"],"services":{"resume":{"loginTokens":[{"when":{"$date":{"$numberLong":"<WHEN-MS>"}},"hashedToken":"<LOGIN>"}]}}}""",
            ("<WHEN-MS>", now.AddHours(-2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)), ("<LOGIN>", HashedToken(ManagerToken)));
        yield return Fill(
            """{"_id":"inactive-ivo","username":"ivo","active":false,"roles":["admin"],"services":{"resume":{"loginTokens":[{"when":{"$date":"<RECENT>"},"hashedToken":"<LOGIN>"}]}}}""",
            ("<RECENT>", recent), ("<LOGIN>", HashedToken(InactiveUserToken)));
        yield return """{"_id":"bot-no-tokens","username":"bot","active":true,"roles":["bot"]}""";
        yield return "{not json at all";
    }

    private static IEnumerable<string> DepartmentAgents()
    {
        yield return """{"_id":"da1","agentId":"agent-ana","departmentId":"dept-sales","username":"ana"}""";
        yield return """{"_id":"da2","agentId":"agent-ana","departmentId":"dept-support","username":"ana"}""";
    }
}
