using LivechatFunctions.Importer.Conversion;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Conversion;

public class MessageConverterTests
{
    private const string Message =
        """{"_id":"m1","rid":"r1","msg":"Hello","ts":{"$date":"2021-07-22T17:17:04.216Z"},"u":{"_id":"v1","username":"guest-1","name":"Maria"},"md":[{"type":"PARAGRAPH"}],"urls":[],"attachments":[{"text":"x"}],"token":"vt","_updatedAt":{"$date":"2021-07-22T17:17:04.216Z"}}""";

    private static MessageConversion Convert(string message) =>
        MessageConverter.Convert(Json.Parse(message), roomId => roomId == "r1" ? "v1" : null, "messages.jsonl:7");

    [Fact]
    public void Message_of_a_livechat_room_goes_to_its_visitors_partition()
    {
        var document = Convert(Message).Document!;
        Assert.Equal(("m1", "v1", DocumentKind.Message, "messages.jsonl:7"), (document.Id, document.PartitionKey, document.Kind, document.Source));
    }

    [Fact]
    public void Message_keeps_only_the_fields_the_endpoint_reads() =>
        Assert.Equal(["id", "kind", "visitorId", "_id", "rid", "msg", "ts", "u"], Json.Names(Json.Parse(Convert(Message).Document!.Json)));

    [Fact]
    public void Message_user_keeps_id_and_username_only() =>
        Assert.Equal("""{"_id":"v1","username":"guest-1"}""", Json.StringAt(Json.Parse(Convert(Message).Document!.Json), "u"));

    [Fact]
    public void Message_date_is_converted() =>
        Assert.Equal("2021-07-22T17:17:04.216Z", Json.StringAt(Json.Parse(Convert(Message).Document!.Json), "ts"));

    [Fact]
    public void Message_type_is_kept_when_present() =>
        Assert.Equal("uj", Json.StringAt(Json.Parse(Convert(Message.Replace("\"msg\"", "\"t\":\"uj\",\"msg\"", StringComparison.Ordinal)).Document!.Json), "t"));

    [Fact]
    public void Message_of_another_room_is_skipped() =>
        Assert.Equal(SkipReasons.MessageOfOtherRoom, Convert(Message.Replace("\"r1\"", "\"general\"", StringComparison.Ordinal)).Skip);

    [Fact]
    public void Message_without_rid_is_skipped() =>
        Assert.Equal(SkipReasons.MessageWithoutRoom, Convert("""{"_id":"m1","msg":"x"}""").Skip);

    [Fact]
    public void Hidden_message_is_skipped() =>
        Assert.Equal(SkipReasons.MessageHidden, Convert(Message.Replace("\"msg\"", "\"_hidden\":true,\"msg\"", StringComparison.Ordinal)).Skip);

    [Fact]
    public void Plain_message_yields_no_closing_message() => Assert.Null(Convert(Message).Closing);

    // A livechat-close message as Rocket.Chat's closeRoom writes it (IMessage), closed by the visitor, with a link preview.
    private const string CloseMessage =
        """{"_id":"m9","t":"livechat-close","rid":"r1","ts":{"$date":"2021-07-22T17:30:00Z"},"msg":"Bye, see https://example.com","u":{"_id":"v1","username":"guest-1","name":"Maria"},"groupable":false,"token":"vt","md":[{"type":"PARAGRAPH","value":[]}],"urls":[{"url":"https://example.com","meta":{}}],"attachments":[{"text":"x"}],"_updatedAt":{"$date":{"$numberLong":"1626975000000"}}}""";

    [Fact]
    public void Close_message_yields_its_rooms_closing_message_at_its_time()
    {
        var closing = Convert(CloseMessage).Closing!;
        Assert.Equal("r1", closing.RoomId);
        Assert.Equal(DateTimeOffset.Parse("2021-07-22T17:30:00Z", System.Globalization.CultureInfo.InvariantCulture), closing.Timestamp);
    }

    [Fact]
    public void Closing_message_is_the_whole_message_converted_without_attachments_urls_and_md() =>
        Assert.Equal(
            """{"_id":"m9","t":"livechat-close","rid":"r1","ts":"2021-07-22T17:30:00.000Z","msg":"Bye, see https://example.com","u":{"_id":"v1","username":"guest-1","name":"Maria"},"groupable":false,"token":"vt","_updatedAt":"2021-07-22T17:30:00.000Z"}""",
            System.Text.Encoding.UTF8.GetString(Convert(CloseMessage).Closing!.Json.Span));

    [Fact]
    public void Hidden_message_yields_the_deletion_of_its_document()
    {
        var deletion = Convert(Message.Replace("\"msg\"", "\"_hidden\":true,\"msg\"", StringComparison.Ordinal)).Deletion!;
        Assert.Equal((DocumentKind.Message, "m1", "v1", DeletionReasons.MessageHidden, "messages.jsonl:7"), (deletion.Kind, deletion.Id, deletion.PartitionKey, deletion.Reason, deletion.Source));
    }

    [Fact]
    public void Hidden_close_message_is_no_longer_its_rooms_closing_message()
    {
        var hidden = Convert(CloseMessage.Replace("\"groupable\"", "\"_hidden\":true,\"groupable\"", StringComparison.Ordinal));
        Assert.Equal(("r1", null), (hidden.HiddenClosingRoomId, hidden.Closing));
    }

    [Fact]
    public void Earlier_version_of_an_edited_message_deletes_nothing() =>
        Assert.Null(Convert(Message.Replace("\"msg\"", "\"_hidden\":true,\"parent\":\"m0\",\"msg\"", StringComparison.Ordinal)).Deletion);

    [Fact]
    public void Shown_message_deletes_nothing() => Assert.Null(Convert(Message).Deletion);

    [Fact]
    public void Message_of_another_room_deletes_nothing_even_when_hidden() =>
        Assert.Null(Convert(Message.Replace("\"r1\"", "\"general\"", StringComparison.Ordinal).Replace("\"msg\"", "\"_hidden\":true,\"msg\"", StringComparison.Ordinal)).Deletion);

    [Fact]
    public void Message_whose_room_line_is_malformed_is_skipped_under_a_reason_that_says_so() =>
        Assert.Equal(
            SkipReasons.MessageOfMalformedRoom,
            MessageConverter.Convert(Json.Parse(Message.Replace("\"r1\"", "\"cut\"", StringComparison.Ordinal)), _ => null, "messages.jsonl:7", roomId => roomId == "cut").Skip);

    [Fact]
    public void Close_message_is_also_stored_as_a_message() =>
        Assert.NotNull(Convert("""{"_id":"m9","rid":"r1","msg":"Bye","t":"livechat-close"}""").Document);
}
