namespace LivechatFunctions.Importer.Conversion;

/// <summary>Every reason the importer deletes a document, so the summary groups them the same way each run.</summary>
public static class DeletionReasons
{
    public static readonly DeletionReason MessageHidden = new(DocumentKind.Message, "hidden in Rocket.Chat (_hidden: edited or deleted)");
    public static readonly DeletionReason TokenNoLongerListed = new(DocumentKind.Token, "no longer listed for its user, or expired (logged out, revoked)");
    public static readonly DeletionReason TokenOfInactiveUser = new(DocumentKind.Token, "its user is deactivated (active: false)");
    public static readonly DeletionReason TokenOfAbsentUser = new(DocumentKind.Token, "its user is not in the users export (--remove-absent-users)");
}
