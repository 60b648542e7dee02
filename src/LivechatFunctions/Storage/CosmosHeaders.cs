using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.Storage;

/// <summary>The Cosmos DB request headers the app's own pipeline handlers look at.</summary>
internal static class CosmosHeaders
{
    /// <summary>Set by the SDK when it asks the gateway how to run a query rather than running it.</summary>
    public const string QueryPlanRequest = "x-ms-cosmos-is-query-plan-request";

    /// <summary>The query features the SDK can execute itself; the gateway shapes the plan to them.</summary>
    public const string SupportedQueryFeatures = "x-ms-cosmos-supported-query-features";

    /// <summary>The partition key a request is scoped to, as a JSON array.</summary>
    public const string PartitionKey = "x-ms-documentdb-partitionkey";

    public static bool IsQueryPlanRequest(RequestMessage request) =>
        request.Headers[QueryPlanRequest] is { } value && bool.TryParse(value, out var isPlan) && isPlan;
}
