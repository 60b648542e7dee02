using System.Text;
using System.Text.Json;
using LivechatFunctions.ChatSearch;

namespace LivechatFunctions.Tests.ChatSearch;

public class ChatHistoryItemTests
{
    private static string Write(string row)
    {
        var json = Encoding.UTF8.GetBytes(row);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            ChatHistoryItem.Write(writer, ref reader, json);
        }

        // A row reader leaves the reader on the row's last token, so the answer's next row comes next.
        Assert.Equal(json.Length, reader.BytesConsumed);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Fact]
    public void A_row_shaped_like_an_item_is_copied_as_the_store_wrote_it()
    {
        const string row = """{"_id":"r1","fname":"Jos\u00e9 Ñ","ts":"2024-01-01T00:00:00.000Z","msgs":3,"v":{"_id":"v1","token":"t"},"tags":["a","b"]}""";
        Assert.Equal(row, Write(row));
    }

    [Fact]
    public void A_row_with_a_field_outside_the_contract_loses_it()
    {
        Assert.Equal("""{"_id":"r1","msgs":3}""", Write("""{"_id":"r1","secret":"x","msgs":3}"""));
    }

    [Fact]
    public void A_row_out_of_contract_order_is_written_in_contract_order()
    {
        Assert.Equal("""{"_id":"r1","fname":"F","msgs":3}""", Write("""{"msgs":3,"_id":"r1","fname":"F"}"""));
    }

    [Fact]
    public void A_field_sent_twice_is_written_once()
    {
        var item = JsonDocument.Parse(Write("""{"_id":"r1","_id":"r2","msgs":1}""")).RootElement;
        Assert.Equal(["_id", "msgs"], item.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Nested_values_are_copied_whole()
    {
        Assert.Equal(
            """{"_id":"r1","closingMessage":{"msg":"bye","u":{"_id":"a","username":"agent"}}}""",
            Write("""{"closingMessage":{"msg":"bye","u":{"_id":"a","username":"agent"}},"_id":"r1"}"""));
    }
}
