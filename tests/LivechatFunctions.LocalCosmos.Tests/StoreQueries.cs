using Microsoft.Azure.Cosmos;

namespace LivechatFunctions.LocalCosmos.Tests;

/// <summary>Runs a single-partition query as the app sends it and gives each row as the store's JSON.</summary>
internal static class StoreQueries
{
    // Each row as the store's JSON, so any projection or VALUE can be compared as written.
    public static async Task<List<string>> RowsAsync(Container container, PartitionKey partitionKey, QueryDefinition query, int? maxItemCount, CancellationToken ct)
    {
        var options = new QueryRequestOptions
        {
            PartitionKey = partitionKey,
            EnableOptimisticDirectExecution = true,
            MaxItemCount = maxItemCount,
        };
        var rows = new List<string>();
        using var iterator = container.GetItemQueryStreamIterator(query, continuationToken: null, options);
        while (iterator.HasMoreResults)
        {
            using var response = await iterator.ReadNextAsync(ct);
            response.EnsureSuccessStatusCode();
            using var body = await System.Text.Json.JsonDocument.ParseAsync(response.Content, cancellationToken: ct);
            rows.AddRange(body.RootElement.GetProperty("Documents").EnumerateArray().Select(row => row.GetRawText()));
        }

        return rows;
    }

    /// <summary>The status the store answers a query with: OK, or the status of the exception it throws.</summary>
    public static async Task<System.Net.HttpStatusCode> StatusAsync(Container container, string partitionKey, QueryDefinition query, CancellationToken ct)
    {
        try
        {
            await RowsAsync(container, new PartitionKey(partitionKey), query, maxItemCount: null, ct);
            return System.Net.HttpStatusCode.OK;
        }
        catch (CosmosException error)
        {
            return error.StatusCode;
        }
    }
}
