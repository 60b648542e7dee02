using LivechatFunctions.Authentication;
using LivechatFunctions.Authorization;
using LivechatFunctions.Http;
using LivechatFunctions.Storage;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// The endpoint's logic (spec §2): authenticate, authorise, validate, check the room and access, then read
/// the page. Errors answer in the spec's order; store reads start as soon as their inputs are known.
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

        // The page is read alongside the room check so the caller waits for one round trip, not two; it is
        // dropped unread if the room check refuses.
        using var pageCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pageTask = ReadPageAsync(new ChatQuery(request.VisitorId, parsed.Parameters!), pageCancellation.Token);
        RoomAccessFacts? room;
        try
        {
            room = await rooms.FindAsync(request.VisitorId, request.RoomId, cancellationToken);
        }
        catch
        {
            await AbandonAsync(pageTask, pageCancellation);
            throw;
        }

        var refusal = room is null ? ApiError.InvalidRoom
            : !accessPolicy.CanOpen(user, room) ? ApiError.NotAllowed
            : null;
        if (refusal is not null)
        {
            await AbandonAsync(pageTask, pageCancellation);
            return refusal;
        }

        return await pageTask;
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

    private static async Task AbandonAsync(Task<ChatHistoryPage> pageTask, CancellationTokenSource cancellation)
    {
        await cancellation.CancelAsync();
        try
        {
            // A page that made it back anyway gives its pooled buffer back now rather than to the collector.
            (await pageTask).Dispose();
        }
        catch (Exception)
        {
            // The page was never going to be shown: however it ended changes nothing about the answer.
        }
    }
}
