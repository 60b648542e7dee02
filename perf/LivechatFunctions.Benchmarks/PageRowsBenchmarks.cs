using System.Text.Json;
using BenchmarkDotNet.Attributes;
using LivechatFunctions.ChatSearch;
using LivechatFunctions.Storage;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// Where the app's time per row goes: its copy of a page (<see cref="QueryResultRows"/> handing each row to a
/// <see cref="PageWriter"/>, the code <see cref="ChatHistoryStore"/> runs),
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
    /// Runs each case once outside BenchmarkDotNet (the smoke): fails unless the app's copy holds every row of the
    /// answer as an item, and the reader pass reads past every row.
    /// </summary>
    public static bool Check(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var ok = true;
        foreach (var rows in new[] { 10, 100 })
        {
            var benchmark = new PageRowsBenchmarks { Rows = rows };
            benchmark.Setup();
            using var items = new PageBuffer(initialCapacity: 256);
            benchmark.CopyInto(items);
            using var page = JsonDocument.Parse(items.WrittenMemory);
            var copied = page.RootElement.GetArrayLength();
            var tokens = benchmark.ReaderPass();
            var passed = copied == rows && benchmark.AppCopy() == rows && tokens > 20 * rows;
            ok &= passed;
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Row copy, {rows} rows: {copied} items in the page, {tokens} tokens read{(passed ? "" : " (FAILED)")}"));
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
        using var items = new PageBuffer(initialCapacity: 256);
        return CopyInto(items);
    }

    // As ChatHistoryStore copies one answer's rows into a page.
    private int CopyInto(PageBuffer items)
    {
        using var page = new PageWriter(items);
        QueryResultRows.ForEach(_answer, 0, 0, page.Add);
        page.Complete();
        return page.Count;
    }
}
