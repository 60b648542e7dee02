using System.Text;
using System.Text.Json;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Tests.Storage;

public class QueryResultRowsTests
{
    private static (long? Seen, List<string> Rows) Walk(string json, long skip = 0, long seenBefore = 0)
    {
        var rows = new List<string>();
        var seen = QueryResultRows.ForEach(Encoding.UTF8.GetBytes(json), seenBefore, skip, (ref Utf8JsonReader reader, ReadOnlyMemory<byte> answer) =>
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            rows.Add(Encoding.UTF8.GetString(answer.Span[start..(int)reader.BytesConsumed]));
        });
        return (seen, rows);
    }

    [Fact]
    public void Every_row_is_handed_over_in_order_whatever_comes_around_the_array()
    {
        var (seen, rows) = Walk("""{"_rid":"x","Documents":[{"a":1},"s",3,[4],{"b":{"c":[5]}}],"_count":5}""");
        Assert.Equal(5, seen);
        Assert.Equal(["""{"a":1}""", "\"s\"", "3", "[4]", """{"b":{"c":[5]}}"""], rows);
    }

    [Fact]
    public void Skipped_rows_are_counted_but_not_handed_over()
    {
        var (seen, rows) = Walk("""{"Documents":[{"i":1},{"i":2},{"i":3}]}""", skip: 2);
        Assert.Equal(3, seen);
        Assert.Equal(["""{"i":3}"""], rows);
    }

    [Fact]
    public void Skipping_carries_on_across_responses()
    {
        var (seen, rows) = Walk("""{"Documents":[{"i":3},{"i":4}]}""", skip: 3, seenBefore: 2);
        Assert.Equal(4, seen);
        Assert.Equal(["""{"i":4}"""], rows);
    }

    [Fact]
    public void An_answer_without_documents_is_reported_as_such()
    {
        Assert.Null(Walk("""{"_rid":"x","_count":0}""").Seen);
        Assert.Null(Walk("""{"Documents":{"a":1}}""").Seen);
        Assert.Null(Walk("""[1,2]""").Seen);
    }

    [Theory]
    [InlineData("""{"Documents":[{"a":1},{"b":""")]
    [InlineData("""{"Documents":[{"a":1}],"_count":""")]
    [InlineData("not json")]
    public void An_answer_cut_short_or_not_json_is_an_error_even_in_skipped_rows(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Walk(json, skip: 10));
    }

    [Fact]
    public void Rows_may_nest_as_deep_as_cosmos_db_stores_but_no_deeper()
    {
        static string Nested(int depth) => new string('[', depth) + new string(']', depth);

        // A row counts its own levels, as a stored document does; the answer's object and array come on top.
        Assert.Equal(1, Walk($$"""{"Documents":[{{Nested(128)}}]}""", skip: 1).Seen);
        Assert.ThrowsAny<JsonException>(() => Walk($$"""{"Documents":[{{Nested(129)}}]}""", skip: 1));
    }
}
