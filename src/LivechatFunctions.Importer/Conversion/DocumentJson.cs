using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LivechatFunctions.Importer.Conversion;

/// <summary>Writes one document to a UTF-8 buffer, with the settings every document shares.</summary>
public static class DocumentJson
{
    // The documents are stored, not embedded in HTML: keep non-ASCII text as UTF-8 instead of \u escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(int sizeHint, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(Math.Max(256, sizeHint));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
