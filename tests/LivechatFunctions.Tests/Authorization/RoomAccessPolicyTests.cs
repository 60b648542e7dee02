using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authorization;

public class RoomAccessPolicyTests
{
    private static readonly PermissionOptions NoManagerRoles = new() { ViewLivechatRooms = "" };

    private static bool CanOpen(string roles, RoomAccessFacts room, string departments = "", PermissionOptions? options = null, bool preview = false, string userId = "me")
    {
        var user = new AuthenticatedUser(userId, roles.Split(',', StringSplitOptions.RemoveEmptyEntries), departments.Split(',', StringSplitOptions.RemoveEmptyEntries));
        var policy = new RoomAccessPolicy(
            new PermissionTable(Options.Create(options ?? new PermissionOptions())),
            Options.Create(new RoutingOptions { PreviewQueuedChats = preview }));
        return policy.CanOpen(user, room);
    }

    private static RoomAccessFacts Closed(string? servedBy, string? department = null) => new(servedBy, IsOpen: false, department);

    private static RoomAccessFacts Open(string? servedBy, string? department = null) => new(servedBy, IsOpen: true, department);

    [Theory]
    [InlineData("admin")]
    [InlineData("livechat-manager")]
    [InlineData("livechat-monitor")]
    public void View_livechat_rooms_opens_any_room_even_open_and_served_by_someone_else(string role) =>
        Assert.True(CanOpen(role, Open("other", "dep")));

    [Fact]
    public void The_agent_who_served_the_room_may_open_it() => Assert.True(CanOpen("livechat-agent", Open("me")));

    [Fact]
    public void An_agent_may_not_open_an_open_room_served_by_another() => Assert.False(CanOpen("livechat-agent", Open("other")));

    [Fact]
    public void An_agent_may_not_open_a_closed_room_of_another_agent_by_default() =>
        Assert.False(CanOpen("livechat-agent", Closed("other", "dep"), "dep"));

    [Fact]
    public void Closed_by_another_agent_permission_opens_closed_rooms_only()
    {
        var options = new PermissionOptions { ViewLivechatRooms = "", ViewLivechatRoomClosedByAnotherAgent = "livechat-agent" };
        Assert.True(CanOpen("livechat-agent", Closed("other"), options: options));
        Assert.False(CanOpen("livechat-agent", Open("other"), options: options));
    }

    [Fact]
    public void Same_department_permission_opens_closed_rooms_of_the_users_departments_only()
    {
        var options = new PermissionOptions { ViewLivechatRooms = "", ViewLivechatRoomClosedSameDepartment = "livechat-agent" };
        Assert.True(CanOpen("livechat-agent", Closed("other", "dep1"), "dep1,dep2", options));
        Assert.False(CanOpen("livechat-agent", Closed("other", "dep3"), "dep1,dep2", options));
        Assert.False(CanOpen("livechat-agent", Closed("other"), "dep1", options));
        Assert.False(CanOpen("livechat-agent", Open("other", "dep1"), "dep1", options));
    }

    [Fact]
    public void Closed_means_without_open_so_a_chat_with_closed_at_that_is_still_open_is_not_closed()
    {
        // The access rules read `open`, as Rocket.Chat's validators do; closedAt is what the closedChatsOnly filter reads.
        var options = new PermissionOptions { ViewLivechatRooms = "", ViewLivechatRoomClosedByAnotherAgent = "livechat-agent" };
        Assert.False(CanOpen("livechat-agent", Open("other"), options: options));
        Assert.True(Closed("other").IsClosed);
        Assert.False(Open("other").IsClosed);
    }

    [Fact]
    public void A_room_nobody_served_is_not_opened_by_a_plain_agent() => Assert.False(CanOpen("livechat-agent", Closed(null)));

    [Fact]
    public void Configuration_replaces_the_default_roles_of_a_permission() =>
        Assert.False(CanOpen("livechat-monitor", Open("other"), options: new PermissionOptions { ViewLivechatRooms = "admin" }));

    [Fact]
    public void A_queued_chat_is_not_previewed_while_the_setting_is_off() =>
        Assert.False(CanOpen("livechat-agent", Open(null), options: NoManagerRoles));

    [Fact]
    public void With_preview_on_a_queued_chat_of_the_public_queue_opens() =>
        Assert.True(CanOpen("livechat-agent", Open(null), options: NoManagerRoles, preview: true));

    [Fact]
    public void With_preview_on_a_queued_chat_of_one_of_the_agents_departments_opens() =>
        Assert.True(CanOpen("livechat-agent", Open(null, "sales"), "support,sales", NoManagerRoles, preview: true));

    [Fact]
    public void With_preview_on_a_queued_chat_of_another_department_does_not_open() =>
        Assert.False(CanOpen("livechat-agent", Open(null, "sales"), "support", NoManagerRoles, preview: true));

    [Fact]
    public void With_preview_on_a_served_open_chat_is_not_queued() =>
        Assert.False(CanOpen("livechat-agent", Open("other"), options: NoManagerRoles, preview: true));

    [Fact]
    public void With_preview_on_a_chat_whose_served_by_lacks_an_agent_id_is_not_queued() =>
        Assert.False(CanOpen("livechat-agent", Open(null) with { IsServed = true }, options: NoManagerRoles, preview: true));

    [Fact]
    public void With_preview_on_a_closed_chat_nobody_served_is_not_queued() =>
        Assert.False(CanOpen("livechat-agent", Closed(null), options: NoManagerRoles, preview: true));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Rocket_cat_opens_every_live_chat(bool open) =>
        Assert.True(CanOpen("bot", open ? Open("other", "dep") : Closed("other", "dep"), options: NoManagerRoles, userId: "rocket.cat"));

    [Fact]
    public void Only_the_exact_rocket_cat_id_is_the_bot() =>
        Assert.False(CanOpen("bot", Open("other"), options: NoManagerRoles, userId: "Rocket.Cat"));
}
