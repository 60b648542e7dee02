namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// The livechat rooms of the export, room id → visitor id, so messages (read in any order, from their own file)
/// find their partition. It holds a few short strings per room and nothing else, plus one small closing
/// message for each closed room: its size follows the number of livechat rooms, not the export's.
/// </summary>
public sealed class LivechatRoomIndex
{
    private readonly Dictionary<string, Entry> _rooms = new(StringComparer.Ordinal);

    // A visitor usually has several chats: keep one copy of each visitor id.
    private readonly HashSet<string> _visitorIds = new(StringComparer.Ordinal);

    // Rooms whose line could not be read, by the _id at its start: their messages are skipped under a reason that says so.
    private readonly HashSet<string> _malformedRoomIds = new(StringComparer.Ordinal);

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

        _rooms[room.RoomId] = new Entry(visitorId);
    }

    /// <summary>Records a rooms-file line that is not JSON but starts with this <c>_id</c>.</summary>
    public void AddMalformed(string roomId) => _malformedRoomIds.Add(roomId);

    /// <summary>The room's line in the rooms file was malformed (and the room is not otherwise known).</summary>
    public bool IsMalformed(string roomId) => !_rooms.ContainsKey(roomId) && _malformedRoomIds.Contains(roomId);

    /// <summary>The room's visitor id, or <c>null</c> when it is not an imported livechat room.</summary>
    public string? VisitorOf(string roomId) => _rooms.TryGetValue(roomId, out var entry) ? entry.VisitorId : null;

    /// <summary>Keeps <paramref name="closing"/> for its room unless a later one is already kept.</summary>
    public void Offer(ClosingMessage closing)
    {
        ArgumentNullException.ThrowIfNull(closing);
        if (!_rooms.TryGetValue(closing.RoomId, out var entry))
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

    /// <summary>Records that the room's <c>livechat-close</c> message <paramref name="messageId"/> is hidden in Rocket.Chat.</summary>
    public void HideClosing(string roomId, string messageId)
    {
        if (_rooms.TryGetValue(roomId, out var entry))
        {
            (entry.HiddenClosingIds ??= new HashSet<string>(StringComparer.Ordinal)).Add(messageId);
        }
    }

    /// <summary>Whether the room's <c>livechat-close</c> message <paramref name="messageId"/> is hidden.</summary>
    public bool IsHiddenClosing(string roomId, string messageId) =>
        _rooms.TryGetValue(roomId, out var entry) && entry.HiddenClosingIds?.Contains(messageId) == true;

    /// <summary>The closing message found for the room, or <c>null</c>.</summary>
    public ReadOnlyMemory<byte>? ClosingMessageOf(string roomId) =>
        _rooms.TryGetValue(roomId, out var entry) && entry.Closing is { } closing ? closing.Json : default(ReadOnlyMemory<byte>?);

    private sealed class Entry(string visitorId)
    {
        public string VisitorId { get; } = visitorId;

        public ClosingMessage? Closing { get; set; }

        public HashSet<string>? HiddenClosingIds { get; set; }
    }
}
