using System.Text;
using LivechatFunctions.Importer.Export;
using LivechatFunctions.Importer.Tests.TestData;

namespace LivechatFunctions.Importer.Tests.Export;

public sealed class JsonLinesReaderTests : IDisposable
{
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    private async Task<List<(long Number, string? Id, string? Error)>> ReadAsync(string content, int maxLineBytes = JsonLinesReader.DefaultMaxLineBytes, Action<long>? bytes = null)
    {
        var path = _files.File("export.jsonl", content);
        var lines = new List<(long, string?, string?)>();
        await foreach (var line in JsonLinesReader.ReadAsync(path, "export.jsonl", bytes ?? (_ => { }), maxLineBytes))
        {
            using (line)
            {
                lines.Add((line.Number, line.Error is null ? Json.StringAt(line.Root, "_id") : null, line.Error));
            }
        }

        return lines;
    }

    [Fact]
    public async Task Each_line_is_one_document_with_its_line_number() =>
        Assert.Equal([(1L, "a", null), (2L, "b", null)], await ReadAsync("{\"_id\":\"a\"}\n{\"_id\":\"b\"}\n"));

    [Fact]
    public async Task Blank_lines_are_skipped_but_keep_the_numbering() =>
        Assert.Equal([(1L, "a", null), (4L, "b", null)], await ReadAsync("{\"_id\":\"a\"}\n\n   \n{\"_id\":\"b\"}\n"));

    [Fact]
    public async Task Windows_line_endings_are_accepted() =>
        Assert.Equal([(1L, "a", null), (2L, "b", null)], await ReadAsync("{\"_id\":\"a\"}\r\n{\"_id\":\"b\"}\r\n"));

    [Fact]
    public async Task A_last_line_without_a_newline_is_read() =>
        Assert.Equal([(1L, "a", null), (2L, "b", null)], await ReadAsync("{\"_id\":\"a\"}\n{\"_id\":\"b\"}"));

    [Fact]
    public async Task A_byte_order_mark_is_ignored() =>
        Assert.Equal([(1L, "a", null)], await ReadAsync("\uFEFF{\"_id\":\"a\"}\n"));

    [Fact]
    public async Task Invalid_json_is_reported_with_its_line_number_and_reading_goes_on()
    {
        var lines = await ReadAsync("{\"_id\":\"a\"}\n{\"_id\":\n{\"_id\":\"c\"}\n");
        Assert.Equal(3, lines.Count);
        Assert.Equal(2, lines[1].Number);
        Assert.StartsWith("not valid JSON", lines[1].Error, StringComparison.Ordinal);
        Assert.Equal("c", lines[2].Id);
    }

    [Fact]
    public async Task A_line_that_is_not_an_object_is_malformed() =>
        Assert.Equal("a JSON number, not an object", (await ReadAsync("{\"_id\":\"a\"}\n42\n"))[1].Error);

    [Fact]
    public async Task JsonArray_output_is_named_in_the_error() =>
        Assert.Contains("--jsonArray", (await ReadAsync("[{\"_id\":\"a\"},\n{\"_id\":\"b\"}]\n"))[0].Error, StringComparison.Ordinal);

    [Fact]
    public async Task Pretty_output_is_named_in_the_error() =>
        Assert.Contains("--pretty", (await ReadAsync("{\n  \"_id\": \"a\"\n}\n"))[0].Error, StringComparison.Ordinal);

    [Fact]
    public async Task A_complete_line_over_the_limit_is_malformed() =>
        Assert.Equal([(1L, null, "line longer than 100 bytes"), (2L, "b", null)],
            await ReadAsync("{\"_id\":\"" + new string('x', 200) + "\"}\n{\"_id\":\"b\"}\n", maxLineBytes: 100));

    [Fact]
    public async Task A_line_over_the_limit_and_larger_than_the_read_buffer_is_skipped_and_the_next_line_keeps_its_number()
    {
        var huge = "{\"_id\":\"" + new string('x', 1_000_000) + "\"}";
        var lines = await ReadAsync(huge + "\n{\"_id\":\"b\"}\n", maxLineBytes: 100_000);
        Assert.Equal([(1L, null, "line longer than 100,000 bytes"), (2L, "b", null)], lines);
    }

    [Fact]
    public async Task Bytes_reported_add_up_to_the_file_size()
    {
        long total = 0;
        var content = string.Concat(Enumerable.Range(0, 5000).Select(i => $"{{\"_id\":\"{i}\",\"msg\":\"Olá {i}\"}}\n"));
        await ReadAsync(content, bytes: n => total += n);
        Assert.Equal(Encoding.UTF8.GetByteCount(content), total);
    }

    private async Task<string?> LeadingIdAsync(string content)
    {
        var path = _files.File("cut.jsonl", content);
        await foreach (var line in JsonLinesReader.ReadAsync(path, "cut.jsonl", _ => { }))
        {
            using (line)
            {
                return line.LeadingId;
            }
        }

        return null;
    }

    [Fact]
    public async Task A_line_cut_short_still_names_the_id_it_starts_with() =>
        Assert.Equal("room-broken", await LeadingIdAsync("{\"_id\":\"room-broken\",\"t\":\"l\",\n"));

    [Fact]
    public async Task A_line_cut_short_names_an_object_id_too() =>
        Assert.Equal("65e1f0000000000000000001", await LeadingIdAsync("{\"_id\":{\"$oid\":\"65e1f0000000000000000001\"},\"t\":\n"));

    [Fact]
    public async Task A_line_cut_inside_its_id_names_none() =>
        Assert.Null(await LeadingIdAsync("{\"_id\":\"room-bro\n"));

    [Fact]
    public async Task A_malformed_line_not_starting_with_its_id_names_none() =>
        Assert.Null(await LeadingIdAsync("{\"t\":\"l\",\"_id\":\"r1\",\n"));
}
