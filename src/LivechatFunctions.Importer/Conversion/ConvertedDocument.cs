namespace LivechatFunctions.Importer.Conversion;

/// <summary>A document ready to upsert: its UTF-8 JSON and where it goes.</summary>
/// <param name="Kind">Which container and which count it belongs to.</param>
/// <param name="Id">The document's <c>id</c>.</param>
/// <param name="PartitionKey">Visitor id for rooms and messages, user id for tokens.</param>
/// <param name="Json">The whole document.</param>
/// <param name="Source"><c>file:line</c> it came from, for reports.</param>
public sealed record ConvertedDocument(DocumentKind Kind, string Id, string PartitionKey, ReadOnlyMemory<byte> Json, string Source);
