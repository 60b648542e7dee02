namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// The livechat rooms of the export, room id → visitor id, so messages (read in any order, from their own file)
/// find their partition. It holds a few short strings per room and nothing else, plus one small closing
/// message for each room that needs one: its size follows the number of livechat rooms, not the export's.
/// </summary>
public sealed class LivechatRoomIndex
{
    private readonly Dictionary<string, Entry> _rooms = new(StringComparer.Ordinal);

    // A visitor usually has several chats: keep one copy of each visitor id.
    private readonly HashSet<string> _visitorIds = new(StringComparer.Ordinal);

    public int Count => _rooms.Count;

    public void Add(RoomFacts room)
    {
        ArgumentNullException.ThrowIfNull(room);
        if (room.Skip is not null)
        {
            return;
        }

        if (!_visitorIds.TryGetValue(room.VisitorId, out var visitorId))
        {
            visitorId = room.VisitorId;
            _visitorIds.Add(visitorId);
        }

        _rooms[room.RoomId] = new Entry(visitorId, room.HasClosingMessage);
    }

    /// <summary>The room's visitor id, or <c>null</c> when it is not an imported livechat room.</summary>
    public string? VisitorOf(string roomId) => _rooms.TryGetValue(roomId, out var entry) ? entry.VisitorId : null;

    /// <summary>Keeps <paramref name="closing"/> for its room when the room has no closing message of its own and none later.</summary>
    public void Offer(ClosingMessage closing)
    {
        ArgumentNullException.ThrowIfNull(closing);
        if (!_rooms.TryGetValue(closing.RoomId, out var entry) || entry.HasOwnClosingMessage)
        {
            return;
        }

        // A chat that was reopened and closed again keeps its last closing; of two with no time, the later line.
        if (entry.Closing is { Timestamp: { } keptAt } && (closing.Timestamp is not { } offeredAt || keptAt > offeredAt))
        {
            return;
        }

        entry.Closing = closing;
    }

    /// <summary>The closing message found for the room, or <c>null</c>.</summary>
    public ReadOnlyMemory<byte>? ClosingMessageOf(string roomId) =>
        _rooms.TryGetValue(roomId, out var entry) && entry.Closing is { } closing ? closing.Json : default(ReadOnlyMemory<byte>?);

    private sealed class Entry(string visitorId, bool hasOwnClosingMessage)
    {
        public string VisitorId { get; } = visitorId;

        public bool HasOwnClosingMessage { get; } = hasOwnClosingMessage;

        public ClosingMessage? Closing { get; set; }
    }
}
