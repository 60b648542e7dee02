using System.Text;
using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.ChatSearch;

/// <summary>
/// The Cosmos DB SQL for one history search. Everything the caller sends travels as a parameter; the text
/// is built only from fixed fragments and the allow-listed sort field. Each query names the visitor's
/// partition in its WHERE clause as well as in its request options, so it stays a single-partition query.
/// </summary>
public sealed class ChatQuery(string visitorId, ChatSearchParameters parameters, IReadOnlyCollection<string>? roomIds = null)
{
    /// <summary>
    /// The parameters these queries use only to select rows. Their values never change how the store plans a
    /// query (unlike <c>@offset</c> and <c>@limit</c>), so a plan fetched for one value serves them all (<see cref="Storage.QueryPlanCache"/>).
    /// </summary>
    public static IReadOnlyList<string> FilterOnlyParameters { get; } = ["@visitorId", "@source", "@roomIds", "@searchText"];

    public string VisitorId { get; } = visitorId;

    private static readonly string ItemProjection = ChatHistoryItem.Projection("c");

    public ChatSearchParameters Parameters { get; } = parameters;

    /// <summary>Chats with a matching message, when <c>searchText</c> was given.</summary>
    public IReadOnlyCollection<string>? RoomIds { get; } = roomIds;

    /// <summary>
    /// The page size the store is asked for, or <c>null</c> for every chat from the offset on. A bounded page is
    /// skipped and taken in the store (TOP for the first page, OFFSET … LIMIT after it), so the chats before it never
    /// leave the store.
    /// </summary>
    public int? Limit => Parameters.Count;

    /// <summary>
    /// The chats the app itself steps over: none when the store pages, the offset when every chat is asked for (the
    /// store then sends them all anyway, and an unbounded LIMIT is not worth a second query shape).
    /// </summary>
    public long SkippedByApp => Limit is null ? Parameters.Offset : 0;

    // No partition holds int.MaxValue chats: a larger offset finds none either way, and is not worth a wider number.
    private int StoreOffset => (int)Math.Min(Parameters.Offset, int.MaxValue);

    public ChatQuery WithRoomIds(IReadOnlyCollection<string> roomIds) => new(VisitorId, Parameters, roomIds);

    public QueryDefinition Page()
    {
        // The first page, the one asked for most, is a TOP: the same rows as OFFSET 0 LIMIT n, and the SDK allocates
        // about 4.4 KB more per request for a query that ends in OFFSET … LIMIT (the benchmark's allocation column).
        var firstPage = Limit is not null && Parameters.Offset == 0;
        var sql = new StringBuilder(firstPage ? "SELECT TOP @limit " : "SELECT ").Append(ItemProjection).Append(" FROM c");
        AppendFilter(sql);
        AppendOrderBy(sql);
        if (Limit is not { } limit)
        {
            return WithParameters(new QueryDefinition(sql.ToString()));
        }

        if (!firstPage)
        {
            sql.Append(" OFFSET @offset LIMIT @limit");
        }

        var query = WithParameters(new QueryDefinition(sql.ToString())).WithParameter("@limit", limit);
        return firstPage ? query : query.WithParameter("@offset", StoreOffset);
    }

    /// <summary>
    /// The sort field, then <c>_id</c> in the same direction (spec §3): Cosmos DB leaves the order of tied rows undefined,
    /// so without the tie-breaker a chat could repeat or vanish between a TOP page and the OFFSET page after it. The
    /// rooms container has a composite index (field, _id) for each sort field; <c>_id</c> alone is its own range path.
    /// </summary>
    private void AppendOrderBy(StringBuilder sql)
    {
        var direction = Parameters.Sort.Descending ? " DESC" : " ASC";
        sql.Append(" ORDER BY c.").Append(Parameters.Sort.PropertyName).Append(direction);
        if (Parameters.Sort.Field != ChatSortField.Id)
        {
            sql.Append(", c._id").Append(direction);
        }
    }

    /// <summary>
    /// Each matching chat's <c>_id</c> and sort value, in no order: what the app needs to order and page chats whose
    /// ids do not fit in one query (<see cref="Storage.ChatHistoryStore"/>).
    /// </summary>
    public QueryDefinition SortKeys()
    {
        var sql = new StringBuilder("SELECT c._id");
        if (Parameters.Sort.Field != ChatSortField.Id)
        {
            sql.Append(", c.").Append(Parameters.Sort.PropertyName);
        }

        sql.Append(" FROM c");
        AppendFilter(sql);
        return WithParameters(new QueryDefinition(sql.ToString()));
    }

    public QueryDefinition Count()
    {
        var sql = new StringBuilder("SELECT VALUE COUNT(1) FROM c");
        AppendFilter(sql);
        return WithParameters(new QueryDefinition(sql.ToString()));
    }

    /// <summary>Ids of the visitor's chats with a message whose text contains <paramref name="searchText"/>, case-sensitively.</summary>
    public static QueryDefinition RoomsWithText(string visitorId, string searchText) =>
        // Not DISTINCT: the SDK (3.64) fetches a query plan before a DISTINCT query, one more round trip in a row for
        // every new shape; a chat's repeated id costs a few bytes and the store makes them unique (FindRoomsWithTextAsync).
        new QueryDefinition("SELECT VALUE m.rid FROM m WHERE m.visitorId = @visitorId AND m.kind = 'message' AND CONTAINS(m.msg, @searchText)")
            .WithParameter("@visitorId", visitorId)
            .WithParameter("@searchText", searchText);

    private void AppendFilter(StringBuilder sql)
    {
        sql.Append(" WHERE c.visitorId = @visitorId AND c.kind = 'room'");
        if (Parameters.ClosedOnly)
        {
            sql.Append(" AND IS_DEFINED(c.closedAt)");
        }

        if (Parameters.ServedOnly)
        {
            // Served from the index: the policy indexes /servedBy/* (a path under it is defined exactly when servedBy is).
            sql.Append(" AND IS_DEFINED(c.servedBy)");
        }

        if (Parameters.Source is not null)
        {
            // Cosmos DB's own case-insensitive form, which the index on both paths serves; LOWER(...) never uses an index.
            sql.Append(" AND (CONTAINS(c.source.type, @source, true) OR CONTAINS(c.source.alias, @source, true))");
        }

        if (RoomIds is not null)
        {
            sql.Append(" AND ARRAY_CONTAINS(@roomIds, c._id)");
        }
    }

    private QueryDefinition WithParameters(QueryDefinition query)
    {
        query = query.WithParameter("@visitorId", VisitorId);
        if (Parameters.Source is not null)
        {
            query = query.WithParameter("@source", Parameters.Source);
        }

        return RoomIds is null ? query : query.WithParameter("@roomIds", RoomIds);
    }
}
