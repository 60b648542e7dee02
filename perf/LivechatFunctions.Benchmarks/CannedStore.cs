using System.Collections.Concurrent;
using System.Text;
using LivechatFunctions.Authentication;
using LivechatFunctions.Perf;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// The documents behind <see cref="CannedCosmosHandler"/>: one agent's token, one visitor whose chats match the
/// default filters (closed and served), and the account and container metadata the SDK reads first. Bodies are
/// serialised once, so answering costs the handler next to nothing.
/// </summary>
public sealed class CannedStore
{
    public const string UserId = "bench-agent";
    public const string AuthToken = "bench-agent-token";
    public const string VisitorId = "bench-visitor";
    public const string ActivityId = "6c3b9b8e-0f1e-4d6a-9d2a-2f8f9e3b5a11";
    public const string DocumentETag = "\"00000000-0000-0000-0000-000000000000\"";
    public static readonly string RoomId = ChatDocuments.RoomId(VisitorId, 0);

    /// <summary>Where the SDK believes the account is; nothing listens there, the handler answers instead.</summary>
    public static readonly Uri Endpoint = new("https://127.0.0.1:8081/");

    /// <summary>A well-formed made-up key: the SDK signs requests with it and the handler never checks.</summary>
    public static readonly string AccountKey = Convert.ToBase64String([.. Enumerable.Range(1, 64).Select(i => (byte)i)]);

    // The system properties a stored document comes back with.
    private const string SystemProperties = """
        "_rid":"gAABAIAAAAEBAAAAAAAAAA==","_etag":"\"00000000-0000-0000-0000-000000000000\"","_attachments":"attachments/","_ts":1767225600}
        """;

    private readonly ConcurrentDictionary<int, byte[]> _pages = new();

    public CannedStore(long matchingChats)
    {
        MatchingChats = matchingChats;
        TokenId = TokenDigest.Compute(AuthToken);
        Token = Utf8($$"""{"id":"{{TokenId}}","userId":"{{UserId}}","username":"agent","roles":["livechat-agent"],"departments":["sales"],"createdAt":"2026-01-01T00:00:00.000Z",""" + SystemProperties);
        Room = Utf8(ChatDocuments.Room(VisitorId, 0, UserId)[..^1] + "," + SystemProperties);
        CountResult = Utf8($$"""{"_rid":"{{RoomsContainer.Rid}}","Documents":[{{matchingChats}}],"_count":1}""");
    }

    /// <summary>How many of the visitor's chats match the query; a page holds at most its LIMIT of those after its OFFSET.</summary>
    public long MatchingChats { get; }

    /// <summary>The id of the agent's token document (the digest of <see cref="AuthToken"/>).</summary>
    public string TokenId { get; }

    public byte[] Token { get; }

    public byte[] Room { get; }

    public byte[] CountResult { get; }

    public CannedContainer RoomsContainer { get; } = new("rooms", "gAABAIAAAAE=", "/visitorId");

    public CannedContainer TokensContainer { get; } = new("tokens", "gAABAIAAAAI=", "/userId");

