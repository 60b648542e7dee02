using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LivechatFunctions.Authentication;

namespace LivechatFunctions.Benchmarks;

/// <summary>
/// The documents behind <see cref="CannedCosmosHandler"/>: one agent's token, one visitor whose chats match
/// the default filters (closed and served), and the account and container metadata the SDK reads first.
/// Bodies are serialised once, so answering costs the handler next to nothing.
/// </summary>
public sealed class CannedStore
{
    public const string UserId = "bench-agent";
    public const string AuthToken = "bench-agent-token";
    public const string VisitorId = "bench-visitor";
    public const string RoomId = "bench-visitor-chat-0001";
    public const string DocumentETag = "\"00000000-0000-0000-0000-000000000000\"";
    public const string ActivityId = "6c3b9b8e-0f1e-4d6a-9d2a-2f8f9e3b5a11";

    /// <summary>Where the SDK believes the account is; nothing listens there, the handler answers instead.</summary>
    public static readonly Uri Endpoint = new("https://127.0.0.1:8081/");

    /// <summary>A well-formed made-up key: the SDK signs requests with it and the handler never checks.</summary>
    public static readonly string AccountKey = Convert.ToBase64String([.. Enumerable.Range(1, 64).Select(i => (byte)i)]);

    private readonly ConcurrentDictionary<int, byte[]> _pages = new();
    private readonly byte[] _token;
    private readonly byte[] _room;

    public CannedStore(long matchingChats)
    {
        MatchingChats = matchingChats;
        TokenId = TokenDigest.Compute(AuthToken);
        Account = Encoding.UTF8.GetBytes(AccountJson());
        RoomsContainer = new CannedContainer("rooms", "gAABAIAAAAE=", "/visitorId");
        TokensContainer = new CannedContainer("tokens", "gAABAIAAAAI=", "/userId");
        _token = Write(writer =>
        {
            writer.WriteString("id", TokenId);
            writer.WriteString("userId", UserId);
            writer.WriteString("username", "agent");
            writer.WriteStartArray("roles");
            writer.WriteStringValue("livechat-agent");
            writer.WriteEndArray();
            writer.WriteStartArray("departments");
            writer.WriteStringValue("sales");
            writer.WriteEndArray();
            writer.WriteString("createdAt", "2026-01-01T00:00:00.000Z");
            SystemProperties(writer, TokensContainer, "gAABAIAAAAIBAAAAAAAAAA==");
        });
        _room = Write(writer =>
        {
            writer.WriteString("id", RoomId);
            writer.WriteString("kind", "room");
            writer.WriteString("visitorId", VisitorId);
            writer.WriteString("t", "l");
            writer.WriteStartObject("source");
            writer.WriteString("type", "widget");
            writer.WriteEndObject();
            writer.WriteString("departmentId", "sales");
            ChatFields(writer, 0);
            SystemProperties(writer, RoomsContainer, "gAABAIAAAAEBAAAAAAAAAA==");
        });
        CountResult = Encoding.UTF8.GetBytes($$"""{"_rid":"{{RoomsContainer.Rid}}","Documents":[{{matchingChats.ToString(CultureInfo.InvariantCulture)}}],"_count":1}""");
    }

    /// <summary>How many of the visitor's chats match the query; a page holds at most its LIMIT of those after its OFFSET.</summary>
    public long MatchingChats { get; }

    /// <summary>The id of the agent's token document (the digest of <see cref="AuthToken"/>).</summary>
    public string TokenId { get; }

    public byte[] Account { get; }

    public CannedContainer RoomsContainer { get; }

    public CannedContainer TokensContainer { get; }

    public byte[] CountResult { get; }

    /// <summary>What the gateway answers for a query plan request of the COUNT query.</summary>
    public byte[] QueryPlan { get; } = """
        {"partitionedQueryExecutionInfoVersion":2,"queryInfo":{"distinctType":"None","top":null,"offset":null,"limit":null,"orderBy":[],"orderByExpressions":[],"groupByExpressions":[],"groupByAliases":[],"aggregates":["Count"],"groupByAliasToAggregateType":{},"rewrittenQuery":"","hasSelectValue":true,"dCountInfo":null,"hasNonStreamingOrderBy":false},"queryRanges":[{"min":"05C1C9CD673398","max":"05C1C9CD673398","isMinInclusive":true,"isMaxInclusive":true}]}
        """u8.ToArray();

    public CannedContainer? Container(string id) =>
        id == RoomsContainer.Id ? RoomsContainer : id == TokensContainer.Id ? TokensContainer : null;

    public static byte[] PartitionKeyRanges(string containerRid) => Encoding.UTF8.GetBytes(
        $$"""{"_rid":"{{containerRid}}","PartitionKeyRanges":[{"id":"0","minInclusive":"","maxExclusive":"FF","ridPrefix":0,"throughputFraction":1,"status":"online","parents":[],"_etag":"\"0000\"","_rid":"{{containerRid}}AQAAAAAAAFA=","_self":"dbs/gAABAA==/colls/{{containerRid}}/pkranges/{{containerRid}}AQAAAAAAAFA=/","_ts":1767225600}],"_count":1}""");

