namespace LivechatFunctions.Importer.Conversion;

/// <summary>Every reason the importer skips something, so the summary groups them the same way each run.</summary>
public static class SkipReasons
{
    public static readonly SkipReason RoomNotLivechat = new("rooms", "not a livechat room (t is not \"l\")");
    public static readonly SkipReason RoomWithoutId = new("rooms", "no _id");
    public static readonly SkipReason RoomWithoutVisitor = new("rooms", "no visitor (v._id missing)");
    public static readonly SkipReason RoomIdNotStorable = new("rooms", "_id or v._id not storable in Cosmos DB (/ \\ ? # or too long)");

    public static readonly SkipReason MessageWithoutId = new("messages", "no _id");
    public static readonly SkipReason MessageWithoutRoom = new("messages", "no rid");
    public static readonly SkipReason MessageOfOtherRoom = new("messages", "room is not an imported livechat room");
    public static readonly SkipReason MessageOfMalformedRoom = new("messages", "its room's line in the rooms file is malformed (reported above)");
    public static readonly SkipReason MessageHidden = new("messages", "hidden (_hidden: an edit's earlier version or a deleted message)");
    public static readonly SkipReason MessageIdNotStorable = new("messages", "_id not storable in Cosmos DB (/ \\ ? # or too long)");

    public static readonly SkipReason UserWithoutId = new("users", "no _id");
    public static readonly SkipReason UserInactive = new("users", "not active");
    public static readonly SkipReason UserWithoutActiveField = new("users", "no 'active' field (kept as they are)");
    public static readonly SkipReason UserWithoutTokens = new("users", "active, but no login tokens");

    public static readonly SkipReason TokenWithoutDigest = new("tokens", "no hashedToken, or not a base64 SHA-256 digest");
    public static readonly SkipReason TokenWithoutWhen = new("tokens", "login token without 'when' (its expiry is unknown)");
    public static readonly SkipReason TokenExpired = new("tokens", "expired (when + login expiration days is past)");

    public static readonly SkipReason DepartmentAgentIncomplete = new("department agents", "no agentId or departmentId");
}