    public byte[] Account { get; } = Utf8($$"""
        {"_self":"","id":"perf","_rid":"perf.documents.azure.com","media":"//media/","addresses":"//addresses/","_dbs":"//dbs/",
         "writableLocations":[{"name":"West Europe","databaseAccountEndpoint":"{{Endpoint.AbsoluteUri}}"}],
         "readableLocations":[{"name":"West Europe","databaseAccountEndpoint":"{{Endpoint.AbsoluteUri}}"}],
         "enableMultipleWriteLocations":false,
         "userReplicationPolicy":{"asyncReplication":false,"minReplicaSetSize":3,"maxReplicasetSize":4},
         "userConsistencyPolicy":{"defaultConsistencyLevel":"Session"},
         "systemReplicationPolicy":{"minReplicaSetSize":3,"maxReplicasetSize":4},
         "readPolicy":{"primaryReadCoefficient":1,"secondaryReadCoefficient":1},
         "queryEngineConfiguration":"{\"maxSqlQueryInputLength\":262144,\"maxJoinsPerSqlQuery\":5,\"maxLogicalAndPerSqlQuery\":500,\"maxLogicalOrPerSqlQuery\":500,\"maxUdfRefPerSqlQuery\":10,\"maxInExpressionItemsCount\":16000,\"queryMaxInMemorySortDocumentCount\":500,\"maxQueryRequestTimeoutFraction\":0.9,\"sqlAllowNonFiniteNumbers\":false,\"sqlAllowAggregateFunctions\":true,\"sqlAllowSubQuery\":true,\"sqlAllowScalarSubQuery\":true,\"allowNewKeywords\":true,\"sqlAllowLike\":false,\"sqlAllowGroupByClause\":true,\"maxSpatialQueryCells\":12,\"spatialMaxGeometryPointCount\":256,\"sqlDisableOptimizationFlags\":0,\"sqlAllowTop\":true,\"enableSpatialIndexing\":true}"}
        """);

    /// <summary>What the gateway answers for a query plan request of the COUNT query.</summary>
    public byte[] QueryPlan { get; } = """
        {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,"orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":["Count"],"groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":true,"dCountInfo":null,"hasNonStreamingOrderBy":false},"queryRanges":[{"min":"05C1C9CD673398","max":"05C1C9CD673398","isMinInclusive":true,"isMaxInclusive":true}]}
        """u8.ToArray();

    public CannedContainer? Container(string id) =>
        id == RoomsContainer.Id ? RoomsContainer : id == TokensContainer.Id ? TokensContainer : null;

    public static byte[] PartitionKeyRanges(string containerRid) => Utf8(
        $$"""{"_rid":"{{containerRid}}","PartitionKeyRanges":[{"id":"0","minInclusive":"","maxExclusive":"FF","ridPrefix":0,"throughputFraction":1,"status":"online","parents":[],"_etag":"\"0000\"","_rid":"{{containerRid}}AQAAAAAAAFA=","_self":"dbs/gAABAA==/colls/{{containerRid}}/pkranges/{{containerRid}}AQAAAAAAAFA=/","_ts":1767225600}],"_count":1}""");

    /// <summary>A query answer holding <paramref name="rows"/> chats, projected to the history fields as the app's query asks.</summary>
    public byte[] PageResult(int rows) => _pages.GetOrAdd(rows, count => Utf8(
        $$"""{"_rid":"{{RoomsContainer.Rid}}","Documents":[{{string.Join(",", Enumerable.Range(0, count).Select(i => ChatDocuments.Row(VisitorId, i, UserId)))}}],"_count":{{count}}}"""));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

/// <summary>A container as the SDK's collection read sees it.</summary>
public sealed class CannedContainer(string id, string rid, string partitionKeyPath)
{
    public string Id { get; } = id;

    public string Rid { get; } = rid;

    public string ETag { get; } = "\"" + rid + "\"";

    public byte[] Properties { get; } = Encoding.UTF8.GetBytes($$"""
        {"id":"{{id}}","indexingPolicy":{"indexingMode":"consistent","automatic":true,"includedPaths":[{"path":"/*"}],"excludedPaths":[{"path":"/\"_etag\"/?"}]},"partitionKey":{"paths":["{{partitionKeyPath}}"],"kind":"Hash","version":2},"conflictResolutionPolicy":{"mode":"LastWriterWins","conflictResolutionPath":"/_ts","conflictResolutionProcedure":""},"geospatialConfig":{"type":"Geography"},"_rid":"{{rid}}","_ts":1767225600,"_self":"dbs/gAABAA==/colls/{{rid}}/","_etag":"\"0000\"","_docs":"docs/","_sprocs":"sprocs/","_triggers":"triggers/","_udfs":"udfs/","_conflicts":"conflicts/"}
        """);
}
