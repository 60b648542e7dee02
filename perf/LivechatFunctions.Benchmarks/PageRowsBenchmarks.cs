using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Where the app's time per row goes: its copy of a page (<see cref="QueryResultRows"/> handing each row to
/// <see cref="ChatHistoryItem.Write"/>, into a <see cref="PageBuffer"/> sized at the first row, as <see cref="ChatHistoryStore"/> does),
/// against one pass of the JSON reader over the same answer, the least any reader that checks what it copies must do.
/// </summary>
[MemoryDiagnoser]
public class PageRowsBenchmarks
{
    private ReadOnlyMemory<byte> _answer;

    [Params(10, 100)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _answer = new CannedStore(Rows).PageResult(Rows);

    /// <summary>
    /// Runs each case once outside BenchmarkDotNet (the smoke): fails unless the app's copy keeps every row and the
    /// reader pass reads the whole answer.
    /// </summary>
    public static bool Check(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ok = true;
        foreach (var rows in new[] { 10, 100 })
        {
            var benchmark = new PageRowsBenchmarks { Rows = rows };
            benchmark.Setup();
            var copied = benchmark.AppCopy();
            var tokens = benchmark.ReaderPass();
            var passed = copied == rows && tokens > rows;
            ok &= passed;
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Row copy, {rows} rows: {copied} copied, {tokens} tokens read{(passed ? "" : " (FAILED)")}"));
        }

        return ok;
    }

    [Benchmark(Baseline = true, Description = "one reader pass over the answer")]
    public int ReaderPass()
    {
        var reader = new Utf8JsonReader(_answer.Span);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "the app's copy of the rows")]
    public int AppCopy()
    {
        using var items = new PageBuffer();
        using var writer = new Utf8JsonWriter(items);
        var written = 0;
        writer.WriteStartArray();
        QueryResultRows.ForEach(_answer, 0, 0, (ref Utf8JsonReader row, ReadOnlyMemory<byte> json) =>
        {
            if (written == 0)
            {
                writer.Flush();
                items.Reserve(json.Length - (int)row.TokenStartIndex);
            }

            ChatHistoryItem.Write(writer, ref row, json);
            written++;
        });
        writer.WriteEndArray();
        writer.Flush();
        return written;
    }
}
