using System.Text;
using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Conversion;

public class RoomConverterTests
{
    private const string LivechatRoom =
        """{"_id":"r1","t":"l","fname":"Maria","msgs":{"$numberInt":"2"},"ts":{"$date":{"$numberLong":"1626974224216"}},"v":{"_id":"v1","username":"guest-1","token":"vt"},"closedAt":{"$date":"2021-07-22T17:30:00Z"},"tags":["billing"]}""";

    private const string OwnClosingMessage = """
        "closingMessage":{"_id":"own","ts":{"$date":"2021-07-22T17:30:00Z"}}
        """;

    private static readonly ReadOnlyMemory<byte> FoundClosing = Encoding.UTF8.GetBytes("""{"_id":"m9","msg":"Bye","t":"livechat-close","ts":"2021-07-22T17:30:00.000Z"}""");

    private static System.Text.Json.JsonElement Convert(string room, ReadOnlyMemory<byte>? closing = null)
    {
        var element = Json.Parse(room);
        var document = RoomConverter.ToDocument(element, RoomConverter.Inspect(element), closing, "rooms.jsonl:1");
        return Json.Parse(document.Json);
    }

    [Fact]
    public void Livechat_room_gets_id_kind_and_visitor_id_first()
    {
        var room = Convert(LivechatRoom);
        Assert.Equal(["id", "kind", "visitorId"], Json.Names(room).Take(3));
        Assert.Equal("r1", Json.StringAt(room, "id"));
        Assert.Equal("room", Json.StringAt(room, "kind"));
        Assert.Equal("v1", Json.StringAt(room, "visitorId"));
    }

    [Fact]
    public void Document_goes_to_the_visitors_partition()
    {
        var element = Json.Parse(LivechatRoom);
        var document = RoomConverter.ToDocument(element, RoomConverter.Inspect(element), null, "rooms.jsonl:1");
        Assert.Equal(("r1", "v1", DocumentKind.Room), (document.Id, document.PartitionKey, document.Kind));
    }

    [Fact]
    public void Room_fields_are_kept_in_plain_json()
    {
        var room = Convert(LivechatRoom);
        Assert.Equal("2021-07-22T17:17:04.216Z", Json.StringAt(room, "ts"));
        Assert.Equal("2021-07-22T17:30:00.000Z", Json.StringAt(room, "closedAt"));
        Assert.Equal(2, room.GetProperty("msgs").GetInt32());
        Assert.Equal("vt", Json.StringAt(room, "v", "token"));
        Assert.Equal("[\"billing\"]", Json.StringAt(room, "tags"));
    }

    [Fact]
    public void Closing_message_found_among_the_messages_is_added_when_the_room_has_none() =>
        Assert.Equal("m9", Json.StringAt(Convert(LivechatRoom, FoundClosing), "closingMessage", "_id"));

    [Fact]
    public void Room_without_a_closing_message_anywhere_has_none() =>
        Assert.False(Convert(LivechatRoom).TryGetProperty("closingMessage", out _));

    [Fact]
    public void Rooms_own_closing_message_wins_and_is_converted()
    {
        var room = Convert(LivechatRoom.Replace("\"tags\"", OwnClosingMessage + ",\"tags\"", StringComparison.Ordinal), FoundClosing);
        Assert.Equal("own", Json.StringAt(room, "closingMessage", "_id"));
        Assert.Equal("2021-07-22T17:30:00.000Z", Json.StringAt(room, "closingMessage", "ts"));
        Assert.Single(Json.Names(room), n => n == "closingMessage");
    }

    [Fact]
    public void Storage_fields_in_the_export_are_replaced_not_repeated()
    {
        var room = Convert(LivechatRoom.Replace("\"fname\"", "\"id\":\"other\",\"kind\":\"x\",\"fname\"", StringComparison.Ordinal));
        Assert.Equal("r1", Json.StringAt(room, "id"));
        Assert.Single(Json.Names(room), n => n == "id");
        Assert.Single(Json.Names(room), n => n == "kind");
    }