    public byte[]? FindToken(string id) => id == TokenId ? _token : null;

    public byte[]? FindRoom(string id) => id == RoomId ? _room : null;

    /// <summary>A query answer holding <paramref name="rows"/> chats, projected to the history fields as the app's query asks.</summary>
    public byte[] PageResult(int rows) => _pages.GetOrAdd(rows, count => Write(writer =>
    {
        writer.WriteString("_rid", RoomsContainer.Rid);
        writer.WriteStartArray("Documents");
        for (var i = 0; i < count; i++)
        {
            writer.WriteStartObject();
            ChatFields(writer, i);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteNumber("_count", count);
    }));

    // The fields of a chat the history shows, shaped like the demo data (a closed, served chat with a closing message).
    private static void ChatFields(Utf8JsonWriter writer, int index)
    {
        var opened = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero).AddHours(-17 * index);
        writer.WriteString("_id", $"{VisitorId}-chat-{index + 1:0000}");
        writer.WriteString("fname", "Maria");
        writer.WriteString("ts", Iso(opened));
        writer.WriteNumber("msgs", 2 + (index % 5));
        writer.WriteStartObject("v");
        writer.WriteString("_id", VisitorId);
        writer.WriteString("username", "guest-100");
        writer.WriteString("token", "visitor-token-1");
        writer.WriteString("status", "online");
        writer.WriteEndObject();
        writer.WriteStartObject("servedBy");
        writer.WriteString("_id", UserId);
        writer.WriteString("username", "agent");
        writer.WriteString("ts", Iso(opened.AddSeconds(30)));
        writer.WriteEndObject();
        writer.WriteString("closedAt", Iso(opened.AddMinutes(20)));
        writer.WriteStartObject("closedBy");
        writer.WriteString("_id", UserId);
        writer.WriteString("username", "agent");
        writer.WriteEndObject();
        writer.WriteString("closer", "user");
        writer.WriteStartArray("tags");
        writer.WriteStringValue("billing");
        writer.WriteEndArray();
        writer.WriteStartObject("closingMessage");
        writer.WriteString("_id", $"{VisitorId}-chat-{index + 1:0000}-close");
        writer.WriteString("msg", "Chat closed. Thank you!");
        writer.WriteString("t", "livechat-close");
        writer.WriteString("ts", Iso(opened.AddMinutes(20)));
        writer.WriteEndObject();
    }

    private static void SystemProperties(Utf8JsonWriter writer, CannedContainer container, string rid)
    {
        writer.WriteString("_rid", rid);
        writer.WriteString("_self", $"dbs/gAABAA==/colls/{container.Rid}/docs/{rid}/");
        writer.WriteString("_etag", DocumentETag);
        writer.WriteString("_attachments", "attachments/");
        writer.WriteNumber("_ts", 1767225600);
    }

    private static string AccountJson()
    {
        var endpoint = Endpoint.AbsoluteUri;
        return $$"""
            {"_self":"","id":"perf","_rid":"perf.documents.azure.com","media":"//media/","addresses":"//addresses/","_dbs":"//dbs/",
             "writableLocations":[{"name":"West Europe","databaseAccountEndpoint":"{{endpoint}}"}],
             "readableLocations":[{"name":"West Europe","databaseAccountEndpoint":"{{endpoint}}"}],
             "enableMultipleWriteLocations":false,
             "userReplicationPolicy":{"asyncReplication":false,"minReplicaSetSize":3,"maxReplicasetSize":4},
             "userConsistencyPolicy":{"defaultConsistencyLevel":"Session"},
             "systemReplicationPolicy":{"minReplicaSetSize":3,"maxReplicasetSize":4},
             "readPolicy":{"primaryReadCoefficient":1,"secondaryReadCoefficient":1},
             "queryEngineConfiguration":"{\"maxSqlQueryInputLength\":262144,\"maxJoinsPerSqlQuery\":5,\"maxLogicalAndPerSqlQuery\":500,\"maxLogicalOrPerSqlQuery\":500,\"maxUdfRefPerSqlQuery\":10,\"maxInExpressionItemsCount\":16000,\"queryMaxInMemorySortDocumentCount\":500,\"maxQueryRequestTimeoutFraction\":0.9,\"sqlAllowNonFiniteNumbers\":false,\"sqlAllowAggregateFunctions\":true,\"sqlAllowSubQuery\":true,\"sqlAllowScalarSubQuery\":true,\"allowNewKeywords\":true,\"sqlAllowLike\":false,\"sqlAllowGroupByClause\":true,\"maxSpatialQueryCells\":12,\"spatialMaxGeometryPointCount\":256,\"sqlDisableOptimizationFlags\":0,\"sqlAllowTop\":true,\"enableSpatialIndexing\":true}"}
            """;
    }

    private static byte[] Write(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Iso(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
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
