namespace LivechatFunctions.Authentication;

/// <summary>The fields of a token document (spec §4) that authentication reads.</summary>
/// <param name="UserId">Owner of the token; also the partition key.</param>
/// <param name="Roles">Role names.</param>
/// <param name="Departments">Department ids the user is an agent of.</param>
/// <param name="ExpiresAt">Moment the token stops working, or <c>null</c> when it does not expire.</param>
/// <param name="HasValidExpiry">False when <c>expiresAt</c> is present but not a date: such a token is refused.</param>
public sealed record TokenRecord(
    string UserId,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> Departments,
    DateTimeOffset? ExpiresAt,
    bool HasValidExpiry = true);
