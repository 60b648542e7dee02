using LivechatFunctions.Http;

namespace LivechatFunctions.ChatSearch;

/// <summary>Everything the endpoint reads from an HTTP request, already out of the HTTP types.</summary>
/// <param name="UserId">The <c>X-User-Id</c> header, or <c>null</c> when absent or given more than once.</param>
/// <param name="AuthToken">The <c>X-Auth-Token</c> header, or <c>null</c> when absent or given more than once.</param>
/// <param name="RoomId">The path's room id.</param>
/// <param name="VisitorId">The path's visitor id.</param>
/// <param name="Query">The query string as written.</param>
public sealed record ChatSearchRequest(string? UserId, string? AuthToken, string RoomId, string VisitorId, QueryParameters Query);
