using LivechatFunctions.Authentication;

namespace LivechatFunctions.Authorization;

/// <summary>Decides whether a user may open a livechat room (spec §5, Rocket.Chat's canAccessRoom for livechat).</summary>
public sealed class RoomAccessPolicy(PermissionTable permissions)
{
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

        if (!room.IsClosed)
        {
            return false;
        }

        if (permissions.Grants(user.Roles, LivechatPermission.ViewLivechatRoomClosedByAnotherAgent))
        {
            return true;
        }

        return room.DepartmentId is not null
            && user.Departments.Contains(room.DepartmentId, StringComparer.Ordinal)
            && permissions.Grants(user.Roles, LivechatPermission.ViewLivechatRoomClosedSameDepartment);
    }
}
