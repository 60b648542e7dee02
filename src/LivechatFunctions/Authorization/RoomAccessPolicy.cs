using LivechatFunctions.Authentication;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Authorization;

/// <summary>Decides whether a user may open a livechat room (spec §5, Rocket.Chat's canAccessRoom for livechat).</summary>
public sealed class RoomAccessPolicy(PermissionTable permissions, IOptions<RoutingOptions> routing)
{
    /// <summary>Rocket.Chat's built-in bot, which it lets into every live chat.</summary>
    public const string RocketCatUserId = "rocket.cat";

    private readonly bool _previewQueuedChats = routing.Value.PreviewQueuedChats;

    public bool CanOpen(AuthenticatedUser user, RoomAccessFacts room)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(room);

        if (permissions.Grants(user.Roles, LivechatPermission.ViewLivechatRooms))
        {
            return true;
        }

        if (room.ServedById is not null && string.Equals(room.ServedById, user.Id, StringComparison.Ordinal))
        {
            return true;
        }

        if (room.IsClosed && permissions.Grants(user.Roles, LivechatPermission.ViewLivechatRoomClosedByAnotherAgent))
        {
            return true;
        }

        if (room.IsClosed
            && IsOneOf(room.DepartmentId, user.Departments)
            && permissions.Grants(user.Roles, LivechatPermission.ViewLivechatRoomClosedSameDepartment))
        {
            return true;
        }

        // A chat waiting in the queue: the public one (no department) or one the agent works in.
        if (_previewQueuedChats && room.IsOpen && !room.IsServed
            && (room.DepartmentId is null || IsOneOf(room.DepartmentId, user.Departments)))
        {
            return true;
        }

        return string.Equals(user.Id, RocketCatUserId, StringComparison.Ordinal);
    }

    private static bool IsOneOf(string? departmentId, IReadOnlyList<string> departments) =>
        departmentId is not null && departments.Contains(departmentId, StringComparer.Ordinal);
}
