using System.Text.Json;

namespace LivechatFunctions.Storage;

/// <summary>
/// Reads one row of a query answer where it lies. Called with <paramref name="reader"/> on the row's first token, it
/// must return with the reader on the row's last token (for an object or array, <see cref="Utf8JsonReader.Skip"/>
/// gets there). <paramref name="json"/> is the whole answer the reader walks, for slicing the row out of it.
/// </summary>
public delegate void RowReader(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json);
