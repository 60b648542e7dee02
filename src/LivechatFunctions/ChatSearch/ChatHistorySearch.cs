using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.Http;
using LivechatFunctions.Storage;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// The endpoint's logic (spec §2): authenticate, authorise, validate, check the room and access, then read
/// the page. Errors answer in the spec's order; the page read starts beside the room check unless it searches
/// messages, and no refusal waits for it.
/// </summary>
public sealed class ChatHistorySearch(
    TokenAuthenticator authenticator,
    PermissionTable permissions,
    RoomAccessPolicy accessPolicy,
    SearchParameterParser parser,
    RoomStore rooms,
    ChatHistoryStore history)
{
    public async Task<ChatSearchOutcome> SearchAsync(ChatSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = await authenticator.AuthenticateAsync(request.UserId, request.AuthToken, cancellationToken);
        if (user is null)
        {
            return ApiError.NotLoggedIn;
        }

        if (!permissions.Grants(user.Roles, LivechatPermission.ViewLRoom))
        {
            return ApiError.Forbidden;
        }

        var parsed = parser.Parse(request.Query);
        if (parsed.Error is { } invalid)
        {
            return invalid;
        }

        if (!StoreLimits.CanBeId(request.RoomId) || !StoreLimits.CanBePartitionKey(request.VisitorId))
        {
            return ApiError.InvalidRoom;
        }

        // A refusal tells the caller nothing beyond its body, its timing included (spec §2). Without searchText the page
        // is read alongside the room check, so the caller waits for one round trip, not two; a refusal answers without
        // waiting for it. The message search's cost depends on what the visitor wrote, so with searchText nothing is
        // read before access is granted: started beside the room read, it would tell a user refused the room whether
        // the visitor ever wrote the word, by how long the refusal took.
        var query = new ChatQuery(request.VisitorId, parsed.Parameters!);
        var alongside = query.Parameters.SearchText is null ? StartAlongside(query, cancellationToken) : null;
        RoomAccessFacts? room;
        try
        {
            room = await rooms.FindAsync(request.VisitorId, request.RoomId, cancellationToken);
        }
        catch
        {
            alongside?.Abandon();
            throw;
        }

        var refusal = room is null ? ApiError.InvalidRoom
            : !accessPolicy.CanOpen(user, room) ? ApiError.NotAllowed
            : null;
        if (refusal is not null)
        {
            alongside?.Abandon();
            return refusal;
        }

        if (alongside is null)
        {
            return await ReadPageAsync(query, cancellationToken);
        }

        using (alongside)
        {
            return await alongside.Page;
        }
    }

    private PageReadAlongside StartAlongside(ChatQuery query, CancellationToken cancellationToken)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new PageReadAlongside(ReadPageAsync(query, cancellation.Token), cancellation);
    }

    private async Task<ChatHistoryPage> ReadPageAsync(ChatQuery query, CancellationToken cancellationToken)
    {
        if (query.Parameters.SearchText is { } searchText)
        {
            var roomIds = await history.FindRoomsWithTextAsync(query.VisitorId, searchText, cancellationToken);
            if (roomIds.Count == 0)
            {
                return new ChatHistoryPage("[]"u8.ToArray(), 0, query.Parameters.Offset, 0);
            }

            query = query.WithRoomIds(roomIds);
        }

        return await history.ReadPageAsync(query, cancellationToken);
    }
}
