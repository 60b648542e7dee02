using System.Text;
using LivechatFunctions.Importer.Conversion;

namespace LivechatFunctions.Importer.Tests.Conversion;

public class LivechatRoomIndexTests
{
    private static ClosingMessage Closing(string id, string? ts) =>
        new("r1", ts is null ? null : DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes($"{{\"_id\":\"{id}\"}}"));

    private static string? ClosingId(LivechatRoomIndex index) =>
        index.ClosingMessageOf("r1") is { } json ? Encoding.UTF8.GetString(json.Span) : null;

    /// <summary>An index that knows one livechat room, r1 of visitor v1.</summary>
    private static LivechatRoomIndex IndexOfRoomR1(bool hasClosingMessage)
    {
        var index = new LivechatRoomIndex();
        index.Add(new RoomFacts("r1", "v1", hasClosingMessage, null));
        return index;
    }

    [Fact]
    public void Knows_the_visitor_of_each_livechat_room()
    {
        var index = IndexOfRoomR1(hasClosingMessage: false);
        Assert.Equal("v1", index.VisitorOf("r1"));
        Assert.Null(index.VisitorOf("r2"));
    }

    [Fact]
    public void Skipped_rooms_are_not_indexed()
    {
        var index = new LivechatRoomIndex();
        index.Add(RoomFacts.Skipped(SkipReasons.RoomNotLivechat));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Latest_closing_message_wins_whatever_the_order()
    {
        var index = IndexOfRoomR1(hasClosingMessage: false);
        index.Offer(Closing("second", "2024-01-02T00:00:00Z"));
        index.Offer(Closing("first", "2024-01-01T00:00:00Z"));
        Assert.Equal("{\"_id\":\"second\"}", ClosingId(index));
    }

    [Fact]
    public void A_closing_message_without_time_does_not_replace_one_with_time()
    {
        var index = IndexOfRoomR1(hasClosingMessage: false);
        index.Offer(Closing("timed", "2024-01-02T00:00:00Z"));
        index.Offer(Closing("untimed", null));
        Assert.Equal("{\"_id\":\"timed\"}", ClosingId(index));
    }

    [Fact]
    public void Room_with_its_own_closing_message_still_keeps_the_found_one_in_case_its_own_is_hidden()
    {
        var index = IndexOfRoomR1(hasClosingMessage: true);
        index.Offer(Closing("found", "2024-01-02T00:00:00Z"));
        Assert.Equal("{\"_id\":\"found\"}", ClosingId(index));
    }

    [Fact]
    public void Knows_which_closing_messages_of_a_room_are_hidden()
    {
        var index = IndexOfRoomR1(hasClosingMessage: true);
        index.HideClosing("r1", "own");
        Assert.Equal((true, false), (index.IsHiddenClosing("r1", "own"), index.IsHiddenClosing("r1", "other")));
    }

    [Fact]
    public void A_malformed_room_line_is_known_by_its_id()
    {
        var index = new LivechatRoomIndex();
        index.AddMalformed("cut");
        Assert.Equal((true, false), (index.IsMalformed("cut"), index.IsMalformed("r1")));
    }

    [Fact]
    public void A_room_read_whole_elsewhere_is_not_malformed()
    {
        var index = new LivechatRoomIndex();
        index.AddMalformed("r1");
        index.Add(new RoomFacts("r1", "v1", false, null));
        Assert.False(index.IsMalformed("r1"));
    }
}
