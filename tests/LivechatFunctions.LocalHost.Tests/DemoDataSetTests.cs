using System.Text.Json;
using LivechatFunctions.LocalHost.Demo;

namespace LivechatFunctions.LocalHost.Tests;

/// <summary>The demo data keeps Rocket.Chat's shape of a chat's lifetime (spec §4).</summary>
public class DemoDataSetTests
{
    private static List<JsonElement> Rooms() =>
    [
        .. DemoDataSet.Generate().Documents
            .Where(d => d.Container == DemoContainer.Rooms)
            .Select(d => JsonDocument.Parse(d.Json).RootElement)
            .Where(d => d.GetProperty("kind").GetString() == "room"),
    ];

    [Fact]
    public void A_room_has_open_exactly_while_it_is_not_closed() =>
        Assert.All(Rooms(), room => Assert.NotEqual(room.TryGetProperty("closedAt", out _), room.TryGetProperty("open", out _)));

    [Fact]
    public void Open_is_true_where_it_is_present() =>
        Assert.All(Rooms().Where(room => room.TryGetProperty("open", out _)), room => Assert.True(room.GetProperty("open").GetBoolean()));

    [Fact]
    public void The_demo_has_both_open_and_closed_rooms()
    {
        var rooms = Rooms();
        Assert.Contains(rooms, room => room.TryGetProperty("open", out _));
        Assert.Contains(rooms, room => !room.TryGetProperty("open", out _));
    }
}
