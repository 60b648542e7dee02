namespace LivechatFunctions.Importer.Conversion;

/// <summary>Why a stored document is deleted: what the export shows Rocket.Chat no longer has. The summary counts each.</summary>
/// <param name="Kind">What is deleted.</param>
/// <param name="Description">What in the export proves it gone, in a few words.</param>
public sealed record DeletionReason(DocumentKind Kind, string Description);
