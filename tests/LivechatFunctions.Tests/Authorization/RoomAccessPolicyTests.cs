using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authorization;

public class RoomAccessPolicyTests
{
    private static bool CanOpen(string roles, RoomAccessFacts room, string departments = "", PermissionOptions? options = null)
    {
        var user = new AuthenticatedUser("me", roles.Split(',', StringSplitOptions.RemoveEmptyEntries), departments.Split(',', StringSplitOptions.RemoveEmptyEntries));
        return new RoomAccessPolicy(new PermissionTable(Options.Create(options ?? new PermissionOptions()))).CanOpen(user, room);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("livechat-manager")]
    [InlineData("livechat-monitor")]
    public void View_livechat_rooms_opens_any_room_even_open_and_served_by_someone_else(string role) =>
        Assert.True(CanOpen(role, new RoomAccessFacts("other", IsClosed: false, "dep")));

    [Fact]
    public void The_agent_who_served_the_room_may_open_it() =>
        Assert.True(CanOpen("livechat-agent", new RoomAccessFacts("me", IsClosed: false, null)));

    [Fact]
    public void An_agent_may_not_open_an_open_room_served_by_another() =>
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: false, null)));

    [Fact]
    public void An_agent_may_not_open_a_closed_room_of_another_agent_by_default() =>
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: true, "dep"), "dep"));

    [Fact]
    public void Closed_by_another_agent_permission_opens_closed_rooms_only()
    {
        var options = new PermissionOptions { ViewLivechatRooms = "", ViewLivechatRoomClosedByAnotherAgent = "livechat-agent" };
        Assert.True(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: true, null), options: options));
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: false, null), options: options));
    }

    [Fact]
    public void Same_department_permission_opens_closed_rooms_of_the_users_departments_only()
    {
        var options = new PermissionOptions { ViewLivechatRooms = "", ViewLivechatRoomClosedSameDepartment = "livechat-agent" };
        Assert.True(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: true, "dep1"), "dep1,dep2", options));
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: true, "dep3"), "dep1,dep2", options));
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: true, null), "dep1", options));
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts("other", IsClosed: false, "dep1"), "dep1", options));
    }

    [Fact]
    public void A_room_nobody_served_is_not_opened_by_a_plain_agent() =>
        Assert.False(CanOpen("livechat-agent", new RoomAccessFacts(null, IsClosed: true, null)));

    [Fact]
    public void Configuration_replaces_the_default_roles_of_a_permission() =>
        Assert.False(CanOpen("livechat-monitor", new RoomAccessFacts("other", IsClosed: false, null),
            options: new PermissionOptions { ViewLivechatRooms = "admin" }));
}
