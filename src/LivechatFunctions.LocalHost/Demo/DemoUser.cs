namespace LivechatFunctions.LocalHost.Demo;

/// <summary>A demo login: the headers to send and what the user is for.</summary>
/// <param name="UserId">The <c>X-User-Id</c> header.</param>
/// <param name="Token">The <c>X-Auth-Token</c> header (a demo value, not a secret).</param>
/// <param name="Roles">Role names.</param>
/// <param name="Description">What a request with this login shows.</param>
public sealed record DemoUser(string UserId, string Token, IReadOnlyList<string> Roles, string Description);
