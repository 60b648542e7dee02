namespace LivechatFunctions.Authentication;

/// <summary>The user a valid token belongs to, as the token document describes them.</summary>
/// <param name="Id">Rocket.Chat user id (the <c>X-User-Id</c> header).</param>
/// <param name="Roles">Role names.</param>
/// <param name="Departments">Ids of the departments the user is an agent of.</param>
public sealed record AuthenticatedUser(string Id, IReadOnlyList<string> Roles, IReadOnlyList<string> Departments);
