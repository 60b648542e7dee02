namespace LivechatFunctions.Authorization;

/// <summary>
/// Which roles grant each permission (configuration section "Permissions"), as comma-separated role names.
/// Defaults are Rocket.Chat's. A setting replaces its default whole, so a role can be taken away.
/// </summary>
public sealed class PermissionOptions
{
    public const string SectionName = "Permissions";

    /// <summary>Roles granted <c>view-l-room</c>.</summary>
    public string ViewLRoom { get; set; } = "admin,livechat-manager,livechat-monitor,livechat-agent";

    /// <summary>Roles granted <c>view-livechat-rooms</c>.</summary>
    public string ViewLivechatRooms { get; set; } = "admin,livechat-manager,livechat-monitor";

    /// <summary>Roles granted <c>view-livechat-room-closed-by-another-agent</c>.</summary>
    public string ViewLivechatRoomClosedByAnotherAgent { get; set; } = "admin,livechat-manager,livechat-monitor";

    /// <summary>Roles granted <c>view-livechat-room-closed-same-department</c>.</summary>
    public string ViewLivechatRoomClosedSameDepartment { get; set; } = "admin,livechat-manager,livechat-monitor";

    public string RolesFor(LivechatPermission permission) => permission switch
    {
        LivechatPermission.ViewLRoom => ViewLRoom,
        LivechatPermission.ViewLivechatRooms => ViewLivechatRooms,
        LivechatPermission.ViewLivechatRoomClosedByAnotherAgent => ViewLivechatRoomClosedByAnotherAgent,
        LivechatPermission.ViewLivechatRoomClosedSameDepartment => ViewLivechatRoomClosedSameDepartment,
        _ => throw new ArgumentOutOfRangeException(nameof(permission), permission, "Unknown permission."),
    };
}
