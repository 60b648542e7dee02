namespace LivechatFunctions.Importer.Conversion;

/// <summary>
/// One user of the users export whose token documents must match it: every token document in the user's
/// partition whose id is not in <paramref name="Kept"/> is deleted.
/// </summary>
/// <param name="UserId">The user, and the partition of their token documents.</param>
/// <param name="Kept">Ids of the tokens the export still lists and that are not proven invalid.</param>
/// <param name="Reason">Why the others are gone.</param>
/// <param name="Source"><c>file:line</c> of the user.</param>
public sealed record TokenReconciliation(string UserId, IReadOnlySet<string> Kept, DeletionReason Reason, string Source);
