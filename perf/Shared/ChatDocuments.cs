using System.Globalization;

namespace LivechatFunctions.Perf;

/// <summary>
/// A visitor's closed chat served by one agent, shaped like the demo data's, as JSON text: the room document the
/// store holds, and the history row a page query answers with (the fields of the app's projection, in its order).
/// </summary>
internal static class ChatDocuments
{
    private static readonly DateTimeOffset Newest = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static string RoomId(string visitorId, int index) => string.Create(CultureInfo.InvariantCulture, $"{visitorId}-chat-{index + 1:00000}");

    /// <summary>Chat <paramref name="index"/> of the visitor (0 is the newest) as the store holds it.</summary>
    public static string Room(string visitorId, int index, string agentId) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"id":"{{RoomId(visitorId, index)}}","kind":"room","visitorId":"{{visitorId}}","t":"l","source":{"type":"widget"},"departmentId":"sales",{{Row(visitorId, index, agentId)[1..]}}""");

    /// <summary>The same chat as a row of a history query's answer.</summary>
    public static string Row(string visitorId, int index, string agentId)
    {
        var roomId = RoomId(visitorId, index);
        var opened = Newest.AddMinutes(-37.0 * index);
        var closed = Iso(opened.AddMinutes(20));
        return string.Create(CultureInfo.InvariantCulture,
            $$"""{"_id":"{{roomId}}","fname":"Maria","ts":"{{Iso(opened)}}","msgs":{{2 + (index % 5)}},"v":{"_id":"{{visitorId}}","username":"guest-100","token":"visitor-token-1","status":"online"},"servedBy":{"_id":"{{agentId}}","username":"agent","ts":"{{Iso(opened.AddSeconds(30))}}"},"closedAt":"{{closed}}","closedBy":{"_id":"{{agentId}}","username":"agent"},"closer":"user","tags":["billing"],"closingMessage":{"_id":"{{roomId}}-close","msg":"Chat closed. Thank you!","t":"livechat-close","ts":"{{closed}}"}""") + "}";
    }

    private static string Iso(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
