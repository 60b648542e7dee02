using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace LivechatFunctions.Importer.Export;

/// <summary>
/// Streams a <c>mongoexport</c> file one line at a time through a <see cref="PipeReader"/>: memory holds one
/// line and one read buffer, whatever the file's size. Reports every byte it consumes, for progress.
/// </summary>
public static class JsonLinesReader
{
    /// <summary>Longest line accepted. MongoDB documents stop at 16 MiB; their Extended JSON can be a few times that.</summary>
    public const int DefaultMaxLineBytes = 64 * 1024 * 1024;

    private const int ReadBufferBytes = 64 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <param name="path">File to read.</param>
    /// <param name="displayName">Name used in line locations (usually the file name).</param>
    /// <param name="bytesConsumed">Called with the number of bytes each step consumed.</param>
    /// <param name="maxLineBytes">Longer lines are skipped and reported as malformed, without being buffered.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async IAsyncEnumerable<ExportLine> ReadAsync(
        string path,
        string displayName,
        Action<long> bytesConsumed,
        int maxLineBytes = DefaultMaxLineBytes,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytesConsumed);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var reader = PipeReader.Create(file, new StreamPipeReaderOptions(bufferSize: ReadBufferBytes, minimumReadSize: ReadBufferBytes / 4, leaveOpen: true));
        try
        {
            long lineNumber = 0;
            var skippingLongLine = false;
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var consumedBefore = buffer.Length;
                while (true)
                {
                    var newline = buffer.PositionOf((byte)'\n');
                    if (newline is null)
                    {
                        break;
                    }

                    var line = buffer.Slice(0, newline.Value);
                    buffer = buffer.Slice(buffer.GetPosition(1, newline.Value));
                    lineNumber++;
                    if (skippingLongLine)
                    {
                        // The rest of a line already reported as too long.
                        skippingLongLine = false;
                        continue;
                    }

                    if (ToLine(line, displayName, lineNumber, maxLineBytes) is { } parsed)
                    {
                        yield return parsed;
                    }
                }

                if (result.IsCompleted)
                {
                    // A last line without a newline.
                    if (!buffer.IsEmpty && !skippingLongLine && ToLine(buffer, displayName, lineNumber + 1, maxLineBytes) is { } last)
                    {
                        yield return last;
                    }

                    bytesConsumed(consumedBefore);
                    break;
                }

                if (buffer.Length > maxLineBytes && !skippingLongLine)
                {
                    skippingLongLine = true;
                    yield return TooLong(displayName, lineNumber + 1, maxLineBytes);
                }

                if (skippingLongLine)
                {
                    // Drop what has been read of it so far instead of buffering the rest.
                    buffer = buffer.Slice(buffer.End);
                }

                bytesConsumed(consumedBefore - buffer.Length);
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    private static ExportLine TooLong(string file, long number, int maxLineBytes) =>
        ExportLine.Malformed(file, number, string.Create(CultureInfo.InvariantCulture, $"line longer than {maxLineBytes:N0} bytes"));

    private static ExportLine? ToLine(ReadOnlySequence<byte> line, string file, long number, int maxLineBytes)
    {
        if (line.Length > maxLineBytes)
        {
            return TooLong(file, number, maxLineBytes);
        }

        if (number == 1 && line.FirstSpan.StartsWith(Utf8Bom))
        {
            line = line.Slice(Utf8Bom.Length);
        }

        if (IsBlank(line))
        {
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException ex)
        {
            var hint = number == 1 && FirstByte(line) == (byte)'['
                ? " (this looks like mongoexport --jsonArray output; export JSON lines, without --jsonArray)"
                : IsLoneBrace(line) ? " (mongoexport --pretty output is not JSON lines; export without --pretty)" : string.Empty;
            return ExportLine.Malformed(file, number, Describe(ex) + hint, LeadingId(line));
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            var hint = number == 1 && kind == JsonValueKind.Array
                ? " (this looks like mongoexport --jsonArray output; export JSON lines, without --jsonArray)"
                : string.Empty;
            return ExportLine.Malformed(file, number, $"a JSON {kind.ToString().ToLowerInvariant()}, not an object" + hint);
        }

        return ExportLine.Parsed(file, number, document);
    }

    /// <summary>The <c>_id</c> (a string or <c>{"$oid": ...}</c>) a line opens with, read as far as the line is valid.</summary>
    internal static string? LeadingId(ReadOnlySequence<byte> line)
    {
        // Not a final block: a line cut short reads as far as it goes instead of failing at its first token.
        var reader = new Utf8JsonReader(line, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject
                || !reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("_id")
                || !reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.String)
            {
                return reader.GetString();
            }

            return reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("$oid")
                && reader.Read() && reader.TokenType == JsonTokenType.String
                ? reader.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // JsonException's message ends with positions for a whole document ("LineNumber: 0 | BytePositionInLine: 12."); on one line only the byte matters.
    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var positions = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = positions < 0 ? message : message[..positions];
        return ex.BytePositionInLine is { } position
            ? string.Create(CultureInfo.InvariantCulture, $"not valid JSON at byte {position + 1}: {reason}")
            : "not valid JSON: " + reason;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            foreach (var b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static byte? FirstByte(ReadOnlySequence<byte> line)
    {
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny((byte)' ', (byte)'\t');
        return reader.TryPeek(out var first) ? first : null;
    }

    private static bool IsLoneBrace(ReadOnlySequence<byte> line) =>
        line.Length < 8 && FirstByte(line) == (byte)'{';
}
