using System.Text.Json;

namespace LivechatFunctions.Importer.Export;

/// <summary>
/// One non-blank line of an export: its parsed document, or why it could not be parsed. The owner disposes it.
/// </summary>
public sealed class ExportLine : IDisposable
{
    private JsonDocument? Document { get; init; }

    private ExportLine()
    {
    }

    /// <summary>File name as the user gave it, for messages.</summary>
    public string File { get; private init; } = string.Empty;

    /// <summary>1-based line number in the file.</summary>
    public long Number { get; private init; }

    /// <summary>Why the line is not a JSON object, or <c>null</c> when it is one.</summary>
    public string? Error { get; private init; }

    /// <summary>
    /// For a malformed line, the <c>_id</c> it starts with when that much can be read (mongoexport writes
    /// <c>_id</c> first, so a line cut short still names its document); otherwise <c>null</c>.
    /// </summary>
    public string? LeadingId { get; private init; }

    /// <summary>The line's object; only valid while this line is not disposed.</summary>
    public JsonElement Root => Document?.RootElement ?? throw new InvalidOperationException($"{Location} is malformed: {Error}");

    /// <summary><c>file:line</c>, as compilers and editors print it.</summary>
    public string Location => $"{File}:{Number}";

    public static ExportLine Parsed(string file, long number, JsonDocument document) =>
        new() { File = file, Number = number, Document = document };

    public static ExportLine Malformed(string file, long number, string error, string? leadingId = null) =>
        new() { File = file, Number = number, Error = error, LeadingId = leadingId };

    public void Dispose() => Document?.Dispose();
}
