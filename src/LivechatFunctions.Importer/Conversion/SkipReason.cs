namespace LivechatFunctions.Importer.Conversion;

/// <summary>Why something in the export was not written; the summary counts each.</summary>
/// <param name="Subject">What was skipped: rooms, messages, users or tokens.</param>
/// <param name="Description">Why, in a few words.</param>
public sealed record SkipReason(string Subject, string Description);
