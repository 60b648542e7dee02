using LivechatFunctions.Authorization;
using Microsoft.Extensions.Options;

namespace LivechatFunctions.Tests.Authorization;

public class PermissionTableTests
{
    private static readonly PermissionTable Defaults = new(Options.Create(new PermissionOptions()));

    [Theory]
    [InlineData("admin", true)]
    [InlineData("livechat-manager", true)]
    [InlineData("livechat-monitor", true)]
    [InlineData("livechat-agent", true)]
    [InlineData("user", false)]
    [InlineData("Admin", false)]
    public void View_l_room_defaults_to_rocket_chats_roles(string role, bool granted) =>
        Assert.Equal(granted, Defaults.Grants([role], LivechatPermission.ViewLRoom));

    [Fact]
    public void Agents_do_not_get_view_livechat_rooms_by_default() =>
        Assert.False(Defaults.Grants(["livechat-agent"], LivechatPermission.ViewLivechatRooms));

    [Fact]
    public void No_roles_grant_nothing() => Assert.False(Defaults.Grants([], LivechatPermission.ViewLRoom));

    [Fact]
    public void Configured_roles_are_trimmed_and_split_on_commas()
    {
        var table = new PermissionTable(Options.Create(new PermissionOptions { ViewLRoom = " support , admin ," }));
        Assert.True(table.Grants(["support"], LivechatPermission.ViewLRoom));
        Assert.False(table.Grants(["livechat-agent"], LivechatPermission.ViewLRoom));
    }
}
