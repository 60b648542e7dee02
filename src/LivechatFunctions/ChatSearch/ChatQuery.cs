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
    /// query (unlike <c>@top</c>), so a plan fetched for one value serves them all (<see cref="Storage.QueryPlanCache"/>).
    /// </summary>
    public static IReadOnlyList<string> FilterOnlyParameters { get; } = ["@visitorId", "@source", "@roomIds", "@searchText"];

    public string VisitorId { get; } = visitorId;

    private static readonly string ItemProjection = ChatHistoryItem.Projection("c");

    public ChatSearchParameters Parameters { get; } = parameters;

    /// <summary>Chats with a matching message, when <c>searchText</c> was given.</summary>
    public IReadOnlyCollection<string>? RoomIds { get; } = roomIds;

    /// <summary>
    /// How many rows the page query asks for: the skipped ones and the page. OFFSET…LIMIT would skip in the
    /// store, but the local server cannot parse it, and the store reads the skipped rows either way. No partition
    /// holds int.MaxValue chats, so a larger TOP would change nothing and is not sent.
    /// </summary>
    public long? Top => Parameters.Count is { } count ? Math.Min(Parameters.Offset + count, int.MaxValue) : null;

    public ChatQuery WithRoomIds(IReadOnlyCollection<string> roomIds) => new(VisitorId, Parameters, roomIds);

    public QueryDefinition Page()
    {
        var sql = new StringBuilder("SELECT ");
        if (Top is not null)
        {
            sql.Append("TOP @top ");
        }

        sql.Append(ItemProjection).Append(" FROM c");
        AppendFilter(sql);
        sql.Append(" ORDER BY c.").Append(Parameters.Sort.PropertyName).Append(Parameters.Sort.Descending ? " DESC" : " ASC");

        var query = WithParameters(new QueryDefinition(sql.ToString()));
        return Top is { } top ? query.WithParameter("@top", top) : query;
    }

    public QueryDefinition Count()
    {
        var sql = new StringBuilder("SELECT VALUE COUNT(1) FROM c");
        AppendFilter(sql);
        return WithParameters(new QueryDefinition(sql.ToString()));
    }

    /// <summary>Ids of the visitor's chats with a message whose text contains <paramref name="searchText"/>, case-sensitively.</summary>
    public static QueryDefinition RoomsWithText(string visitorId, string searchText) =>
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
            sql.Append(" AND IS_DEFINED(c.servedBy)");
        }

        if (Parameters.Source is not null)
        {
            // LOWER on both sides, not CONTAINS(a, b, true): the local server lacks the three-argument form.
            sql.Append(" AND (CONTAINS(LOWER(c.source.type), @source) OR CONTAINS(LOWER(c.source.alias), @source))");
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
