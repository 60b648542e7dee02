namespace LivechatFunctions.Importer.Conversion;

/// <summary>A document to delete where it exists, because the export shows Rocket.Chat no longer has it.</summary>
/// <param name="Kind">Which container.</param>
/// <param name="Id">The document's <c>id</c>.</param>
/// <param name="PartitionKey">Visitor id for messages, user id for tokens.</param>
/// <param name="Reason">What proves it gone.</param>
/// <param name="Source"><c>file:line</c> that proves it, for reports.</param>
public sealed record DocumentDeletion(DocumentKind Kind, string Id, string PartitionKey, DeletionReason Reason, string Source);
