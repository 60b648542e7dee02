using System.Text.Json;
using LivechatFunctions.Authorization;

namespace LivechatFunctions.Storage;

/// <summary>Finds the room of the path in its visitor's partition (spec §2.4): one point read.</summary>
public sealed class RoomStore(LivechatContainers containers)
{
    /// <summary>What access needs to know about the room, or <c>null</c> when it is not one of this visitor's chats.</summary>
    public Task<RoomAccessFacts?> FindAsync(string visitorId, string roomId, CancellationToken cancellationToken) =>
        StoreCall.ReadDocumentAsync(containers.Rooms, roomId, visitorId, "room read", room => Read(room, visitorId, roomId), cancellationToken);

    private static RoomAccessFacts? Read(JsonElement room, string visitorId, string roomId)
    {
        // The partition holds messages too, and their ids are a different namespace: only a chat counts. And only the
        // chat the path names: a store may match an id loosely (the local server finds "r1" when asked for "r1 ").
        if (StringOf(room, "kind") != "room" || StringOf(room, "visitorId") != visitorId || StringOf(room, "id") != roomId)
        {
            return null;
        }

        var served = room.TryGetProperty("servedBy", out var agent);
        var servedBy = served && agent.ValueKind == JsonValueKind.Object ? StringOf(agent, "_id") : null;
        return new RoomAccessFacts(
            ServedById: servedBy,
            IsOpen: room.TryGetProperty("open", out var open) && IsTruthy(open),
            DepartmentId: StringOf(room, "departmentId"))
        {
            IsServed = served,
        };
    }

    // As JavaScript reads `room.open`: Rocket.Chat writes true and removes the field on closing, so anything else is
    // another writer's, read the way Rocket.Chat's own check would read it.
    private static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.Object or JsonValueKind.Array => true,
        JsonValueKind.String => value.GetString()!.Length > 0,
        // A number too large for a double is not zero either.
        JsonValueKind.Number => !value.TryGetDouble(out var number) || number != 0,
        _ => false,
    };

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
