namespace LivechatFunctions.Authorization;

/// <summary>The Rocket.Chat permissions this endpoint consults (spec §5).</summary>
public enum LivechatPermission
{
    /// <summary><c>view-l-room</c>: may use the endpoint at all.</summary>
    ViewLRoom,

    /// <summary><c>view-livechat-rooms</c>: may open any livechat room.</summary>
    ViewLivechatRooms,

    /// <summary><c>view-livechat-room-closed-by-another-agent</c>.</summary>
    ViewLivechatRoomClosedByAnotherAgent,

    /// <summary><c>view-livechat-room-closed-same-department</c>.</summary>
    ViewLivechatRoomClosedSameDepartment,
}