    [Fact]
    public void Object_id_room_id_becomes_a_string_id() =>
        Assert.Equal("65e1f0000000000000000001", RoomConverter.Inspect(Json.Parse(LivechatRoom.Replace("\"_id\":\"r1\"", "\"_id\":{\"$oid\":\"65e1f0000000000000000001\"}", StringComparison.Ordinal))).RoomId);

    [Fact]
    public void Channel_is_skipped_as_not_livechat() =>
        Assert.Equal(SkipReasons.RoomNotLivechat, RoomConverter.Inspect(Json.Parse("""{"_id":"g","t":"c","name":"general"}""")).Skip);

    [Fact]
    public void Room_without_visitor_id_is_skipped() =>
        Assert.Equal(SkipReasons.RoomWithoutVisitor, RoomConverter.Inspect(Json.Parse("""{"_id":"r","t":"l","v":{"username":"guest"}}""")).Skip);

    [Fact]
    public void Room_id_cosmos_cannot_store_is_skipped() =>
        Assert.Equal(SkipReasons.RoomIdNotStorable, RoomConverter.Inspect(Json.Parse("""{"_id":"a/b","t":"l","v":{"_id":"v"}}""")).Skip);

    [Fact]
    public void Room_with_own_closing_message_says_so() =>
        Assert.True(RoomConverter.Inspect(Json.Parse("""{"_id":"r","t":"l","v":{"_id":"v"},"closingMessage":{"_id":"c"}}""")).HasClosingMessage);

    [Fact]
    public void Open_is_kept_while_the_chat_is_open() =>
        Assert.Equal("true", Json.StringAt(Convert(LivechatRoom.Replace("\"tags\"", "\"open\":true,\"tags\"", StringComparison.Ordinal)), "open"));

    [Fact]
    public void Open_false_is_left_out_as_Rocket_Chat_removes_it_on_closing() =>
        Assert.False(Convert(LivechatRoom.Replace("\"tags\"", "\"open\":false,\"tags\"", StringComparison.Ordinal)).TryGetProperty("open", out _));

    [Fact]
    public void Own_closing_message_leaves_out_attachments_urls_and_md()
    {
        var room = Convert(LivechatRoom.Replace("\"tags\"", """
            "closingMessage":{"_id":"own","msg":"Bye","md":[],"urls":[],"attachments":[],"groupable":false},"tags"
            """, StringComparison.Ordinal));
        Assert.Equal("""{"_id":"own","msg":"Bye","groupable":false}""", Json.StringAt(room, "closingMessage"));
    }

    [Fact]
    public void Hidden_own_closing_message_gives_way_to_the_one_found_among_the_messages()
    {
        var element = Json.Parse(LivechatRoom.Replace("\"tags\"", OwnClosingMessage + ",\"tags\"", StringComparison.Ordinal));
        var document = RoomConverter.ToDocument(element, RoomConverter.Inspect(element), FoundClosing, "rooms.jsonl:1", ownClosingHidden: true);
        Assert.Equal("m9", Json.StringAt(Json.Parse(document.Json), "closingMessage", "_id"));
    }

    [Fact]
    public void Hidden_own_closing_message_alone_leaves_no_closing_message()
    {
        var element = Json.Parse(LivechatRoom.Replace("\"tags\"", OwnClosingMessage + ",\"tags\"", StringComparison.Ordinal));
        var document = RoomConverter.ToDocument(element, RoomConverter.Inspect(element), null, "rooms.jsonl:1", ownClosingHidden: true);
        Assert.False(Json.Parse(document.Json).TryGetProperty("closingMessage", out _));
    }

    [Fact]
    public void Inspect_reads_the_id_of_the_rooms_own_closing_message() =>
        Assert.Equal("c", RoomConverter.Inspect(Json.Parse("""{"_id":"r","t":"l","v":{"_id":"v"},"closingMessage":{"_id":"c"}}""")).OwnClosingMessageId);
}
